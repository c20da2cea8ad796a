// A raw kernel that waits at a block barrier (ppar_syncthreads) runs only on
// a GPU, so it says target=cuda: each thread writes its element, and after
// the barrier reads its neighbour's, which another thread of its block
// wrote. The program checks itself ("ok"). Its module compiles with NVRTC;
// without a GPU the launch ends the program with a line naming the kernel,
// never with a wrong answer (on a GPU, scripts/gpu-suite.sh runs it).
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: FileCheck %s --check-prefix=KERNEL < %t.d/raw-kernel-barrier.swap_pairs.cu
// RUN: %if nvrtc %{ %nvrtc_check %t.d/raw-kernel-barrier.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: %if !cuda-gpu %{ not %t 2>&1 | FileCheck %s --check-prefix=NOGPU %}
// RUN: %if !cuda-gpu %{ env PPAR_DISABLE_JIT=1 not %t 2>&1 | FileCheck %s --check-prefix=NOGPU %}
// RUN: %if cuda-gpu %{ %t | FileCheck %s --check-prefix=GPU %}
//
// REPORT: remark: 'swap_pairs' is a raw kernel: swap_pairs_launch runs its threads as a CUDA grid (it waits at block barriers: only there)
// KERNEL: extern "C" __global__ void __ppar_k_swap_pairs(long long __ppar_n, int *a, int *b, int n)
// KERNEL: __syncthreads();
// NVRTC: raw-kernel-barrier.swap_pairs.cu: ok
// NOGPU: ppar: error: swap_pairs ({{.*}}raw-kernel-barrier.c:28): the kernel waits at block barriers (ppar_syncthreads), which only a GPU has
// GPU: ok
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

PPAR_JIT(kernel, target=cuda, inout(a[0:n]), out(b[0:n]))
void swap_pairs(int *a, int *b, int n) {
  long long i = ppar_thread_index();
  a[i] = (int)(i * 3 + 1);
  ppar_syncthreads(); /* the whole block has written a */
  b[i] = a[i ^ 1];
}

int main(void) {
  int n = 4096; /* whole blocks of 128: every thread reaches the barrier */
  int *a = calloc(n, sizeof *a), *b = calloc(n, sizeof *b);
  ppar_launch(swap_pairs, ppar_blocks(n / 128, 128), a, b, n);
  int bad = 0;
  for (int i = 0; i < n; i++)
    bad += b[i] != (i ^ 1) * 3 + 1;
  printf(bad ? "%d wrong\n" : "ok\n", bad);
  free(a), free(b);
  return bad != 0;
}
