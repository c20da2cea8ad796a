/* repro-01: a prange loop whose variable is used after the loop gets
 * lastprivate(i); when the loop runs zero times, OpenMP leaves i untouched,
 * while the serial loop has set i = 0 in its init statement.
 *
 *   clang-19 -fplugin=build/lib/libppar.so -Iinclude test/stress/repro-01.c \
 *     -o /tmp/r1 -L build/lib -lppar_rt -Wl,-rpath,build/lib -fopenmp && /tmp/r1
 *   clang-19 -Iinclude test/stress/repro-01.c -o /tmp/r1s && /tmp/r1s
 *
 * Observed: with the plugin prints "42"; without it prints "0".
 * Expected: "0" both ways (SPEC §1.2 "Same answers").
 */
#include <stdio.h>
#include <ppar.h>

#pragma ppar jit(parallel)
int f(int *a, int n) {
  int i = 42;
#pragma ppar prange
  for (i = 0; i < n; i++)
    a[i] = i;
  return i;
}

int main(void) {
  int a[1];
  printf("%d\n", f(a, 0));
  return 0;
}
