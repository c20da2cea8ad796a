/* dot.c - a dot product whose loop runs on every core.
 *
 * `jit(parallel)` versions the function; `prange` marks the loop whose
 * iterations are independent. The `+=` on `s` is recognised as a reduction.
 * Built without the plugin, the same file runs serially. */
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

#pragma ppar jit(parallel)
double dot(const double *x, const double *y, size_t n) {
  double s = 0;
#pragma ppar prange
  for (size_t i = 0; i < n; i++)
    s += x[i] * y[i];
  return s;
}

int main(void) {
  size_t n = 10 * 1000 * 1000;
  double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
  if (!x || !y)
    return 1;
  for (size_t i = 0; i < n; i++) {
    x[i] = 1.0 / (1 + i % 100);
    y[i] = (double)(i % 7);
  }
  printf("dot = %.6f\n", dot(x, y, n));
  free(x);
  free(y);
  return 0;
}
