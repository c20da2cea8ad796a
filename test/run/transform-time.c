// Time-tiled stencils (docs/passes/transform.md): the time loop and its
// sweeps skewed, tiled and run by wavefronts give the serial answers, bit
// for bit. jacobi-1d and -2d shapes (two sweeps per step, A to B then B to
// A), heat-3d, fdtd-2d; VLA, pointer and flattened arrays, int and long
// indices, macro bounds (fdtd-2d's pointers may overlap: its sweeps stay); sizes 0, 1, 2, 5, 33 and 100 with odd and even
// step counts; seidel's sweeps in place, which have no parallel loop.
// min-work=0: the tiled region runs at every size.
// RUN: %cc_ppar -fopenmp -fplugin-arg-ppar-time-tiling=on -fplugin-arg-ppar-min-work=0 -fplugin-arg-ppar-report %s -o %t.exe %link_rt 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: %cc_plain %s -o %t.plain -lm
// RUN: %check_run %t.exe %t.plain
// RUN: %cc_ppar -fopenmp -fplugin-arg-ppar-time-tiling=on %s -o %t.work %link_rt
// RUN: %check_run %t.work %t.plain
#include <stdio.h>
#include <stdlib.h>

#define STEPS tsteps
#define SIZE(n) (n)

#pragma ppar jit(parallel)
void jacobi1d(int tsteps, int n, double A[restrict n], double B[restrict n]) {
  int t, i;
  // REPORT: transform-time.c:[[@LINE+1]]:3: remark: serial loop runs in one parallel region; {{.*}}; its nest is time-tiled 32x32 after skewing, its tiles run by wavefronts for locality
  for (t = 0; t < STEPS; t++) {
    for (i = 1; i < SIZE(n) - 1; i++)
      B[i] = 0.33333 * (A[i - 1] + A[i] + A[i + 1]);
    for (i = 1; i < SIZE(n) - 1; i++)
      A[i] = 0.33333 * (B[i - 1] + B[i] + B[i + 1]);
  }
}

#pragma ppar jit(parallel)
void jacobi2d(int tsteps, int n, double A[restrict n][n], double B[restrict n][n]) {
  // REPORT: transform-time.c:[[@LINE+1]]:3: remark: serial loop runs in one parallel region; {{.*}}; its nest is time-tiled 32x32 after skewing, its tiles run by wavefronts for locality
  for (int t = 0; t < tsteps; t++) {
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        B[i][j] = 0.2 * (A[i][j] + A[i][j - 1] + A[i][1 + j] + A[1 + i][j] + A[i - 1][j]);
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        A[i][j] = 0.2 * (B[i][j] + B[i][j - 1] + B[i][1 + j] + B[1 + i][j] + B[i - 1][j]);
  }
}

// Flattened, long indices, restrict pointers (no overlap check).
#pragma ppar jit(parallel)
void jacobi2dflat(long tsteps, long n, double *restrict A, double *restrict B) {
  long t, i, j;
  // REPORT: transform-time.c:[[@LINE+1]]:3: remark: serial loop runs in one parallel region; {{.*}}; its nest is time-tiled
  for (t = 0; t < tsteps; t++) {
    for (i = 1; i < n - 1; i++)
      for (j = 1; j < n - 1; j++)
        B[i * n + j] = 0.25 * (A[i * n + j - 1] + A[i * n + j + 1] + A[(i + 1) * n + j] +
                               A[(i - 1) * n + j]);
    for (i = 1; i < n - 1; i++)
      for (j = 1; j < n - 1; j++)
        A[i * n + j] = B[i * n + j];
  }
}

#pragma ppar jit(parallel)
void heat3d(int tsteps, int n, double A[restrict n][n][n], double B[restrict n][n][n]) {
  int t, i, j, k;
  // REPORT: transform-time.c:[[@LINE+1]]:3: remark: serial loop runs in one parallel region; {{.*}}; its nest is time-tiled
  for (t = 1; t <= tsteps; t++) {
    for (i = 1; i < n - 1; i++)
      for (j = 1; j < n - 1; j++)
        for (k = 1; k < n - 1; k++)
          B[i][j][k] = 0.125 * (A[i + 1][j][k] - 2.0 * A[i][j][k] + A[i - 1][j][k]) +
                       0.125 * (A[i][j + 1][k] - 2.0 * A[i][j][k] + A[i][j - 1][k]) +
                       0.125 * (A[i][j][k + 1] - 2.0 * A[i][j][k] + A[i][j][k - 1]) + A[i][j][k];
    for (i = 1; i < n - 1; i++)
      for (j = 1; j < n - 1; j++)
        for (k = 1; k < n - 1; k++)
          A[i][j][k] = 0.125 * (B[i + 1][j][k] - 2.0 * B[i][j][k] + B[i - 1][j][k]) +
                       0.125 * (B[i][j + 1][k] - 2.0 * B[i][j][k] + B[i][j - 1][k]) +
                       0.125 * (B[i][j][k + 1] - 2.0 * B[i][j][k] + B[i][j][k - 1]) + B[i][j][k];
  }
}

