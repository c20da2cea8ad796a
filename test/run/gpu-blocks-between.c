// Blocks a target=cuda function allocates between its kernels, as solvers
// allocate a scratch grid after their first pass: `double *tmp = malloc(...)`
// after the first kernel, used by later kernels, freed before the last.
// Such a function used to stay on the CPU ("allocated after the code that
// runs on the GPU starts"); now the block goes to the GPU right after its
// allocation (__ppar_rt_gpu_block), whole, and each free between kernels
// drops the device copy first (__ppar_rt_gpu_block_free), so nothing is
// copied into freed memory. A block allocated and freed in every time step,
// one calloc'd and written by host code between kernels, and one allocated
// before the first kernel and freed between kernels work the same way.
// Answers are the serial build's.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT --implicit-check-not=warning: < %t.report
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-blocks-between.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: FileCheck %s --check-prefix=VARIANT < %t.d/gpu-blocks-between.ppar.c
// RUN: %cc_ppar -fsyntax-only -fplugin-arg-ppar-report=json:%t.json %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
//
// REPORT-DAG: remark: 'smooth' runs its 5 parallel loops as CUDA kernels
// REPORT-DAG: note: 'tmp' is copied to the GPU at its allocation (line [[#@LINE+24]]) and dropped there at its free (line [[#@LINE+36]]): tmp (its whole block) (the block malloc gave it)
// REPORT-DAG: remark: 'per_step' runs its 3 parallel loops as CUDA kernels
// REPORT-DAG: remark: 'host_writes' runs its 2 parallel loops as CUDA kernels
// REPORT-DAG: remark: 'freed_early' runs its 3 parallel loops as CUDA kernels
// NVRTC-DAG: gpu-blocks-between.smooth.cu: ok
// NVRTC-DAG: gpu-blocks-between.per_step.cu: ok
// NVRTC-DAG: gpu-blocks-between.host_writes.cu: ok
// NVRTC-DAG: gpu-blocks-between.freed_early.cu: ok
//
// VARIANT-LABEL: {{^}}static double __ppar_cuda_smooth(
// VARIANT: double *tmp = ([[SIZE:__ppar_size_tmp_[0-9_]+]] = (n * sizeof *tmp), malloc(n * sizeof *tmp)); __ppar_rt_gpu_block(__ppar_g, (const void *)tmp, (const void *)((const char *)tmp + [[SIZE]]));
// VARIANT: (__ppar_rt_gpu_block_free(__ppar_g, (const void *)tmp, (const void *)((const char *)tmp + [[SIZE]])), free(tmp));
// VARIANT-LABEL: {{^}}static double __ppar_cuda_freed_early(
// VARIANT-NOT: __ppar_rt_gpu_block(
// VARIANT: __ppar_rt_gpu_data(__ppar_g, (const void *)w,
// VARIANT: (__ppar_rt_gpu_block_free(__ppar_g, (const void *)w, {{.*}}), free(w));
#include <stdio.h>
#include <stdlib.h>

/* A scratch grid allocated after the first pass, freed before the last. */
#pragma ppar jit(parallel, target=cuda)
static double smooth(int n, int steps, const double *in, double *out) {
  for (int i = 0; i < n; i++)
    out[i] = in[i] * 2;
  double *tmp = malloc(n * sizeof *tmp);
  if (!tmp)
    return -1;
  for (int t = 0; t < steps; t++) {
    for (int i = 1; i < n - 1; i++)
      tmp[i] = (out[i - 1] + out[i] + out[i + 1]) / 3;
    for (int i = 1; i < n - 1; i++)
      out[i] = tmp[i];
  }
  double s = 0;
  for (int i = 0; i < n; i++)
    s += out[i];
  free(tmp);
  for (int i = 0; i < n; i++)
    out[i] += 1;
  return s;
}

/* A block of its own in every time step. */
#pragma ppar jit(parallel, target=cuda)
static void per_step(int n, int steps, double *u) {
  for (int i = 0; i < n; i++)
    u[i] = i % 5;
  for (int t = 0; t < steps; t++) {
    double *flux = malloc((n + 1) * sizeof(double));
    for (int i = 1; i < n; i++)
      flux[i] = 0.25 * (u[i] - u[i - 1]);
    for (int i = 1; i < n - 1; i++)
      u[i] += flux[i + 1] - flux[i];
    free(flux);
  }
}

/* calloc'd, then written and read by host code between kernels. */
#pragma ppar jit(parallel, target=cuda)
static double host_writes(int n, const double *in) {
  double sum = 0;
  for (int i = 0; i < n; i++)
    sum += in[i];
  double *w = calloc(n, sizeof *w);
  w[0] = sum;
  for (int i = 1; i < n; i++)
    w[i] = in[i] / sum;
  double r = w[0] + w[n - 1];
  free(w);
  return r;
}

/* Allocated before the first kernel, freed between kernels. */
#pragma ppar jit(parallel, target=cuda)
static double freed_early(int n, double *u) {
  double *w = malloc(n * sizeof *w);
  for (int i = 0; i < n; i++)
    w[i] = u[i] + 1;
  for (int i = 0; i < n; i++)
    u[i] = w[i] * w[i];
  free(w);
  double m = 0;
  for (int i = 0; i < n; i++)
    m = u[i] > m ? u[i] : m;
  return m;
}

/* A scratch block the host alone uses between kernels (a serial prefix
   sum): no pointer but its own reaches it, so it is never GPU data under
   another name and needs no copy. */
#pragma ppar jit(parallel, target=cuda)
static double host_scratch(int n, double *u) {
  for (int i = 0; i < n; i++)
    u[i] = (i % 7) * 0.5 + 1;
  double *pre = malloc((n + 1) * sizeof *pre);
  if (!pre)
    return -1;
  pre[0] = 0;
  for (int i = 0; i < n; i++)
    pre[i + 1] = pre[i] + u[i];
  double tot = pre[n];
  free(pre);
  for (int i = 0; i < n; i++)
    u[i] /= tot;
  return tot;
}

int main(void) {
  enum { N = 40 };
  static double in[N], out[N], u[N];
  for (int i = 0; i < N; i++)
    in[i] = (i * 7 % 11) / 3.0;
  printf("smooth: %.9f\n", smooth(N, 4, in, out));
  for (int i = 0; i < N; i += 7)
    printf(" %.9f", out[i]);
  per_step(N, 5, u);
  printf("\nper_step:");
  for (int i = 0; i < N; i += 7)
    printf(" %.9f", u[i]);
  printf("\nhost_writes: %.9f\n", host_writes(N, in));
  printf("freed_early: %.9f %.9f\n", freed_early(N, u), u[3]);
  printf("host_scratch: %.9f %.9f\n", host_scratch(N, u), u[5]);
  return 0;
}
// JSON: "name": "smooth",
// JSON: "var": "tmp",
// JSON-NEXT: "direction": "inout",
// JSON-NEXT: "extents": [
// JSON-NEXT: "tmp (its whole block)"
// JSON-NEXT: ],
// JSON-NEXT: "from": "allocation",
// JSON-NEXT: "copy_in_at_line": 48,
// JSON-NEXT: "dropped_at_line": 60
// REPORT-DAG: remark: 'host_scratch' runs its 2 parallel loops as CUDA kernels
// VARIANT-LABEL: {{^}}static double __ppar_cuda_host_scratch(
// VARIANT-NOT: __ppar_rt_gpu_block
// VARIANT: free(pre);
