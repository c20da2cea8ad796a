// target=cuda on the shapes csmith writes: kernels inside a plain block
// `{ ... }` of the body that declares the arrays they use, and arrays of a
// known size indexed in ways ppar cannot bound (`l[i % 8]`). The data used
// to be registered before the outermost statement holding a kernel, where
// the block's arrays are not declared yet, so the function stayed on the
// CPU; the registration now goes before the first kernel of the innermost
// plain block holding them all (it runs once per call), and an array of
// known size is copied whole. A kernel inside a loop still registers its
// data before the loop. Answers are the serial build's.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-blocks.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: FileCheck %s --check-prefix=VARIANT < %t.d/gpu-blocks.ppar.c
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
//
// REPORT-DAG: remark: 'blocks' runs its 3 parallel loops as CUDA kernels
// REPORT-DAG: remark: 'in_loop' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'in_loop_decl' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: warning: 'in_loop_decl_carried' runs on the CPU: 'l' is declared inside the statement at line [[#@LINE+66]] that holds a kernel
// NVRTC-DAG: gpu-blocks.blocks.cu: ok
// NVRTC-DAG: gpu-blocks.in_loop.cu: ok
// NVRTC-DAG: gpu-blocks.in_loop_decl.cu: ok
//
// The registration of l comes after its declaration, in the outer block;
// the call ends after that block's last kernel.
// VARIANT-LABEL: {{^}}static long __ppar_cuda_blocks(int n, const int *restrict in, int *restrict out) {
// VARIANT: { __auto_type __ppar_ret = -1; if (__ppar_rt_gpu_end(__ppar_g)) return __ppar_cpu_blocks(n, in, out); return __ppar_ret; }
// VARIANT: int l[8];
// VARIANT-NEXT: __ppar_rt_gpu_data(__ppar_g, (const void *)&l[0], (const void *)(&l[7] + 1), __PPAR_RT_ACCESS_READWRITE);{{.*}}__ppar_rt_gpu_data(__ppar_g, (const void *)&l, (const void *)(&l + 1), __PPAR_RT_ACCESS_READ);
// VARIANT: if (__ppar_rt_gpu_end(__ppar_g)) return __ppar_cpu_blocks(n, in, out);
// VARIANT: {{^}}#pragma clang diagnostic pop
#include <stdio.h>

#pragma ppar jit(parallel, target=cuda)
static long blocks(int n, const int *restrict in, int *restrict out) {
  long s = 0;
  if (n < 0)
    return -1;
  { /* block id: 1 */
    int l[8];
    { /* block id: 2 */
      int m = 3;
      for (int i = 0; i < 8; i++)
        l[i] = i * m;
      for (int i = 0; i < n; i++)
        out[i] = in[i] + l[i % 8];
    }
    for (int i = 0; i < 8; i++)
      s += l[i] * out[i];
  }
  return s;
}

// The kernel runs once per time step: its data is registered before the
// loop around it, once.
#pragma ppar jit(parallel, target=cuda)
static int in_loop(int steps) {
  int l[16] = {0}, w[4] = {1, 2, 3, 4};
  for (int t = 0; t < steps; t++) {
    for (int i = 0; i < 16; i++)
      l[i] += t * w[i % 4];
  }
  return l[3] + l[15];
}

// An array declared inside a loop is each iteration's own: the loop runs
// as one kernel, each thread with its own array.
#pragma ppar jit(parallel, target=cuda)
static int in_loop_decl(int steps) {
  int r = 0;
  for (int t = 0; t < steps; t++) {
    int l[16];
    for (int i = 0; i < 16; i++)
      l[i] = t + i;
    r += l[t % 16];
  }
  return r;
}

// When that loop carries a value (r), its inner loop is the kernel, and the
// array declared inside the outer loop cannot be registered before it.
#pragma ppar jit(parallel, target=cuda)
static int in_loop_decl_carried(int steps) {
  int r = 0;
  for (int t = 0; t < steps; t++) {
    int l[16];
    for (int i = 0; i < 16; i++)
      l[i] = t + i;
    r = r * 3 + l[t % 16];
  }
  return r;
}

int main(void) {
  int in[20], out[20];
  for (int i = 0; i < 20; i++)
    in[i] = 2 * i + 1;
  printf("%ld %ld\n", blocks(20, in, out), blocks(-1, in, out));
  for (int i = 0; i < 20; i++)
    printf(" %d", out[i]);
  printf("\n%d %d %d\n", in_loop(5), in_loop_decl(5), in_loop_decl_carried(5));
  return 0;
}
