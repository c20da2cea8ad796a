// Misuses of delayed calls the plugin can see are errors at the user's line.
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
#include <ppar.h>

PPAR_DELAYED() double load(int part);
PPAR_DELAYED() int count(const char *fmt, ...); // expected-error {{'delayed' cannot be applied to the variadic function 'count'}}
PPAR_DELAYED() void fill(double *v, int n);
PPAR_DELAYED(in(q[0:n])) double first(const double *v, int n); // expected-error {{'q' in a data clause of 'first' is not one of its pointer parameters}}

#define LOAD(i) load(i)

PPAR_JIT(parallel) double in_jit(int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += load(i); // expected-warning {{calls of delayed 'load' inside the jit function 'in_jit' run at once, as plain calls}}
  return s;
}

double uses(void) {
  double a = load(0);
  double *p = &a; /* not a future: its address is taken */
  fill(&(double){1.0}, 1); // expected-error {{a compound literal given by pointer to delayed 'fill' may change or end before the task runs; use a variable}}
  double b = LOAD(1); // expected-warning {{this call of delayed 'load' is written through a macro or a function pointer; it runs at once, as a plain call}}
  count("x");
  first(p, 1);
  return *p + b;
}
