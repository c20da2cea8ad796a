/* heat.c - 2-D heat diffusion (Jacobi iterations) on a square plate.
 *
 * Variable-length array parameters, a macro in the loop bounds, a private
 * temporary and a max-style reduction written as `+=` of a residual: the
 * shapes of real stencil codes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

#define STEPS 2000

/* One Jacobi sweep; returns the sum of squared changes. */
PPAR_JIT(parallel)
double sweep(int n, double (*restrict u)[n], double (*restrict next)[n]) {
  double residual = 0, v;
  PPAR_PRANGE
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++) {
      v = 0.25 * (u[i - 1][j] + u[i + 1][j] + u[i][j - 1] + u[i][j + 1]);
      residual += (v - u[i][j]) * (v - u[i][j]);
      next[i][j] = v;
    }
  return residual;
}

int main(void) {
  int n = 256;
  double (*a)[n] = calloc((size_t)n * n, sizeof(double));
  double (*b)[n] = calloc((size_t)n * n, sizeof(double));
  if (!a || !b)
    return 1;
  for (int j = 0; j < n; j++) /* a hot top edge */
    a[0][j] = b[0][j] = 100.0;
  double r = 0;
  for (int step = 0; step < STEPS; step++) {
    r = sweep(n, a, b);
    double (*t)[n] = a;
    a = b;
    b = t;
  }
  printf("residual after %d steps: %.6e\n", STEPS, sqrt(r));
  printf("temperature a quarter down the middle: %.6f\n", a[n / 4][n / 2]);
  free(a);
  free(b);
  return 0;
}
