// Regressions from the robustness sweep, at compile time: what cannot be
// versioned is said, never an error in generated code.
// RUN: %cc_ppar -std=c23 -fsyntax-only -Xclang -verify %s
#include <ppar.h>

#define K 3
#pragma ppar jit(parallel) // expected-warning {{ppar cannot make a parallel version of 'undefines': its body contains '#undef' (line 11); move it out of the function; it runs serially}}
void undefines(int *a, int n) {
  for (int i = 0; i < n; i++)
    a[i] = K;
#undef K
}

#pragma ppar jit(parallel) // expected-warning {{ppar cannot make a parallel version of 'opaque_param': its parameter list declares 'struct opaque'; declare the type before the function; it runs serially}}
int opaque_param(struct opaque *p, int *a, int n) { // expected-warning {{declaration of 'struct opaque' will not be visible outside of this function}}
  for (int i = 0; i < n; i++)
    a[i] = p == 0;
  return a[0];
}

#pragma ppar jit(parallel) // expected-warning {{ppar cannot make a parallel version of 'plain_inline': it is an inline function with external linkage}}
inline void plain_inline(int *a, int n) {
  for (int i = 0; i < n; i++)
    a[i] = i;
}

#pragma ppar jit(parallel)
void wrong_way(int *a, int n) {
#pragma ppar prange // expected-note {{'prange' is here}}
  for (int i = 0; i < n; i--) // expected-error {{'prange' loop cannot run in parallel: the step of 'i' moves away from its bound: the loop never ends or never runs}}
    a[i] = 1;
#pragma ppar prange // expected-note {{'prange' is here}}
  for (int i = 0; i != n; i += 2) // expected-error {{a loop ending at 'i != bound' must step by 1 or -1}}
    a[i] = 1;
}

_Thread_local int ti; // expected-error {{'prange' loop cannot run in parallel: the loop variable 'ti' is thread-local; OpenMP cannot share its iterations}}
#pragma ppar jit(parallel)
void thread_local_index(int *b, int n) {
#pragma ppar prange // expected-note {{'prange' is here}}
  for (ti = 0; ti < n; ti++)
    b[ti] += 1;
}

// Both spellings of prange on one loop: the directive goes before the
// attribute list, whatever else is in it.
#pragma ppar jit(parallel)
void marked_twice(int *a, int n) {
#pragma ppar prange
  [[ppar::prange]] for (int i = 0; i < n; i++)
    a[i] = i;
  [[clang::nomerge]] [[ppar::prange]] for (int i = 0; i < n; i++) // expected-warning {{'nomerge' attribute is ignored}}
    a[i] += i;
}

// A label in a parallel loop: a goto could enter the loop.
#pragma ppar jit(parallel)
void enters(int *a, int n, int skip) {
  int i;
  if (skip)
    goto inside;
#pragma ppar prange // expected-note {{'prange' is here}}
  for (i = 0; i < n; i++) {
  inside: // expected-error {{'prange' loop cannot run in parallel: the loop body has the label 'inside', which a goto could enter}}
    a[i] = i;
  }
}
