// Host code between two kernels of a target=cuda function that uses the
// data the kernels use keeps the kernels on the GPU: the bytes it uses are
// copied back to the host before it and, what it writes, to the GPU after
// it; one element when the statement leaves its subscripts alone, else all
// of the variable's ranges. Such a function used to stay on the CPU with a
// warning. The common shapes of a time loop: a boundary value written on
// the host, a convergence test on a reduction (no copy at all), one
// element printed, a norm computed by a helper on the host, pointers that
// trade places, a branch holding a kernel and host code. Answers are the
// serial build's (without a GPU, the fallback).
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: FileCheck %s --check-prefix=VARIANT < %t.d/gpu-host-code.ppar.c
// RUN: FileCheck %s --check-prefix=GCHECK < %t.d/gpu-host-code.ppar.c
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-host-code.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t
//
// REPORT-DAG: remark: 'relax' runs its 3 parallel loops as CUDA kernels
// REPORT-DAG: gpu-host-code.c:[[#@LINE+41]]:5: remark: 'relax' copies 'v' back to the host before line [[#@LINE+41]] and to the GPU after it (16 bytes: v[0], v[1]), because the host code here reads and writes it
// REPORT-DAG: remark: 'relax' copies 'v' back to the host before line [[#@LINE+41]] and to the GPU after it (16 bytes: v[n - 1], v[n - 2]), because the host code here reads and writes it
// REPORT-DAG: remark: 'relax' copies 'u' back to the host before line [[#@LINE+46]] (8 bytes: u[n / 2]), because the host code here reads it
// REPORT-DAG: remark: 'heat' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'heat' copies 'b' back to the host before line [[#@LINE+58]] and to the GPU after it (16 bytes: b[0], b[n - 1]), because the host code here writes it
// REPORT-DAG: remark: 'heat' copies 'b' back to the host before line [[#@LINE+58]] (all of b[1 .. n - 2], (n - 2) * 8 bytes), because the host code here reads it
// REPORT-DAG: remark: 'branches' runs its 2 parallel loops as CUDA kernels
// REPORT-DAG: remark: 'branches' copies 'x' back to the host before line [[#@LINE+71]] and to the GPU after it (8 bytes: x[t % n]), because the host code here reads and writes it
// REPORT-NOT: warning:
//
// The copies go around the statement, inside the time loop; a branch gets
// braces around them.
// VARIANT-LABEL: static int __ppar_cuda_relax(
// VARIANT: if (__ppar_rt_gpu_to_host(__ppar_g, (const void *)&(v[0]), (const void *)(&(v[0]) + 1)) || __ppar_rt_gpu_to_host(__ppar_g, (const void *)&(v[1]), (const void *)(&(v[1]) + 1))) { __ppar_rt_gpu_end(__ppar_g); return __ppar_cpu_relax(n, steps, u, v, tol); } v[0] = v[1]; __ppar_rt_gpu_to_device(__ppar_g, (const void *)&(v[0]), (const void *)(&(v[0]) + 1));
// VARIANT-LABEL: static double __ppar_cuda_heat(
// VARIANT: if (__ppar_rt_gpu_to_host(__ppar_g, (const void *)&b[1], (const void *)(&b[n - 2] + 1))) { __ppar_rt_gpu_end(__ppar_g); return __ppar_cpu_heat(n, steps, a, b); } total += norm1(n, b);
// VARIANT-LABEL: static void __ppar_cuda_branches(
// VARIANT: else
// VARIANT-NEXT: { if (__ppar_rt_gpu_to_host(__ppar_g, (const void *)&(x[t % n]), (const void *)(&(x[t % n]) + 1))) { __ppar_rt_gpu_end(__ppar_g); { __ppar_cpu_branches(n, steps, x); return; } } x[t % n] += 100; __ppar_rt_gpu_to_device(__ppar_g, (const void *)&(x[t % n]), (const void *)(&(x[t % n]) + 1)); }
// NVRTC-DAG: gpu-host-code.relax.cu: ok
// NVRTC-DAG: gpu-host-code.heat.cu: ok
// NVRTC-DAG: gpu-host-code.branches.cu: ok
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

/* A pure helper: reads only what its argument points to. */
static double norm1(int n, const double *x) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += fabs(x[i]);
  return s;
}

#pragma ppar jit(parallel, target=cuda)
static int relax(int n, int steps, double *u, double *v, double tol) {
  int t;
  for (t = 0; t < steps; t++) {
    for (int i = 1; i < n - 1; i++)
      v[i] = 0.5 * (u[i - 1] + u[i + 1]) + 0.01;
    v[0] = v[1];
    v[n - 1] = 0.5 * v[n - 2];
    double err = 0;
    for (int i = 0; i < n; i++)
      err += fabs(v[i] - u[i]);
    for (int i = 0; i < n; i++)
      u[i] = v[i];
    if (t % 16 == 0)
      printf("relax %d: u[n/2] = %.6f err %.3e\n", t, u[n / 2], err);
    if (err < tol)
      break;
  }
  return t;
}

#pragma ppar jit(parallel, target=cuda)
static double heat(int n, int steps, double *a, double *b) {
  double total = 0;
  for (int t = 0; t < steps; t++) {
    for (int i = 1; i < n - 1; i++)
      b[i] = a[i] + 0.25 * (a[i - 1] - 2 * a[i] + a[i + 1]);
    b[0] = b[n - 1] = 1.0 + t;
    total += norm1(n, b);
    double *w = a;
    a = b;
    b = w;
  }
  return total;
}

#pragma ppar jit(parallel, target=cuda)
static void branches(int n, int steps, double *x) {
  for (int t = 0; t < steps; t++) {
    if (t % 3)
      for (int i = 0; i < n; i++)
        x[i] = x[i] * 0.5 + i;
    else
      x[t % n] += 100;
    for (int i = 0; i < n; i++)
      x[i] += 1;
  }
}

int main(void) {
  enum { N = 1000 };
  double *u = malloc(N * sizeof *u), *v = malloc(N * sizeof *v);
  for (int i = 0; i < N; i++)
    u[i] = v[i] = (i % 7) * 0.1;
  int t = relax(N, 100, u, v, 1e-9);
  printf("relax: %d steps, u[1] = %.9f\n", t, u[1]);
  for (int i = 0; i < N; i++)
    u[i] = v[i] = 0;
  printf("heat: %.6f u[1] %.6f v[1] %.6f\n", heat(N, 41, u, v), u[1], v[1]);
  branches(N, 10, u);
  double s = 0;
  for (int i = 0; i < N; i++)
    s += u[i] * (i % 3);
  printf("branches: %.6f\n", s);
  free(u);
  free(v);
  return 0;
}

// PPAR_CHECK on a GPU runs the body serially, then the GPU variant: not for
// 'relax', which prints (its output would appear twice); its loops are
// checked one by one in the multi-core variant instead.
// GCHECK-NOT: {{__ppar_gcheck_relax[(]}}
// GCHECK: {{__ppar_gcheck_branches[(]}}
// GCHECK-NOT: {{__ppar_gcheck_relax[(]}}
