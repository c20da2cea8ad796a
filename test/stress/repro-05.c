/* repro-05: loop shapes accepted by ppar's shape check but rejected by
 * clang's OpenMP checks, so the error is in generated code.
 *
 *   clang-19 -fplugin=build/lib/libppar.so -Iinclude -fsyntax-only test/stress/repro-05.c
 *
 * Observed: error: increment expression must cause 'i' to increase on each
 *   iteration of OpenMP for loop (caret on the generated _Pragma line).
 * Expected: a ppar error at the loop, in ppar's words (as for other bad
 *   shapes: "'prange' loop cannot run in parallel: ..."), not an OpenMP one.
 */
#include <ppar.h>

#pragma ppar jit(parallel)
void f(int *a, int n) {
#pragma ppar prange
  for (int i = 0; i < n; i--)
    a[i] = 1;
}
