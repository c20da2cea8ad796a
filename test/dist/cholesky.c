// A tiled Cholesky factorisation over a 2-D distribution of its tiles,
// under mpirun on 1, 2 and 4 ranks (a 2 x 2 grid): potrf, trsm, syrk and
// gemm tasks on 16 x 16 tiles of a 6 x 6 matrix of tiles, each running on
// the owner of the tile it writes and receiving the tiles it reads from
// their last writers. Both distributions of ppar_distribute_2d, block and
// cyclic (the -c argument), print exactly what the serial build prints.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_mpi %t.plain %t
// RUN: %if mpich %{ %check_mpich %t.plain %t %}
// RUN: %check_mpi %t.plain %t -c
// RUN: %if mpich %{ %check_mpich %t.plain %t -c %}
// A bad distribution is refused.
// RUN: %t -bad | FileCheck --check-prefix=BAD %s
// BAD: ppar_distribute_2d: -1 -1 -1
#include <math.h>
#include <ppar.h>
#include <stdio.h>
#include <string.h>

#define T 6  /* tiles per side */
#define B 16 /* elements per tile side */

static double A[T][T][B][B];

/* a = chol(a), lower. */
PPAR_DELAYED(nogil, inout(a[0:B * B])) void potrf(double *a) {
  for (int j = 0; j < B; j++) {
    double d = a[j * B + j];
    for (int k = 0; k < j; k++)
      d -= a[j * B + k] * a[j * B + k];
    d = sqrt(d);
    a[j * B + j] = d;
    for (int i = j + 1; i < B; i++) {
      double s = a[i * B + j];
      for (int k = 0; k < j; k++)
        s -= a[i * B + k] * a[j * B + k];
      a[i * B + j] = s / d;
    }
    for (int i = 0; i < j; i++)
      a[i * B + j] = 0;
  }
}

/* b = b * l^-T. */
PPAR_DELAYED(nogil, in(l[0:B * B]), inout(b[0:B * B]))
void trsm(const double *l, double *b) {
  for (int i = 0; i < B; i++)
    for (int j = 0; j < B; j++) {
      double s = b[i * B + j];
      for (int k = 0; k < j; k++)
        s -= b[i * B + k] * l[j * B + k];
      b[i * B + j] = s / l[j * B + j];
    }
}

/* c -= a * b^T (syrk when a and b are the same tile). */
PPAR_DELAYED(nogil, in(a[0:B * B]), in(b[0:B * B]), inout(c[0:B * B]))
void gemm(const double *a, const double *b, double *c) {
  for (int i = 0; i < B; i++)
    for (int j = 0; j < B; j++) {
      double s = 0;
      for (int k = 0; k < B; k++)
        s += a[i * B + k] * b[j * B + k];
      c[i * B + j] -= s;
    }
}

int main(int argc, char **argv) {
  int cyclic = argc > 1 && !strcmp(argv[1], "-c");
  if (argc > 1 && !strcmp(argv[1], "-bad")) {
    printf("ppar_distribute_2d: %d %d %d\n",
           ppar_distribute_2d(A, sizeof A[0][0], 0, T, PPAR_BLOCK_2D),
           ppar_distribute_2d(A, sizeof A[0][0], T, T, PPAR_BLOCK),
           ppar_distribute_2d(NULL, sizeof A[0][0], T, T, PPAR_CYCLIC_2D));
    return 0;
  }
  /* Symmetric, diagonally dominant: positive definite. */
  int n = T * B;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double x = i == j ? n + 1.0 : 1.0 / (1 + (i + j) % 17);
      A[i / B][j / B][i % B][j % B] = x;
    }
  ppar_distribute_2d(A, sizeof A[0][0], T, T,
                     cyclic ? PPAR_CYCLIC_2D : PPAR_BLOCK_2D);
  for (int k = 0; k < T; k++) {
    potrf(&A[k][k][0][0]);
    for (int i = k + 1; i < T; i++)
      trsm(&A[k][k][0][0], &A[i][k][0][0]);
    for (int i = k + 1; i < T; i++) {
      gemm(&A[i][k][0][0], &A[i][k][0][0], &A[i][i][0][0]);
      for (int j = k + 1; j < i; j++)
        gemm(&A[i][k][0][0], &A[j][k][0][0], &A[i][j][0][0]);
    }
  }
  ppar_compute();
  double sum = 0, diag = 0;
  for (int i = 0; i < n; i++) {
    diag += A[i / B][i / B][i % B][i % B];
    for (int j = 0; j <= i; j++)
      sum += A[i / B][j / B][i % B][j % B] * ((i + 2 * j) % 5);
  }
  printf("L: diag %.12f weighted %.12f\n", diag, sum);
  printf("L[%d][0] %.12f L[%d][%d] %.12f\n", n - 1,
         A[T - 1][0][B - 1][0], n - 1, n - 2, A[T - 1][T - 1][B - 1][B - 2]);
  return 0;
}
