/* repro-03: the CPU variant is a textual copy of the body placed after the
 * function, so preprocessor directives inside the body run twice and the
 * copy sees the macro state left at the end of the original body.
 *
 *   clang-19 -fplugin=build/lib/libppar.so -Iinclude -fsyntax-only test/stress/repro-03.c
 *
 * Observed: error: use of undeclared identifier 'K' (in the generated copy,
 *   reported at the user's line 20); compiles fine without the plugin.
 *   With "#define K 4" after the #undef instead, it compiles and the
 *   parallel variant silently uses K == 4 (different answers).
 * Expected: compiles, and the variant sees the same macros as the original.
 */
#include <ppar.h>

#define K 3
#pragma ppar jit(parallel)
void f(int *a, int n) {
#pragma ppar prange
  for (int i = 0; i < n; i++)
    a[i] = K;
#undef K
}