#pragma ppar jit(parallel)
void fdtd2d(int tmax, int nx, int ny, double ex[nx][ny], double ey[nx][ny], double hz[nx][ny],
            double fict[tmax]) {
  int t, i, j;
  // REPORT: transform-time.c:[[@LINE+1]]:3: remark: serial loop runs in one parallel region
  for (t = 0; t < tmax; t++) {
    for (j = 0; j < ny; j++)
      ey[0][j] = fict[t];
    for (i = 1; i < nx; i++)
      for (j = 0; j < ny; j++)
        ey[i][j] = ey[i][j] - 0.5 * (hz[i][j] - hz[i - 1][j]);
    for (i = 0; i < nx; i++)
      for (j = 1; j < ny; j++)
        ex[i][j] = ex[i][j] - 0.5 * (hz[i][j] - hz[i][j - 1]);
    for (i = 0; i < nx - 1; i++)
      for (j = 0; j < ny - 1; j++)
        hz[i][j] = hz[i][j] - 0.7 * (ex[i][j + 1] - ex[i][j] + ey[i + 1][j] - ey[i][j]);
  }
}

#pragma ppar jit(parallel)
void seidel2d(int tsteps, int n, double A[n][n]) {
  int t, i, j;
  // REPORT: transform-time.c:[[@LINE+1]]:3: remark: serial loop runs in one parallel region; its nest is time-tiled 32x32 after skewing, its tiles run by wavefronts
  for (t = 0; t <= STEPS - 1; t++)
    for (i = 1; i <= n - 2; i++)
      for (j = 1; j <= n - 2; j++)
        A[i][j] = (A[i - 1][j - 1] + A[i - 1][j] + A[i - 1][j + 1] + A[i][j - 1] + A[i][j] +
                   A[i][j + 1] + A[i + 1][j - 1] + A[i + 1][j] + A[i + 1][j + 1]) / SIZE(9.0);
}

// In place along one dimension, long indices, a step of 2 in time.
#pragma ppar jit(parallel)
void seidel1d(long tsteps, long n, double *A) {
  // REPORT: transform-time.c:[[@LINE+1]]:3: remark: serial loop runs in one parallel region; its nest is time-tiled 32x32 after skewing
  for (long t = 0; t < tsteps; t += 2)
    for (long i = 1; i < n - 1; i++)
      A[i] = (A[i - 1] + A[i] + A[i + 1]) / 3.0;
}

static double sum(const double *a, long n) {
  double s = 0;
  for (long k = 0; k < n; k++)
    s += a[k] * (double)(k % 7 + 1);
  return s;
}

static void fill(double *a, long n, int seed) {
  for (long k = 0; k < n; k++)
    a[k] = (double)((k * 37 + seed * 11) % 101) / 7.0;
}

int main(void) {
  const int sizes[] = {0, 1, 2, 5, 33, 100};
  const int steps[] = {0, 1, 3, 8, 37};
  for (int s = 0; s < 6; s++)
    for (int q = 0; q < 5; q++) {
      int n = sizes[s], ts = steps[q];
      long n2 = (long)n * n, n3 = n2 * (n > 40 ? 40 : n);
      double *A = malloc(sizeof(double) * (n3 + 1)), *B = malloc(sizeof(double) * (n3 + 1));
      double *C = malloc(sizeof(double) * (n2 + 1)), *F = malloc(sizeof(double) * (ts + 1));
      fill(A, n, 1), fill(B, n, 2);
      jacobi1d(ts, n, A, B);
      printf("1d %d %d %.17g %.17g\n", n, ts, sum(A, n), sum(B, n));
      fill(A, n2, 3), fill(B, n2, 4);
      jacobi2d(ts, n, (double(*)[n])A, (double(*)[n])B);
      printf("2d %d %d %.17g %.17g\n", n, ts, sum(A, n2), sum(B, n2));
      fill(A, n2, 5), fill(B, n2, 6);
      jacobi2dflat(ts, n, A, B);
      printf("flat %d %d %.17g %.17g\n", n, ts, sum(A, n2), sum(B, n2));
      int m = n > 40 ? 40 : n;
      fill(A, (long)m * m * m, 7), fill(B, (long)m * m * m, 8);
      heat3d(ts, m, (double(*)[m][m])A, (double(*)[m][m])B);
      printf("3d %d %d %.17g %.17g\n", m, ts, sum(A, (long)m * m * m), sum(B, (long)m * m * m));
      int ny = n > 3 ? n - 3 : n;
      fill(A, n2, 9), fill(B, n2, 10), fill(C, n2, 11), fill(F, ts, 12);
      fdtd2d(ts, n, ny, (double(*)[ny])A, (double(*)[ny])B, (double(*)[ny])C, F);
      printf("fdtd %d %d %.17g %.17g %.17g\n", n, ts, sum(A, (long)n * ny), sum(B, (long)n * ny),
             sum(C, (long)n * ny));
      fill(A, n2, 13);
      seidel2d(ts, n, (double(*)[n])A);
      printf("seidel %d %d %.17g\n", n, ts, sum(A, n2));
      fill(A, n, 14);
      seidel1d(ts, n, A);
      printf("seidel1d %d %d %.17g\n", n, ts, sum(A, n));
      free(A), free(B), free(C), free(F);
    }
  return 0;
}
