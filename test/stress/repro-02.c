/* repro-02: __func__ (and __FUNCTION__, __PRETTY_FUNCTION__, hence assert()
 * messages) inside a jit(parallel) function name the generated variant.
 *
 *   clang-19 -fplugin=build/lib/libppar.so -Iinclude test/stress/repro-02.c \
 *     -o /tmp/r2 -L build/lib -lppar_rt -Wl,-rpath,build/lib -fopenmp && /tmp/r2
 *
 * Observed: prints "f__ppar_cpu".  Without the plugin: "f".
 * Expected: "f" both ways.
 */
#include <stdio.h>
#include <ppar.h>

#pragma ppar jit(parallel)
void f(int *a, int n) {
  puts(__func__);
#pragma ppar prange
  for (int i = 0; i < n; i++)
    a[i] = i;
}

int main(void) {
  int a[4];
  f(a, 4);
  return 0;
}
