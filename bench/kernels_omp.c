/* kernels_omp.c - the benchmark kernels with hand-written OpenMP.
 *
 * The same loops as kernels_ppar.c, parallelised the way an OpenMP
 * programmer writes them: `parallel for` on the outer loop (static schedule,
 * the default of libomp), `reduction(+:...)` for sums. Built with
 * clang-19 -O3 -fopenmp; exported as bench_omp. */
#include <math.h>
#include <stddef.h>
#include <omp.h>

#include "kernels.h"

static void triad(size_t n, double *a, const double *b, const double *c, double s) {
#pragma omp parallel for
  for (size_t i = 0; i < n; i++)
    a[i] = b[i] + s * c[i];
}

static double dot(size_t n, const double *x, const double *y) {
  double sum = 0;
#pragma omp parallel for reduction(+ : sum)
  for (size_t i = 0; i < n; i++)
    sum += x[i] * y[i];
  return sum;
}

static void matmul(int n, double A[n][n], double B[n][n], double C[n][n]) {
#pragma omp parallel for
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

static void jacobi(int n, int iters, double (*u)[n], double (*v)[n]) {
  for (int t = 0; t < iters; t++) {
#pragma omp parallel for
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        v[i][j] = 0.25 * (u[i - 1][j] + u[i + 1][j] + u[i][j - 1] + u[i][j + 1]);
    double (*tmp)[n] = u;
    u = v;
    v = tmp;
  }
}

static void tanh_trace(int n, double (*a)[n], double (*out)[n]) {
  double trace = 0;
#pragma omp parallel for reduction(+ : trace)
  for (int i = 0; i < n; i++)
    trace += tanh(a[i][i]);
#pragma omp parallel for
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      out[i][j] = a[i][j] + trace;
}

static void sinacosb(size_t n, const double *a, const double *b, double *out) {
#pragma omp parallel for
  for (size_t i = 0; i < n; i++)
    out[i] = sin(a[i]) * cos(b[i]);
}

static void jacobi_flat(int n, int iters, double *u, double *v) {
  for (int t = 0; t < iters; t++) {
#pragma omp parallel for
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        v[i * n + j] = 0.25 * (u[(i - 1) * n + j] + u[(i + 1) * n + j] + u[i * n + j - 1] +
                               u[i * n + j + 1]);
    double *tmp = u;
    u = v;
    v = tmp;
  }
}

static void heat2d(int n, int iters, double a[n][n], double b[n][n]) {
  for (int t = 0; t < iters / 2; t++) {
#pragma omp parallel for
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        b[i][j] = 0.25 * (a[i - 1][j] + a[i + 1][j] + a[i][j - 1] + a[i][j + 1]);
#pragma omp parallel for
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        a[i][j] = 0.25 * (b[i - 1][j] + b[i + 1][j] + b[i][j - 1] + b[i][j + 1]);
  }
}

const struct bench_kernels bench_omp = {
    triad, dot, matmul, jacobi, tanh_trace, sinacosb, jacobi_flat, heat2d,
};

int bench_omp_threads(void) { return omp_get_max_threads(); }
