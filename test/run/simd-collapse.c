// The simd and collapse rewrites give the serial answers (a fastmath simd
// sum within a relative tolerance).
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t --rtol 1e-9
#include <stdio.h>
#include <stdlib.h>

#define ROWS 6

#pragma ppar jit(parallel)
void jacobi(int n, double (*restrict u)[n], double (*restrict v)[n]) {
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      v[i][j] = 0.25 * (u[i - 1][j] + u[i + 1][j] + u[i][j - 1] + u[i][j + 1]);
}

#pragma ppar jit(parallel, fastmath)
void matmul_fast(int n, double A[restrict n][n], double B[restrict n][n], double C[restrict n][n]) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int k = 0; k < n; k++)
        s += A[i][k] * B[k][j];
      C[i][j] = s;
    }
}

#pragma ppar jit(parallel)
long rows(int m, long (*restrict x)[m]) {
  long total = 0;
  for (int r = 0; r < ROWS; r++)
    for (int c = 0; c < m; c++)
      x[r][c] = (long)r * c;
  for (int c = 0; c < m; c++)
    total += x[ROWS - 1][c];
  return total;
}

int main(void) {
  int n = 200, m = 100000;
  double (*u)[n] = malloc(sizeof(double[n][n])), (*v)[n] = calloc(1, sizeof(double[n][n]));
  double (*c)[n] = malloc(sizeof(double[n][n]));
  long (*x)[m] = malloc(sizeof(long[ROWS][m]));
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      u[i][j] = (i * 7 + j * 3) % 11 - 5;
  jacobi(n, u, v);
  matmul_fast(n, u, v, c);
  double s = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      s += c[i][j] * ((i + j) % 5);
  printf("%.12e %.12e %ld\n", s, v[n / 2][n / 3], rows(m, x));
  free(u); free(v); free(c); free(x);
  return 0;
}
