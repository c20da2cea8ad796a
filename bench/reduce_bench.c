/*
 * reduce_bench.c - the cost of reproducible reductions: one dot product of
 * 2^24 doubles (two 128 MiB arrays, a bandwidth-bound loop) with
 * jit(parallel) (per-thread partials combined in thread order) and with
 * jit(parallel, reproducible) (chunks of 1024 iterations combined in a fixed
 * tree, the same bits on any thread count). Best of REPS; prints one line per
 * variant and the ratio. bench/reduce_run.sh runs it on 1 thread and all.
 *
 *   reduce_bench [REPS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <ppar.h>

PPAR_JIT(parallel)
static double dot(size_t n, const double *x, const double *y) {
  double sum = 0;
  for (size_t i = 0; i < n; i++)
    sum += x[i] * y[i];
  return sum;
}

PPAR_JIT(parallel, reproducible)
static double dot_reproducible(size_t n, const double *x, const double *y) {
  double sum = 0;
  for (size_t i = 0; i < n; i++)
    sum += x[i] * y[i];
  return sum;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 7;
  size_t n = (size_t)1 << 24;
  double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
  if (!x || !y)
    return 1;
  for (size_t i = 0; i < n; i++)
    x[i] = 1.0 / (double)(i + 1), y[i] = (double)(i % 13) - 6.0;
  double (*fn[2])(size_t, const double *, const double *) = {dot, dot_reproducible};
  const char *name[2] = {"default", "reproducible"};
  double best[2] = {1e30, 1e30}, result[2] = {0, 0};
  for (int r = 0; r < reps; r++)
    for (int v = 0; v < 2; v++) { /* alternate, so both see the same machine */
      double t0 = now();
      result[v] = fn[v](n, x, y);
      double t = now() - t0;
      if (t < best[v])
        best[v] = t;
    }
  for (int v = 0; v < 2; v++)
    printf("dot %-12s %8.2f ms  %6.2f GB/s  result %a\n", name[v], 1e3 * best[v],
           2.0 * n * sizeof(double) / best[v] / 1e9, result[v]);
  printf("dot reproducible / default: %.2fx\n", best[1] / best[0]);
  free(x);
  free(y);
  return 0;
}
