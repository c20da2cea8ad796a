// A CUDA kernel of a loop whose private variables are a scalar written on
// both branches of an if/else, a struct written member by member and a
// small array written element by element: each thread declares its own.
// Answers are the serial build's.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-private-parts.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: FileCheck %s --check-prefix=KERNEL < %t.d/gpu-private-parts.scratch.cu
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
//
// REPORT: gpu-private-parts.c:[[@LINE+15]]:3: remark: loop parallelised: omp parallel for {{.*}} private(p, d, w)
// REPORT: remark: 'scratch' runs its 1 parallel loop as CUDA kernels
// NVRTC: gpu-private-parts.scratch.cu: ok
// KERNEL: int p; V2 d; double w[3];
#include <stdio.h>

#define N 5000

typedef struct { double x, y; } V2;

#pragma ppar jit(parallel, target=cuda, in(a[0:n]))
void scratch(int n, const double *restrict a, double *restrict out) {
  double w[3];
  V2 d;
  int p;
  for (int i = 0; i < n; i++) {
    if (i % 2)
      p = i;
    else
      p = n - 1 - i;
    w[0] = a[p];
    w[1] = 2 * a[i];
    w[2] = w[0] + w[1];
    d.x = w[2];
    d.y = w[0];
    out[i] = w[0] * w[1] - w[2] + d.x * d.y;
  }
}

int main(void) {
  static double a[N], out[N];
  for (int i = 0; i < N; i++)
    a[i] = (i % 17) * 0.5;
  scratch(N, a, out);
  double s = 0;
  for (int i = 0; i < N; i++)
    s += out[i] * (i % 3);
  printf("%.6f\n", s);
  return 0;
}
