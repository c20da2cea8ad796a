// The copies around host code between kernels, as written to
// -fplugin-arg-ppar-emit: a declaration that reads one element gets the copy
// back alone (nothing to send again); memcpy into the data gets all of the
// destination's ranges back before and to the GPU after, and all of the
// source's back; a statement between kernels that uses no data gets
// nothing; the line count of the function is kept.
// RUN: rm -rf %t.d
// RUN: %cc_ppar -fsyntax-only -fplugin-arg-ppar-emit=%t.d %s 2> %t.err
// RUN: FileCheck %s < %t.d/gpu-host-code.ppar.c
// RUN: FileCheck %s --check-prefix=REMARK < %t.err
#include <string.h>
#include <ppar.h>

PPAR_JIT(parallel, target=cuda)
double pass(int n, int k, double *restrict x, double *restrict y) {
  for (int i = 0; i < n; i++)
    x[i] = i;
  double c = x[k];
  int twice = 2 * n;
  memcpy(y, x, n * sizeof *x);
  for (int i = 0; i < n; i++)
    y[i] = y[i] * c + twice;
  return c;
}
// CHECK-LABEL: static double __ppar_cuda_pass(
// CHECK: if (__ppar_rt_gpu_to_host(__ppar_g, (const void *)&(x[k]), (const void *)(&(x[k]) + 1))) { __ppar_rt_gpu_end(__ppar_g); return __ppar_cpu_pass(n, k, x, y); } double c = x[k];
// CHECK-NEXT: {{^}}  int twice = 2 * n;
// CHECK-NEXT: {{^}}  if (__ppar_rt_gpu_to_host(__ppar_g, (const void *)&y[0], (const void *)(&y[n - 1] + 1)) || __ppar_rt_gpu_to_host(__ppar_g, (const void *)&x[0], (const void *)(&x[n - 1] + 1))) { __ppar_rt_gpu_end(__ppar_g); return __ppar_cpu_pass(n, k, x, y); } memcpy(y, x, n * sizeof *x); __ppar_rt_gpu_to_device(__ppar_g, (const void *)&y[0], (const void *)(&y[n - 1] + 1));
// REMARK: gpu-host-code.c:18:3: remark: 'pass' copies 'x' back to the host before line 18 (8 bytes: x[k]), because the host code here reads it
// REMARK: gpu-host-code.c:20:3: remark: 'pass' copies 'y' back to the host before line 20 and to the GPU after it (all of y[0 .. n - 1], n * 8 bytes), because the host code here reads and writes it
// REMARK: gpu-host-code.c:20:3: remark: 'pass' copies 'x' back to the host before line 20 (all of x[0 .. n - 1], n * 8 bytes), because the host code here reads it
