/* repro-09: a reduction on long double (or double _Complex) becomes an
 * OpenMP reduction that clang implements with libatomic calls; the link
 * line that the docs and ppar-cc use has no -latomic.
 *
 *   build/bin/ppar-cc test/stress/repro-09.c -o /tmp/r9
 *   (or clang-19 -fplugin=... -Iinclude ... -L build/lib -lppar_rt -fopenmp)
 *
 * Observed: undefined reference to `__atomic_load' / `__atomic_compare_exchange'.
 * Expected: links and prints 6.0 (as without the plugin).
 */
#include <stdio.h>
#include <ppar.h>

#pragma ppar jit(parallel)
long double sum(const long double *v, int n) {
  long double s = 0;
#pragma ppar prange
  for (int i = 0; i < n; i++)
    s += v[i];
  return s;
}

int main(void) {
  long double v[3] = {1, 2, 3};
  printf("%.1Lf\n", sum(v, 3));
  return 0;
}
