// A 2-D Jacobi time loop on resident data (docs/multi-gpu.md): both grids
// made resident with ppar_to_device, 20 steps of a target=cuda stencil
// function A->B, B->A, then ppar_to_host. With several devices in
// PPAR_DEVICES each device keeps a copy of both grids, the split's parts
// compute their rows in place and exchange only halo rows between steps;
// with one device, or without a GPU, the program prints the same.
// test/runtime/gpu-resident-split-generated.c runs this program's
// generated code on the stand-in driver with two devices and with three
// virtual ones.
//
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t --rtol 0
//
// REPORT: remark: 'jacobi' runs its 1 parallel loop as CUDA kernels, split across the devices PPAR_DEVICES names
#include <ppar.h>
#include <stdio.h>

PPAR_JIT(parallel, target=cuda)
void jacobi(int n, int m, const double u[n][m], double v[n][m]) {
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < m - 1; j++)
      v[i][j] = 0.25 * (u[i - 1][j] + u[i + 1][j] + u[i][j - 1] + u[i][j + 1]);
}

enum { N = 96, M = 40, STEPS = 20 };
static double a[N][M], b[N][M];

int main(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < M; j++)
      a[i][j] = b[i][j] = (i * 7 + j * 3) % 11 + (i == 0 ? 100.0 : 0.0);
  /* Without the runtime (the plain build) these say PPAR_ENODEV and
   * change nothing: the printed results are the same. */
  ppar_to_device(a, sizeof a);
  ppar_to_device(b, sizeof b);
  for (int s = 0; s < STEPS; s++) {
    if (s % 2 == 0)
      jacobi(N, M, a, b);
    else
      jacobi(N, M, b, a);
  }
  ppar_to_host(a);
  ppar_to_host(b);
  ppar_device_free(a);
  ppar_device_free(b);
  double sum = 0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < M; j++)
      sum += (i + 1) * a[i][j] + (j + 1) * b[i][j];
  printf("checksum %.10f a[1][1] %.10f b[%d][%d] %.10f\n", sum,
         a[1][1], N - 2, M - 2, b[N - 2][M - 2]);
  return 0;
}
