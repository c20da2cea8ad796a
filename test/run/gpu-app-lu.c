// A blocked right-looking LU factorisation without pivoting (the tiled
// algorithm of LAPACK's dgetrf): per block column, the panel is factored
// column by column (scale the column, update the panel's other columns),
// the block row of U is solved, and the trailing matrix gets the rank-BS
// update, which is where the time goes. The bounds of every loop depend
// on the block and column being factored, so the extent of A is given by a
// clause (the report's warning asks for one without it). With target=cuda
// every loop runs as a kernel and A stays on the GPU for the whole
// factorisation; answers are the serial build's.
//
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT --implicit-check-not=warning: < %t.report
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t
//
// REPORT: remark: 'lu' runs its 4 parallel loops as CUDA kernels
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

enum { BS = 16 };

#pragma ppar jit(parallel, target=cuda, inout(A[0:n]))
static void lu(int n, double A[n][n]) {
  for (int kb = 0; kb < n; kb += BS) {
    int ke = kb + BS < n ? kb + BS : n;
    /* the panel A[kb:n][kb:ke], column by column */
    for (int k = kb; k < ke; k++) {
      for (int i = k + 1; i < n; i++)
        A[i][k] /= A[k][k];
      for (int i = k + 1; i < n; i++)
        for (int j = k + 1; j < ke; j++)
          A[i][j] -= A[i][k] * A[k][j];
    }
    /* the block row of U: A[kb:ke][ke:n] */
    for (int k = kb; k < ke; k++)
      for (int j = ke; j < n; j++)
        for (int i = k + 1; i < ke; i++)
          A[i][j] -= A[i][k] * A[k][j];
    /* the trailing update A[ke:n][ke:n] -= L21 * U12 */
    for (int i = ke; i < n; i++)
      for (int j = ke; j < n; j++) {
        double s = 0;
        for (int k = kb; k < ke; k++)
          s += A[i][k] * A[k][j];
        A[i][j] -= s;
      }
  }
}

/* Sizes: the test's by default; bench/gpu_apps.sh builds larger ones. */
#ifndef LU_N
#define LU_N 150
#endif

int main(void) {
  enum { N = LU_N };
  double (*A)[N] = malloc(sizeof(double[N][N]));
  double (*M)[N] = malloc(sizeof(double[N][N]));
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      M[i][j] = A[i][j] = (i == j ? N : 0) + ((i * 31 + j * 17) % 11) / 11.0;
  lu(N, A);
  /* the residual of L * U against the matrix, and a checksum */
  double r = 0, s = 0;
  for (int i = 0; i < N; i += 7)
    for (int j = 0; j < N; j += 5) {
      double v = 0;
      for (int k = 0; k <= (i < j ? i : j); k++)
        v += (k == i ? 1 : A[i][k]) * A[k][j];
      r = fmax(r, fabs(v - M[i][j]));
    }
  for (int i = 0; i < N; i++)
    s += A[i][i] + A[i][(i * 3) % N];
  printf("lu: residual below 1e-9: %d, checksum %.6f\n", r < 1e-9, s);
  free(A);
  free(M);
  return 0;
}
