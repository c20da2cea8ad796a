/* repro-13: the dispatcher put into a (non-static) inline function defines a
 * static local and calls the internal-linkage variant, both of which C99
 * 6.7.4p3 forbids in an inline definition with external linkage; clang
 * warns, so a -Werror build that is clean without the plugin fails with it.
 * (The warnings come from generated text, outside the region ppar silences.)
 *
 *   clang-19 -fplugin=build/lib/libppar.so -Iinclude -Werror -fsyntax-only test/stress/repro-13.c
 *
 * Observed: error: non-constant static local variable in inline function may
 *   be different in different files [-Werror,-Wstatic-local-in-inline]
 *   (and -Wstatic-in-inline for the call of f__ppar_cpu under -pedantic).
 * Expected: compiles with -Werror as without the plugin (e.g. do not version
 *   a non-static inline function, or give the variant and the descriptor
 *   external linkage / a warning-free form).
 */
#include <ppar.h>

#pragma ppar jit(parallel)
inline void f(int *a, int n) {
#pragma ppar prange
  for (int i = 0; i < n; i++)
    a[i] = i;
}
