/* matmul.c - no prange at all: jit(parallel) finds the independent loops
 * itself. Build with -fplugin-arg-ppar-report to see what it decided and
 * why: the i loop runs on all cores, the k loop's sum stays in order. */
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

#define N 512

#pragma ppar jit(parallel)
void matmul(int n, double A[restrict n][n], double B[restrict n][n],
            double C[restrict n][n]) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int k = 0; k < n; k++)
        s += A[i][k] * B[k][j];
      C[i][j] = s;
    }
}

/* A prefix sum: every iteration needs the previous one, so it stays serial
 * (the report says: "a[i] written ... is read as a[i - 1] ..., distance 1"). */
#pragma ppar jit(parallel)
void prefix(double *a, int n) {
  for (int i = 1; i < n; i++)
    a[i] += a[i - 1];
}

int main(void) {
  double (*A)[N] = malloc(sizeof(double[N][N])), (*B)[N] = malloc(sizeof(double[N][N]));
  double (*C)[N] = malloc(sizeof(double[N][N]));
  if (!A || !B || !C)
    return 1;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      A[i][j] = (i + j) % 7 - 3;
      B[i][j] = (i * j) % 5 - 2;
    }
  matmul(N, A, B, C);
  prefix(&C[0][0], N * N);
  printf("C[N-1][N-1] after the prefix sum = %.1f\n", C[N - 1][N - 1]);
  return 0;
}
