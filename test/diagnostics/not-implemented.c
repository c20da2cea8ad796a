// A directive whose meaning is still to come is accepted, compiled as the
// serial original, and named in a warning: never silently ignored.
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
#include <ppar.h>

// Every jit option has a meaning now: no warning.
#pragma ppar jit(parallel, nogil, fastmath, cache, target=cuda, inout(x[0:n]))
void all(double *x, int n) {
#pragma ppar prange
  for (int i = 0; i < n; i++)
    x[i] = 0;
}

PPAR_JIT() double managed(double x) { return x; } // expected-warning {{'jit' without 'parallel' is not implemented yet; 'managed' is compiled as written for it}}

PPAR_VECTORIZE(target=cuda, fastmath, cache) double twice(double x) { return 2 * x; }
PPAR_VECTORIZE(target=parallel, fastmath) double thrice(double x) { return 3 * x; } // expected-warning {{'fastmath' on the CPU is not implemented yet}}

PPAR_DELAYED() double load(int part) { return part; }
