/* repro-04: a goto from outside a prange loop to a label inside it.
 * The serial code is valid C; the variant puts the loop under
 * "omp parallel for", which clang does not let a goto enter.
 *
 *   clang-19 -fplugin=build/lib/libppar.so -Iinclude -fsyntax-only test/stress/repro-04.c
 *
 * Observed: error: use of undeclared label 'inside' (an OpenMP-region error
 *   in generated code, reported at the user's goto).
 * Expected: a ppar diagnostic ("a jump into the loop..."), or the loop left
 *   serial with a warning; never a clang error in generated code.
 */
#include <ppar.h>

#pragma ppar jit(parallel)
void f(int *a, int n, int skip) {
  int i;
  if (skip)
    goto inside;
#pragma ppar prange
  for (i = 0; i < n; i++) {
  inside:
    a[i] = i;
  }
}
