// A directive whose meaning is still to come is accepted, compiled as the
// serial original, and named in a warning: never silently ignored.
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
#include <ppar.h>

#pragma ppar jit(parallel, nogil, fastmath, cache, target=cuda, in(x[0:n])) // expected-warning {{'cache' is not implemented yet; 'all' is compiled as written for it}} expected-warning {{'target=cuda' is not implemented yet}} expected-warning {{data clauses is not implemented yet}}
void all(double *x, int n) {
#pragma ppar prange
  for (int i = 0; i < n; i++)
    x[i] = 0;
}

PPAR_JIT() double managed(double x) { return x; } // expected-warning {{'jit' without 'parallel' is not implemented yet; 'managed' is compiled as written for it}}

PPAR_VECTORIZE(target=cuda, fastmath) double twice(double x) { return 2 * x; } // expected-warning {{'vectorize(target=cuda)' is not implemented yet; 'twice_vec' runs on the CPU cores instead}} expected-warning {{'fastmath' is not implemented yet}}

PPAR_DELAYED() double load(int part) { return part; }
