// Real scientific C: variable-length array parameters, macros in bounds,
// triangular, strided and descending loops, long and size_t indices, a
// static inline helper, several functions in one file.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t --rtol 1e-12
// RUN: %if gcc %{ %gcc -O2 %s -o %t.gcc -lm && %check_run %t.gcc %t --rtol 1e-12 %}
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

#define N 300
#define M 200
#define STRIDE 3

static inline double weight(int i, int j) { return 1.0 / (1.0 + fabs((double)(i - j))); }

#pragma ppar jit(parallel)
void matmul(int n, int m, int p, double A[n][m], double B[m][p], double C[n][p]) {
#pragma ppar prange
  for (int i = 0; i < n; i++)
    for (int j = 0; j < p; j++) {
      double s = 0;
      for (int k = 0; k < m; k++)
        s += A[i][k] * B[k][j];
      C[i][j] = s;
    }
}

#pragma ppar jit(parallel)
void lower(double L[N][N]) {
#pragma ppar prange
  for (long i = 0; i < N; i++)
    for (long j = 0; j <= i; j++)
      L[i][j] = weight((int)i, (int)j) + sqrt((double)(i + j));
}

#pragma ppar jit(parallel)
double strided(const double *x, size_t n) {
  double s = 0;
#pragma ppar prange
  for (size_t i = 0; i < n; i += STRIDE)
    s += x[i] * x[i];
  return s;
}

#pragma ppar jit(parallel)
void reverse_scale(double *x, long n, double a) {
#pragma ppar prange
  for (long i = n - 1; i >= 0; i -= 2)
    x[i] *= a;
}

int main(void) {
  static double A[N][M], B[M][N], C[N][N], L[N][N];
  for (int i = 0; i < N; i++)
    for (int k = 0; k < M; k++) {
      A[i][k] = (i + 2 * k) % 7 - 3;
      B[k][i] = (3 * i + k) % 5 - 2;
    }
  matmul(N, M, N, A, B, C);
  lower(L);
  double *x = malloc(N * M * sizeof *x);
  for (int i = 0; i < N * M; i++)
    x[i] = sin(i * 0.001);
  reverse_scale(x, N * M, 1.5);
  double trace = 0, tri = 0;
  for (int i = 0; i < N; i++) {
    trace += C[i][i] + C[i][N - 1 - i];
    for (int j = 0; j <= i; j++)
      tri += L[i][j];
  }
  printf("matmul %.17g\nlower %.17g\nstrided %.17g\n", trace, tri, strided(x, N * M));
  free(x);
  return 0;
}
