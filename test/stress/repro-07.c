/* repro-07: the generated names are ordinary identifiers (not reserved in
 * C), so a user identifier of that name breaks the build.
 *
 *   clang-19 -fplugin=build/lib/libppar.so -Iinclude -fsyntax-only test/stress/repro-07.c
 *
 * Observed: error: redefinition of 'f__ppar_cpu' as different kind of symbol.
 * Expected: compiles (use a reserved name such as __ppar_cpu_f, or check
 *   for a clash and report it as a ppar error).
 */
#include <ppar.h>

int f__ppar_cpu;

#pragma ppar jit(parallel)
void f(int *a, int n) {
#pragma ppar prange
  for (int i = 0; i < n; i++)
    a[i] = i;
}
