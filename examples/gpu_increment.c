/* Numba's first CUDA kernel, increment_by_one, in C: the loop is the
 * kernel; ppar picks the grid for the device, copies `a` in before the
 * loop and back after it. */
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

PPAR_JIT(parallel, target=cuda)
void increment_by_one(size_t n, int *a) {
  for (size_t i = 0; i < n; i++)
    a[i] += 1;
}

/* A kernel per loop, one transfer per call: both loops run on the data
 * copied in once. */
PPAR_JIT(parallel, target=cuda)
void increment_twice_and_scale(size_t n, int *a, int factor) {
  for (size_t i = 0; i < n; i++)
    a[i] += 2;
  for (size_t i = 0; i < n; i++)
    a[i] *= factor;
}

int main(void) {
  size_t n = 1000000;
  int *a = malloc(n * sizeof *a);
  for (size_t i = 0; i < n; i++)
    a[i] = (int)(i % 1000);
  increment_by_one(n, a);
  printf("after increment_by_one: a[0] = %d, a[999] = %d, a[n-1] = %d\n", a[0], a[999],
         a[n - 1]);
  increment_twice_and_scale(n, a, 3);
  long long total = 0;
  for (size_t i = 0; i < n; i++)
    total += a[i];
  printf("after increment_twice_and_scale: a[0] = %d, total = %lld\n", a[0], total);
  free(a);
  return 0;
}
