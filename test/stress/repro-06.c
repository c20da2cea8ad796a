/* repro-06: a tag declared in a parameter list (legal C, with a warning)
 * is declared anew by each copy of the prototype the plugin writes, so the
 * forward declaration and the definition of the variant conflict.
 *
 *   clang-19 -fplugin=build/lib/libppar.so -Iinclude -fsyntax-only -w test/stress/repro-06.c
 *
 * Observed: error: conflicting types for 'f__ppar_cpu'.
 * Expected: compiles (as without the plugin).
 */
#include <ppar.h>

#pragma ppar jit(parallel)
int f(struct opaque *p, int *a, int n) {
#pragma ppar prange
  for (int i = 0; i < n; i++)
    a[i] = p == 0;
  return a[0];
}
