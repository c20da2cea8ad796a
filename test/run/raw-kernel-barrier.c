// A raw kernel that waits at a block barrier (ppar_syncthreads) or uses
// block shared memory (PPAR_SHARED) runs only on a GPU, so it says
// target=cuda: each thread writes its element, and after the barrier reads
// its neighbour's, which another thread of its block wrote; a block sum in
// shared memory. The program checks itself ("ok"). Its modules compile with NVRTC;
// without a GPU the launch ends the program with a line naming the kernel,
// never with a wrong answer (on a GPU, scripts/gpu-suite.sh runs it).
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: FileCheck %s --check-prefix=KERNEL < %t.d/raw-kernel-barrier.swap_pairs.cu
// RUN: FileCheck %s --check-prefix=SHARED < %t.d/raw-kernel-barrier.block_sums.cu
// RUN: %if nvrtc %{ %nvrtc_check %t.d/raw-kernel-barrier.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: %if !cuda-gpu %{ not %t 2>&1 | FileCheck %s --check-prefix=NOGPU %}
// RUN: %if !cuda-gpu %{ env PPAR_DISABLE_JIT=1 not %t 2>&1 | FileCheck %s --check-prefix=NOGPU %}
// RUN: %if cuda-gpu %{ %t | FileCheck %s --check-prefix=GPU %}
//
// REPORT: remark: 'swap_pairs' is a raw kernel: swap_pairs_launch runs its threads as a CUDA grid (it uses block barriers or shared memory: only there)
// KERNEL: extern "C" __global__ void __ppar_k_swap_pairs(long long __ppar_n, int *a, int *b, int n)
// KERNEL: __syncthreads();
// SHARED-LABEL: extern "C" __global__ void __ppar_k_block_sums(long long __ppar_n, const double *x, int n, double *sums, int nb)
// SHARED: __shared__ double part[128];
// NVRTC-DAG: raw-kernel-barrier.swap_pairs.cu: ok
// NVRTC-DAG: raw-kernel-barrier.block_sums.cu: ok
// NOGPU: ppar: error: swap_pairs ({{.*}}raw-kernel-barrier.c:[[@LINE+8]]): the kernel uses block barriers (ppar_syncthreads) or block shared memory (PPAR_SHARED), which only a GPU has
// GPU: ok
// GPU-NEXT: ok
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

/* Each block sums its 128 elements in shared memory, halving at barriers. */
PPAR_JIT(kernel, target=cuda, in(x[0:n]), out(sums[0:nb]))
void block_sums(const double *x, int n, double *sums, int nb) {
  PPAR_SHARED(double, part, 128);
  int t = ppar_thread_in_block();
  long long i = ppar_thread_index();
  part[t] = i < n ? x[i] : 0.0;
  ppar_syncthreads();
  for (int s = 64; s > 0; s /= 2) {
    if (t < s)
      part[t] += part[t + s];
    ppar_syncthreads();
  }
  if (t == 0 && ppar_block_index() < nb)
    sums[ppar_block_index()] = part[0];
}

int main(void) {
  int n = 4096; /* whole blocks of 128: every thread reaches the barrier */
  int *a = calloc(n, sizeof *a), *b = calloc(n, sizeof *b);
  ppar_launch(swap_pairs, ppar_blocks(n / 128, 128), a, b, n);
  int bad = 0;
  for (int i = 0; i < n; i++)
    bad += b[i] != (i ^ 1) * 3 + 1;
  printf(bad ? "%d wrong\n" : "ok\n", bad);

  int m = 1000, nb = (m + 127) / 128, wrong = 0;
  double *x = malloc(m * sizeof *x), *sums = calloc(nb, sizeof *sums);
  for (int i = 0; i < m; i++)
    x[i] = i % 10;
  ppar_launch(block_sums, ppar_blocks(nb, 128), x, m, sums, nb);
  for (int blk = 0; blk < nb; blk++) {
    double want = 0;
    for (int i = blk * 128; i < m && i < (blk + 1) * 128; i++)
      want += x[i];
    wrong += sums[blk] != want;
  }
  printf(wrong ? "%d wrong sums\n" : "ok\n", wrong);
  free(a), free(b), free(x), free(sums);
  return bad != 0 || wrong != 0;
}
