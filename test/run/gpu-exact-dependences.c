// target=cuda on nests only the exact dependence test proves parallel: a
// flattened 2-D stencil with a boundary (`out[i*n + j]` for 1 <= j < n-1
// is row i) and a symmetric matrix filled in a triangular nest. Both used
// to stay on the CPU (the outer loop "may be written by more than one
// iteration", and the inner loop's data depends on the outer variable);
// now the outer loop is the kernel. Answers are the serial build's.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-exact-dependences.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
//
// REPORT-DAG: remark: 'stencil' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'symmetric' runs its 1 parallel loop as CUDA kernels
// NVRTC-DAG: gpu-exact-dependences.stencil.cu: ok
// NVRTC-DAG: gpu-exact-dependences.symmetric.cu: ok
#include <stdio.h>

#pragma ppar jit(parallel, target=cuda)
static void stencil(double *restrict out, const double *restrict in, int n) {
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      out[i * n + j] = 0.25 * (in[(i - 1) * n + j] + in[(i + 1) * n + j] +
                               in[i * n + j - 1] + in[i * n + j + 1]);
}

#pragma ppar jit(parallel, target=cuda)
static void symmetric(int m, const double *restrict v, double c[m][m]) {
  for (int i = 0; i < m; i++)
    for (int j = i; j < m; j++) {
      c[i][j] = v[i] * v[j] + i - j;
      c[j][i] = c[i][j];
    }
}

int main(void) {
  enum { N = 40 };
  static double in[N * N], out[N * N], c[N][N], v[N];
  for (int i = 0; i < N * N; i++)
    in[i] = (i % 7) * 0.5, out[i] = -1;
  for (int i = 0; i < N; i++)
    v[i] = i * 0.25 - 3;
  stencil(out, in, N);
  symmetric(N, v, c);
  double s = 0, t = 0;
  for (int i = 0; i < N * N; i++)
    s += out[i] * (i % 5 + 1);
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      t += c[i][j] * (i + 2 * j + 1);
  printf("%.10g %.10g\n", s, t);
  return 0;
}
