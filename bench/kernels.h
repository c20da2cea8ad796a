/* kernels.h - the benchmark's kernels as a table of function pointers.
 *
 * The same kernels are compiled several times (kernels_ppar.c with and
 * without the ppar plugin, kernels_omp.c with hand-written OpenMP) and linked
 * into one binary. Each object keeps its kernels static and exports only one
 * table, named by the macro BENCH_TABLE on the compile line, so the variants
 * do not clash. (ppar cannot rewrite a function whose name comes from a
 * macro, so renaming the functions themselves with -Dtriad=triad_ppar is not
 * an option; see docs/benchmarks.md.) */
#ifndef PPAR_BENCH_KERNELS_H
#define PPAR_BENCH_KERNELS_H

#include <stddef.h>

struct bench_kernels {
  /* a[i] = b[i] + s * c[i] */
  void (*triad)(size_t n, double *a, const double *b, const double *c, double s);
  /* sum of x[i] * y[i] */
  double (*dot)(size_t n, const double *x, const double *y);
  /* C = A B, n x n, row-major (i-k-j loop order) */
  void (*matmul)(int n, double A[n][n], double B[n][n], double C[n][n]);
  /* iters Jacobi sweeps of the 5-point average, u and v swapped after each */
  void (*jacobi)(int n, int iters, double (*u)[n], double (*v)[n]);
  /* out = a + sum(tanh(diag(a))) (Numba's "go_fast" example) */
  void (*tanh_trace)(int n, double (*a)[n], double (*out)[n]);
  /* out[i] = sin(a[i]) * cos(b[i]) */
  void (*sinacosb)(size_t n, const double *a, const double *b, double *out);
  /* jacobi's sweeps on flattened arrays: v[i*n + j], 1 <= i, j < n-1 */
  void (*jacobi_flat)(int n, int iters, double *u, double *v);
  /* iters/2 steps of two sweeps, a into b and back (PolyBench jacobi-2d), on
   * 2-D array parameters, with no prange: ppar must find the loops */
  void (*heat2d)(int n, int iters, double a[n][n], double b[n][n]);
};

extern const struct bench_kernels bench_serial;    /* kernels_ppar.c, plain clang  */
extern const struct bench_kernels bench_ppar;      /* kernels_ppar.c, ppar plugin  */
extern const struct bench_kernels bench_ppar_auto; /* same, without the pranges    */
extern const struct bench_kernels bench_omp;       /* kernels_omp.c, -fopenmp      */

/* Threads the hand-written OpenMP loops use (omp_get_max_threads). */
int bench_omp_threads(void);

#endif
