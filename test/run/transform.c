// Interchanged and tiled nests (docs/passes/transform.md) give the serial
// answers: gemm with its init statement, an imperfect 2mm-like nest, a
// triangular syrk-like nest, VLA parameters, flattened a[i*n + j], int,
// long and size_t loop variables, macro bounds, sizes that are no multiple
// of the tile, and sizes 0 and 1.
// RUN: %cc_ppar -fopenmp -fplugin-arg-ppar-report %s -o %t.exe %link_rt 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: %cc_plain %s -o %t.plain -lm
// RUN: %check_run %t.exe %t.plain
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#define NI 45
#define NJ 70

#pragma ppar jit(parallel)
void gemm(int ni, int nj, int nk, double alpha, double beta,
          double C[ni][nj], double A[ni][nk], double B[nk][nj]) {
  int i, j, k;
  // REPORT: transform.c:[[@LINE+1]]:3: remark: loop parallelised: {{.*}}; its nest is interchanged (i, k, j), tiled 32x32x32 for locality
  for (i = 0; i < ni; i++)
    for (j = 0; j < nj; j++) {
      C[i][j] *= beta;
      for (k = 0; k < nk; k++)
        C[i][j] += alpha * A[i][k] * B[k][j];
    }
}

// PolyBench's shape: two loops of one variable j, macros in statements.
#define SCALE(x) ((x) * 1.0)
#pragma ppar jit(parallel)
void gemm2(int ni, int nj, int nk, double alpha, double beta,
           double C[ni][nj], double A[ni][nk], double B[nk][nj]) {
  int i, j, k;
  // REPORT: transform.c:[[@LINE+1]]:3: remark: loop parallelised: {{.*}}; its nest is tiled 32x32x32 for locality
  for (i = 0; i < ni; i++) {
    for (j = 0; j < nj; j++)
      C[i][j] *= SCALE(beta);
    for (k = 0; k < nk; k++)
      for (j = 0; j < nj; j++)
        C[i][j] += alpha * A[i][k] * B[k][j];
  }
}

#pragma ppar jit(parallel)
void mm2(long n, double *restrict t, const double *restrict a, const double *restrict b) {
  // REPORT: transform.c:[[@LINE+1]]:3: remark: loop parallelised: {{.*}}; its nest is {{.*}}tiled
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++) {
      t[i * n + j] = 0.0;
      for (long k = 0; k < n; k++)
        t[i * n + j] += a[i * n + k] * b[k * n + j];
    }
}

#pragma ppar jit(parallel)
void syrk(int n, int m, double alpha, double C[n][n], double A[n][m]) {
  // REPORT: transform.c:[[@LINE+1]]:3: remark: loop parallelised
  for (int i = 0; i < n; i++)
    for (int k = 0; k < m; k++)
      for (int j = 0; j <= i; j++)
        C[i][j] += alpha * A[i][k] * A[j][k];
}

#pragma ppar jit(parallel)
void fixed(double C[NI][NJ], double A[NI][NJ], double B[NJ][NJ]) {
  for (size_t i = 0; i < NI; i++)
    for (size_t j = 0; j < NJ; j++)
      for (size_t k = 0; k < NJ; k++)
        C[i][j] += A[i][k] * B[k][j];
}

#pragma ppar jit(parallel)
void transpose(int n, double B[n][n], double A[n][n]) {
  for (int j = 0; j < n; j++)
    for (int i = 0; i < n; i++)
      B[i][j] = A[i][j] + A[j][i];
}

// One macro writes two statements: each statement's text would be the
// whole macro, run twice; the nest keeps its order.
#define TWO(i, j) a[i][j] += 1.0; b[i][j] += a[i][j]
#pragma ppar jit(parallel)
void twice(int n, double a[n][n], double b[n][n]) {
  for (int i = 0; i < n; i++)
    for (int k = 0; k < n; k++)
      for (int j = 0; j < n; j++) {
        TWO(i, j);
      }
}

static double sum(int n, int m, double *x) {
  double s = 0;
  for (int i = 0; i < n * m; i++)
    s += x[i] * (1 + i % 7);
  return s;
}

static void fill(int n, double *x, int seed) {
  for (int i = 0; i < n; i++)
    x[i] = ((i * 7 + seed) % 13) / 13.0;
}

int main(void) {
  int sizes[] = {0, 1, 5, 33, 70, 100};
  for (int s = 0; s < 6; s++) {
    int n = sizes[s], m = n + 3;
    int big = n * m + m * m + 1;
    double *A = malloc(sizeof(double) * big), *B = malloc(sizeof(double) * big),
           *C = malloc(sizeof(double) * big), *T = malloc(sizeof(double) * big);
    fill(big, A, 1);
    fill(big, B, 2);
    fill(big, C, 3);
    gemm(n, m, m, 1.5, 1.2, (double(*)[m])C, (double(*)[m])A, (double(*)[m])B);
    printf("gemm %d %.12g\n", n, sum(n, m, C));
    gemm2(n, m, m, 0.5, 1.1, (double(*)[m])C, (double(*)[m])A, (double(*)[m])B);
    printf("gemm2 %d %.12g\n", n, sum(n, m, C));
    mm2(n, T, A, B);
    printf("2mm %d %.12g\n", n, sum(n, n, T));
    fill(big, C, 3);
    syrk(n, m, 0.5, (double(*)[n])C, (double(*)[m])A);
    printf("syrk %d %.12g\n", n, sum(n, n, C));
    transpose(n, (double(*)[n])T, (double(*)[n])A);
    printf("transpose %d %.12g\n", n, sum(n, n, T));
    twice(n, (double(*)[n])T, (double(*)[n])A);
    printf("twice %d %.12g %.12g\n", n, sum(n, n, T), sum(n, n, A));
    free(A), free(B), free(C), free(T);
  }
  double *A = calloc(NI * NJ, sizeof(double)), *B = calloc(NJ * NJ, sizeof(double)),
         *C = calloc(NI * NJ, sizeof(double));
  fill(NI * NJ, A, 4);
  fill(NJ * NJ, B, 5);
  fixed((double(*)[NJ])C, (double(*)[NJ])A, (double(*)[NJ])B);
  printf("fixed %.12g\n", sum(NI, NJ, C));
  free(A), free(B), free(C);
  return 0;
}
