/* bench/gpu_split.c - one call split across GPUs against one GPU
 * (docs/multi-gpu.md): an elementwise call (STREAM's triad) and a 2-D
 * Jacobi stencil time loop, target=cuda functions the plugin splits. The
 * data is not resident (resident splitting is a later stage), so each call
 * moves its blocks over PCIe: two GPUs have two links. Run by
 * bench/gpu_split.sh with PPAR_DEVICES=0 and then 0,1 (or 0,0: one GPU
 * used twice, the split's overhead). Prints the best time per call and a
 * checksum that must not depend on the devices. */
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

PPAR_JIT(parallel, target=cuda)
void triad(long n, double *restrict a, const double *restrict b, const double *restrict c,
           double s) {
  for (long i = 0; i < n; i++)
    a[i] = b[i] + s * c[i];
}

PPAR_JIT(parallel, target=cuda)
void jacobi(int n, int m, const double u[n][m], double v[n][m]) {
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < m - 1; j++)
      v[i][j] = 0.25 * (u[i - 1][j] + u[i + 1][j] + u[i][j - 1] + u[i][j + 1]);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1L << 25;
  int side = argc > 2 ? atoi(argv[2]) : 4096, steps = argc > 3 ? atoi(argv[3]) : 20;
  double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *c = malloc(n * sizeof *c);
  double *u = malloc((size_t)side * side * sizeof *u), *v = malloc((size_t)side * side * sizeof *v);
  for (long i = 0; i < n; i++)
    b[i] = (double)(i % 100), c[i] = (double)(i % 7);
  for (long i = 0; i < (long)side * side; i++)
    u[i] = v[i] = (double)(i % 13);
  double best = 1e30;
  for (int r = 0; r < steps; r++) {
    double t0 = now();
    triad(n, a, b, c, 3.0);
    double t = now() - t0;
    best = t < best ? t : best;
  }
  printf("triad n=%ld: %.3f ms (best of %d)\n", n, 1e3 * best, steps);
  best = 1e30;
  double t0 = now();
  for (int s = 0; s < steps; s++) {
    double t1 = now();
    jacobi(side, side, (const double(*)[side])u, (double(*)[side])v);
    double t = now() - t1;
    best = t < best ? t : best;
    double *w = u;
    u = v;
    v = w;
  }
  printf("jacobi %dx%d: %.3f ms a step (best), %.3f ms for %d steps\n", side, side,
         1e3 * best, 1e3 * (now() - t0), steps);
  double sum = 0;
  for (long i = 0; i < n; i += 97)
    sum += a[i];
  for (long i = 0; i < (long)side * side; i += 97)
    sum += u[i];
  printf("checksum %.6f\n", sum);
  return 0;
}
