/* bench/gpu_split.c - one call split across GPUs against one GPU
 * (docs/multi-gpu.md): an elementwise call (STREAM's triad) and a 2-D
 * Jacobi stencil time loop, target=cuda functions the plugin splits, each
 * twice: on host data (each call moves its blocks over PCIe: two GPUs have
 * two links) and on resident data (ppar_to_device first: each device keeps
 * a copy, the parts compute in place and neighbouring devices exchange only
 * halo rows between steps: the benchmark, goal >= 1.8x on two
 * GPUs). Run by bench/gpu_split.sh with PPAR_DEVICES=0 and then 0,1 (or
 * 0,0: one GPU used twice, the split's overhead). Prints the best time per
 * call and checksums that must not depend on the devices. */
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

/* The best time of `steps` calls of the triad. */
static void time_triad(const char *what, long n, double *a, const double *b,
                       const double *c, int steps) {
  double best = 1e30;
  for (int r = 0; r < steps; r++) {
    double t0 = now();
    triad(n, a, b, c, 3.0);
    ppar_synchronize(); /* a call on resident data may end in flight */
    double t = now() - t0;
    best = t < best ? t : best;
  }
  printf("triad %s n=%ld: %.3f ms (best of %d)\n", what, n, 1e3 * best, steps);
}

/* The Jacobi time loop: the best step and the whole loop (u and v swap
 * each step; the result ends in *u). */
static void time_jacobi(const char *what, int side, double **u, double **v, int steps) {
  double best = 1e30, t0 = now();
  for (int s = 0; s < steps; s++) {
    double t1 = now();
    jacobi(side, side, (const double(*)[side]) * u, (double(*)[side]) * v);
    ppar_synchronize();
    double t = now() - t1;
    best = t < best ? t : best;
    double *w = *u;
    *u = *v;
    *v = w;
  }
  printf("jacobi %s %dx%d: %.3f ms a step (best), %.3f ms for %d steps\n", what, side,
         side, 1e3 * best, 1e3 * (now() - t0), steps);
}

static double checksum(long n, const double *a, int side, const double *u) {
  double sum = 0;
  for (long i = 0; i < n; i += 97)
    sum += a[i];
  for (long i = 0; i < (long)side * side; i += 97)
    sum += u[i];
  return sum;
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
  time_triad("host data", n, a, b, c, steps);
  time_jacobi("host data", side, &u, &v, steps);
  printf("checksum host data %.6f\n", checksum(n, a, side, u));

  /* The same on resident data: the copies are made once, outside the
   * timing; the results come back once at the end. */
  for (long i = 0; i < (long)side * side; i++)
    u[i] = v[i] = (double)(i % 13);
  size_t grid = (size_t)side * side * sizeof *u;
  if (ppar_to_device(a, n * sizeof *a) || ppar_to_device(b, n * sizeof *b) ||
      ppar_to_device(c, n * sizeof *c) || ppar_to_device(u, grid) ||
      ppar_to_device(v, grid)) {
    fprintf(stderr, "ppar_to_device: %s\n", ppar_last_error());
    return 1;
  }
  time_triad("resident", n, a, b, c, steps);
  time_jacobi("resident", side, &u, &v, steps);
  if (ppar_to_host(a) || ppar_to_host(u)) {
    fprintf(stderr, "ppar_to_host: %s\n", ppar_last_error());
    return 1;
  }
  printf("checksum resident %.6f\n", checksum(n, a, side, u));
  ppar_device_free(a), ppar_device_free(b), ppar_device_free(c);
  ppar_device_free(u), ppar_device_free(v);
  return 0;
}
