// Raw kernels (jit(kernel)) as written to -fplugin-arg-ppar-emit: the kernel
// is the function's body behind the guard of the threads past the grid,
// with ppar.h's thread functions mapped to CUDA's and its atomics and the
// _Atomic updates to CUDA atomics; a helper of the file is a __device__
// function. After the function, f_launch: the GPU path (clauses
// registered, a pointer without clause looked up in resident data, the
// user's grid launched), the dispatcher with the host copies, the OpenMP
// loop over the threads and the serial one. A CPU-only kernel has no GPU
// path; a kernel with a barrier runs nowhere else.
// RUN: rm -rf %t.d
// RUN: %cc_ppar -fsyntax-only -fplugin-arg-ppar-emit=%t.d %s
// RUN: FileCheck %s --check-prefix=KERNEL < %t.d/raw-kernel.hist.cu
// RUN: FileCheck %s --check-prefix=BARRIER < %t.d/raw-kernel.pairs.cu
// RUN: FileCheck %s --check-prefix=LAUNCH < %t.d/raw-kernel.ppar.c
// RUN: not ls %t.d/raw-kernel.scale.cu
// RUN: %if nvrtc %{ %nvrtc_check %t.d/raw-kernel.*.cu | FileCheck %s --check-prefix=NVRTC %}
#include <stdatomic.h>
#include <ppar.h>

static int clamp(int b, int n) { return b < 0 ? 0 : b >= n ? n - 1 : b; }

PPAR_JIT(kernel, target=auto, cache, in(x[0:n]), inout(bins[0:64]))
void hist(const float *x, int n, unsigned *bins, _Atomic long *total) {
  long long i = ppar_thread_index();
  if (i >= n)
    return;
  ppar_atomic_add(&bins[clamp((int)(x[i] * 64), 64)], 1u);
  (*total)++;
}

PPAR_JIT(kernel, inout(a[0:n]))
void scale(double *a, int n) {
  for (long long i = ppar_thread_index(); i < n; i += ppar_grid_size())
    a[i] *= 2;
}

PPAR_JIT(kernel, target=cuda, inout(a[0:n]))
void pairs(int *a, int n) {
  long long i = ppar_thread_index();
  a[i] = (int)ppar_block_index() + ppar_thread_in_block() + ppar_block_dim();
  ppar_syncthreads();
  a[i ^ 1] += 1;
}

// KERNEL-LABEL: static __device__ int clamp(int b, int n) {
// KERNEL-NEXT:    return b < 0 ? 0 : b >= n ? n - 1 : b;
// KERNEL-NEXT:  }
// KERNEL-LABEL: extern "C" __global__ void __ppar_k_hist(long long __ppar_n, const float *x, int n, unsigned int *bins, _Atomic(long) *total) {
// KERNEL-NEXT:    __ppar_kernel_entry();
// KERNEL-NEXT:    __ppar_grid_n = __ppar_n;
// KERNEL-NEXT:    if (__ppar_thread_index() >= __ppar_n)
// KERNEL-NEXT:      return;
// KERNEL-NEXT:    {
// KERNEL-NEXT:      long long i = __ppar_thread_index();
// KERNEL-NEXT:      if (i >= n)
// KERNEL-NEXT:        return;
// KERNEL-NEXT:      __ppar_atomic_add(((unsigned int *)((&bins[clamp((int)(x[i] * 64), 64)]))), (unsigned int)((1U)));
// KERNEL-NEXT:      __ppar_atomic_add(((long *)&((*total))), (long)(1));
// KERNEL-NEXT:    }
// KERNEL-NEXT:  }

// BARRIER-LABEL: extern "C" __global__ void __ppar_k_pairs(long long __ppar_n, int *a, int n) {
// BARRIER:         a[i] = (int)__ppar_block_index() + __ppar_thread_in_block() + __ppar_block_dim();
// BARRIER-NEXT:    __syncthreads();

// LAUNCH-LABEL: static int __ppar_gpu_hist(ppar_grid_t __ppar_grid, const float *x, int n, unsigned int *bins, _Atomic(long) *total) {
// LAUNCH-SAME: __ppar_rt_gpu_begin(&__ppar_m_hist); if (!__ppar_g) return -1;
// LAUNCH-SAME: __ppar_rt_gpu_data(__ppar_g, (const void *)&(x)[0], (const void *)(&(x)[(0) + (n) - 1] + 1), __PPAR_RT_ACCESS_READ);
// LAUNCH-SAME: __ppar_rt_gpu_data(__ppar_g, (const void *)&(bins)[0], (const void *)(&(bins)[(0) + (64) - 1] + 1), __PPAR_RT_ACCESS_READWRITE);
// LAUNCH-SAME: __ppar_rt_gpu_data_resident(__ppar_g, total, "total");
// LAUNCH-SAME: __ppar_rt_gpu_launch_blocks(__ppar_g, 0, __ppar_n, __ppar_grid.block, (void *[]){&__ppar_n, &__ppar_p_x, &n, &__ppar_p_bins, &__ppar_p_total}); return __ppar_rt_gpu_end(__ppar_g); }
// LAUNCH-LABEL: void hist_launch(ppar_grid_t __ppar_grid, const float *x, int n, unsigned int *bins, _Atomic(long) *total) {
// LAUNCH-SAME: static struct __ppar_rt_fn __ppar_fn = {"hist", "{{.*}}raw-kernel.c", 23, 1u << __PPAR_RT_CPU | 1u << __PPAR_RT_CUDA, __PPAR_RT_TARGET_AUTO, 0};
// LAUNCH-SAME: total = (__typeof__(total))__ppar_rt_host_copy(&__ppar_h, total, (const void *[]){total, (const char *)total + 1}, 1);
// LAUNCH-SAME: int __ppar_v = __ppar_rt_choose(&__ppar_fn); if (__ppar_v == __PPAR_RT_CUDA) { if (!__ppar_h && !__ppar_gpu_hist(__ppar_grid, x, n, bins, total)) return; __ppar_v = __PPAR_RT_CPU; }
// LAUNCH-SAME: if (__ppar_v == __PPAR_RT_CPU || __ppar_v == __PPAR_RT_CHECK) { _Pragma("omp parallel for schedule(static) num_threads(__ppar_rt_num_threads())") for (long long __ppar_t = 0; __ppar_t < __ppar_grid.threads; __ppar_t++) { ppar__thread_enter(__ppar_grid, __ppar_t); hist(x, n, bins, total); } }
// LAUNCH-SAME: else for (long long __ppar_t = 0; __ppar_t < __ppar_grid.threads; __ppar_t++) { ppar__thread_enter(__ppar_grid, __ppar_t); hist(x, n, bins, total); } ppar__thread_leave(); }
// LAUNCH-LABEL: void scale_launch(ppar_grid_t __ppar_grid, double *a, int n) {
// LAUNCH-NOT: __PPAR_RT_CUDA
// LAUNCH-SAME: int __ppar_v = __ppar_rt_choose(&__ppar_fn); if (__ppar_v == __PPAR_RT_CPU
// LAUNCH-LABEL: void pairs_launch(ppar_grid_t __ppar_grid, int *a, int n) {
// LAUNCH-SAME: if (__ppar_v == __PPAR_RT_CUDA) { if (!__ppar_gpu_pairs(__ppar_grid, a, n)) return; __ppar_v = __PPAR_RT_CPU; } __ppar_rt_raw_needs_gpu(&__ppar_fn);

// NVRTC-DAG: raw-kernel.hist.cu: ok, kernels: __ppar_k_hist
// NVRTC-DAG: raw-kernel.pairs.cu: ok, kernels: __ppar_k_pairs
