// Annotations in the wrong place are errors at the annotation, never ignored.
// RUN: %cc_ppar -std=c23 -fsyntax-only -Xclang -verify %s

#pragma ppar jit(parallel) // expected-error {{'#pragma ppar jit' must be followed by a function definition, but it is followed by a variable}}
int counter;

#pragma ppar vectorize // expected-error {{'#pragma ppar vectorize' must be followed by a function definition, but it is followed by a type declaration}}
struct point { double x, y; };

#pragma ppar delayed // expected-error {{'#pragma ppar delayed' must be followed by a function definition, but it is followed by a typedef}}
typedef int index_t;

void inside(double *x, int n) {
#pragma ppar jit(parallel) // expected-error {{'#pragma ppar jit' must be placed before a function definition, not inside one}}
  for (int i = 0; i < n; i++)
    x[i] = 0;
}

#pragma ppar jit(parallel)
void not_a_loop(double *x, int n) {
#pragma ppar prange // expected-error {{'prange' must be followed by a for loop}}
  x[0] = n;
#pragma ppar prange // expected-error {{'prange' must be followed by a for loop}}
  while (n--)
    x[n] = 0;
}

#pragma ppar prange // expected-error {{'prange' must be followed by a for loop inside a function definition}}
int after_prange;

[[ppar::jit("parallel")]] int annotated_variable; // expected-error {{'jit' applies to functions; [[ppar::jit]] cannot annotate this declaration}}

__attribute__((ppar_prange)) void prange_on_function(void); // expected-error {{'prange' applies to a for loop, not to a declaration}}

void statement_attributes(double *x, int n) {
  [[ppar::prange]] x[0] = 1; // expected-error {{'prange' must be followed by a for loop}}
  [[ppar::jit("parallel")]] for (int i = 0; i < n; i++) x[i] = 0; // expected-error {{'jit' applies to a function definition, not to a statement}}
}

void no_parallel(double *x, int n) {
#pragma ppar prange // expected-warning {{'prange' outside a jit(parallel) function: the loop runs serially}}
  for (int i = 0; i < n; i++)
    x[i] = 0;
}

#pragma ppar jit(parallel)
void twice(void); // a prototype takes the annotation for the definition
#pragma ppar jit(nogil) // expected-error {{conflicting 'jit' annotations on 'twice': 'jit(parallel)' and 'jit(nogil)'}}
void twice(void) {}
