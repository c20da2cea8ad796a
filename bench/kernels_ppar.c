/* kernels_ppar.c - the benchmark kernels as a ppar user writes them.
 *
 * Plain C with ppar annotations, one function per kernel. Built three ways
 * by bench/run.sh and linked into one binary:
 *   - without the plugin (clang-19 -O3): the serial baseline, bench_serial;
 *   - with the plugin (ppar-cc -O3): bench_ppar;
 *   - with the plugin and -DBENCH_AUTO, which removes the PPAR_PRANGE
 *     marks so ppar must find the parallel loops itself: bench_ppar_auto.
 * The loops carry PPAR_PRANGE where a Numba user writes prange. */
#include <math.h>
#include <stddef.h>
#include <ppar.h>

#include "kernels.h"

#ifdef BENCH_AUTO
#undef PPAR_PRANGE
#define PPAR_PRANGE
#endif

/* STREAM triad. */
PPAR_JIT(parallel)
static void triad(size_t n, double *a, const double *b, const double *c, double s) {
  PPAR_PRANGE
  for (size_t i = 0; i < n; i++)
    a[i] = b[i] + s * c[i];
}

/* Dot product: a + reduction. */
PPAR_JIT(parallel)
static double dot(size_t n, const double *x, const double *y) {
  double sum = 0;
  PPAR_PRANGE
  for (size_t i = 0; i < n; i++)
    sum += x[i] * y[i];
  return sum;
}

/* Dense matrix product, i-k-j order so the inner loop runs along rows. */
PPAR_JIT(parallel)
static void matmul(int n, double A[n][n], double B[n][n], double C[n][n]) {
  PPAR_PRANGE
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < n; j++)
      C[i][j] = 0;
    for (int k = 0; k < n; k++) {
      double aik = A[i][k];
      for (int j = 0; j < n; j++)
        C[i][j] += aik * B[k][j];
    }
  }
}

/* 2-D Jacobi: iters sweeps of the 5-point average from u into v; the
 * boundary stays fixed. After an even number of sweeps the result is in u. */
PPAR_JIT(parallel)
static void jacobi(int n, int iters, double (*u)[n], double (*v)[n]) {
  for (int t = 0; t < iters; t++) {
    PPAR_PRANGE
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        v[i][j] = 0.25 * (u[i - 1][j] + u[i + 1][j] + u[i][j - 1] + u[i][j + 1]);
    double (*tmp)[n] = u;
    u = v;
    v = tmp;
  }
}

/* Numba's first example ("go_fast"): the trace of tanh(a), added to every
 * element. The trace loop is a plain loop, as in Numba's example. */
PPAR_JIT(parallel)
static void tanh_trace(int n, double (*a)[n], double (*out)[n]) {
  double trace = 0;
  for (int i = 0; i < n; i++)
    trace += tanh(a[i][i]);
  PPAR_PRANGE
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      out[i][j] = a[i][j] + trace;
}

/* jacobi on flattened arrays: the row of v[i*n + j] is i because
 * 1 <= j < n-1, which the dependence test must see to run the rows in
 * parallel. */
PPAR_JIT(parallel)
static void jacobi_flat(int n, int iters, double *u, double *v) {
  for (int t = 0; t < iters; t++) {
    PPAR_PRANGE
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        v[i * n + j] = 0.25 * (u[(i - 1) * n + j] + u[(i + 1) * n + j] + u[i * n + j - 1] +
                               u[i * n + j + 1]);
    double *tmp = u;
    u = v;
    v = tmp;
  }
}

/* PolyBench's jacobi-2d: array parameters, no prange, a time loop. */
PPAR_JIT(parallel)
static void heat2d(int n, int iters, double a[n][n], double b[n][n]) {
  for (int t = 0; t < iters / 2; t++) {
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        b[i][j] = 0.25 * (a[i - 1][j] + a[i + 1][j] + a[i][j - 1] + a[i][j + 1]);
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        a[i][j] = 0.25 * (b[i - 1][j] + b[i + 1][j] + b[i][j - 1] + b[i][j + 1]);
  }
}

/* Numba's vectorize example: sinacosb_vec(n, a, b, out). */
PPAR_VECTORIZE(target=parallel)
static double sinacosb(double a, double b) { return sin(a) * cos(b); }
PPAR_VECTORIZE_DECL(sinacosb, double, double, double)

/* ---- benchmark plumbing: this build's kernels under one exported name ---- */
#ifndef BENCH_TABLE
#define BENCH_TABLE bench_serial
#endif
const struct bench_kernels BENCH_TABLE = {
    triad, dot, matmul, jacobi, tanh_trace, sinacosb_vec, jacobi_flat, heat2d,
};
