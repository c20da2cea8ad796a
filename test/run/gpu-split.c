// target=cuda functions whose body is one parallel loop get a part function
// that runs a block of the loop on one device (docs/multi-gpu.md): with
// PPAR_DEVICES naming several devices the call is split, each device
// copying in the bytes its block reads (a stencil's halo, the row above)
// and copying out what it writes. A loop that writes a column of every row
// is split too, but its parts' written ranges overlap: the runtime
// declines and the call runs on one device. Reductions combine the parts'
// partials in part order. A body with more than the loop is not split. Without a GPU the CPU variant runs;
// test/runtime/gpu-split-generated.c runs this program's generated code
// on the stand-in driver with two devices and with three virtual ones.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t --rtol 1e-12
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-split.*.cu | FileCheck %s --check-prefix=NVRTC %}
//
// REPORT-DAG: remark: 'stencil' runs its 1 parallel loop as CUDA kernels, split across the devices PPAR_DEVICES names
// REPORT-DAG: remark: 'rows' runs its 1 parallel loop as CUDA kernels, split across the devices PPAR_DEVICES names
// REPORT-DAG: remark: 'columns' runs its 1 parallel loop as CUDA kernels, split across the devices PPAR_DEVICES names
// REPORT-DAG: remark: 'evens_down' runs its 1 parallel loop as CUDA kernels, split across the devices PPAR_DEVICES names
// REPORT-DAG: remark: 'total' runs its 1 parallel loop as CUDA kernels, split across the devices PPAR_DEVICES names
// REPORT-DAG: remark: 'peak' runs its 1 parallel loop as CUDA kernels, split across the devices PPAR_DEVICES names
// REPORT-DAG: remark: 'count_above' runs its 1 parallel loop as CUDA kernels{{$}}
// REPORT-DAG: remark: 'scaled_copy' runs its 1 parallel loop as CUDA kernels{{$}}
// NVRTC-DAG: gpu-split.stencil.cu: ok
// NVRTC-DAG: gpu-split.rows.cu: ok
// NVRTC-DAG: gpu-split.columns.cu: ok
// NVRTC-DAG: gpu-split.evens_down.cu: ok
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

/* A 1-D three-point stencil: each block reads one element past each end. */
PPAR_JIT(parallel, target=cuda)
void stencil(int n, const double *x, double *y) {
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i - 1] + 2 * x[i] + x[i + 1];
}

/* Rows of a 2-D array, each reading the row above. */
PPAR_JIT(parallel, target=cuda)
void rows(int n, int m, const double a[n][m], double b[n][m]) {
  for (int i = 1; i < n; i++)
    for (int j = 0; j < m; j++)
      b[i][j] = 2 * a[i][j] + a[i - 1][j];
}

/* Column i of every row: blocks of columns write interleaved bytes. */
PPAR_JIT(parallel, target=cuda)
void columns(int n, int m, double t[m][n]) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      t[j][i] = 100.0 * j + i;
}

/* Every other element, from the top down: blocks of a loop with step -2. */
PPAR_JIT(parallel, target=cuda)
void evens_down(int n, const double *x, double *z) {
  for (int i = n - 2; i >= 0; i -= 2)
    z[i] = x[i] * 3 + x[i + 1];
}

/* Reductions: each part's partial, combined in part order after the
 * split: a sum from the identity, the largest from the variable's value. */
PPAR_JIT(parallel, target=cuda)
double total(int n, const double *x) {
  double s = 0.5;
  for (int i = 0; i < n; i++)
    s += x[i] * (i % 3);
  return s;
}

PPAR_JIT(parallel, target=cuda)
double peak(int n, const double *x) {
  double m = -1;
  for (int i = 0; i < n; i++)
    if (x[i] * (i % 5) > m)
      m = x[i] * (i % 5);
  return m;
}

/* Not split: the reduction's variable is a parameter. */
PPAR_JIT(parallel, target=cuda)
long count_above(int n, const double *x, long c) {
  for (int i = 0; i < n; i++)
    c += x[i] > 8;
  return c;
}

/* Not split: the body does more than the loop. */
PPAR_JIT(parallel, target=cuda)
void scaled_copy(int n, const double *x, double *y, double *factor) {
  double f = *factor;
  for (int i = 0; i < n; i++)
    y[i] = f * x[i];
  *factor = 2 * f;
}

enum { N = 1003, M = 5 };
static double a[N][M], b[N][M], t[M][N];

int main(void) {
  double *x = malloc(N * sizeof *x), *y = calloc(N, sizeof *y), *z = calloc(N, sizeof *z);
  for (int i = 0; i < N; i++)
    x[i] = i % 17;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < M; j++)
      a[i][j] = (i * M + j) % 23;
  stencil(N, x, y);
  rows(N, M, a, b);
  columns(N, M, t);
  evens_down(N, x, z);
  double f = 1.5;
  scaled_copy(N - 1, x, y + 1, &f);
  double cy = 0, cb = 0, ct = 0, cz = 0;
  for (int i = 0; i < N; i++)
    cy += (i + 1) * y[i], cz += (i + 1) * z[i];
  for (int i = 0; i < N; i++)
    for (int j = 0; j < M; j++)
      cb += (i + j + 1) * b[i][j], ct += (i + 2 * j + 1) * t[j][i];
  printf("stencil %.1f rows %.1f columns %.1f evens_down %.1f factor %.2f\n", cy, cb, ct,
         cz, f);
  printf("total %.1f peak %.1f above %ld\n", total(N, x), peak(N, x), count_above(N, x, 3));
  printf("y[1] %.1f y[%d] %.1f b[1][0] %.1f b[%d][%d] %.1f t[%d][%d] %.1f\n", y[1],
         N - 2, y[N - 2], b[1][0], N - 1, M - 1, b[N - 1][M - 1], M - 1, N - 1,
         t[M - 1][N - 1]);
  free(x);
  free(y);
  free(z);
  return 0;
}
