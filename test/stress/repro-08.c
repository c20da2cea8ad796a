/* repro-08: __COUNTER__ in an annotated function is expanded once more in
 * the copied body, so every later __COUNTER__ in the file changes.
 *
 *   clang-19 -fplugin=build/lib/libppar.so -Iinclude test/stress/repro-08.c \
 *     -o /tmp/r8 -L build/lib -lppar_rt -Wl,-rpath,build/lib -fopenmp && /tmp/r8
 *
 * Observed: prints "1 2" with the plugin (the copy in f__ppar_cpu took
 * __COUNTER__ == 1 and main's became 2), "0 1" without.
 * Expected: "0 1".
 */
#include <stdio.h>
#include <ppar.h>

#pragma ppar jit(parallel)
int f(int *a, int n) {
  int c = __COUNTER__;
#pragma ppar prange
  for (int i = 0; i < n; i++)
    a[i] = i;
  return c;
}

int main(void) {
  int a[2];
  int first = f(a, 2);
  printf("%d %d\n", first, __COUNTER__);
  return 0;
}
