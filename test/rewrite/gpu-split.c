// A target=cuda function whose body is one parallel loop: its GPU variant
// first tries the call split across devices (docs/multi-gpu.md). The part
// function copies the parameters from the caller's array, moves the outer
// level's first value and count to its block, registers each array's bytes
// for the loop variable between __ppar_blo and __ppar_bhi (the halo of a
// stencil included), takes the kernels' pointers through the block's first
// byte, and returns its failure; a failed overlap check keeps the call on
// one device. A reduction's partials, one per part (from the identity for
// a sum), are combined in part order before the function's return; a
// reduction into a parameter is not split. The runtime is given the
// iterations of the whole nest too (a part gets at least a wave of its
// GPU's threads).
// RUN: rm -rf %t.d
// RUN: %cc_ppar -fsyntax-only -fplugin-arg-ppar-emit=%t.d %s
// RUN: FileCheck %s < %t.d/gpu-split.ppar.c
#include <ppar.h>

PPAR_JIT(parallel, target=cuda)
void stencil(int n, const double *x, double *restrict y) {
  for (int i = 1; i < n - 1; i++)
    y[i] = x[i - 1] + 2 * x[i] + x[i + 1];
}

PPAR_JIT(parallel, target=cuda)
double total(int n, const double *x) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += x[i];
  return s * 2;
}

PPAR_JIT(parallel, target=cuda)
void blur(int n, int m, const double *x, double *restrict y) {
  for (int i = 1; i < n - 1; i++)
    for (int j = 0; j < m; j++)
      y[i * m + j] = x[(i - 1) * m + j] + x[(i + 1) * m + j];
}

PPAR_JIT(parallel, target=cuda)
double into_param(int n, const double *x, double s) {
  for (int i = 0; i < n; i++)
    s += x[i];
  return s;
}

// CHECK-LABEL: static int __ppar_part_stencil(void *__ppar_e, const struct __ppar_rt_gpu_part *__ppar_p) {
// CHECK-SAME: int n = *(__typeof__(n) *)__ppar_a[0]; const double *x = *(__typeof__(x) *)__ppar_a[1]; double *restrict y = *(__typeof__(y) *)__ppar_a[2];
// CHECK-SAME: { long long __ppar_lo0 = (long long)(1), __ppar_b0 = (long long)(n - 1), __ppar_n0 = {{[^;]*}};
// CHECK-SAME: struct __ppar_rt_gpu_call *__ppar_g = __ppar_rt_gpu_begin(&__ppar_m_stencil); if (!__ppar_g) return -3;
// CHECK-SAME: __ppar_lo0 += __ppar_p->first * 1; __ppar_n0 = __ppar_p->count; long long __ppar_blo = __ppar_rt_min(__ppar_lo0, __ppar_lo0 + (__ppar_n0 - 1) * 1), __ppar_bhi = __ppar_rt_max(__ppar_lo0, __ppar_lo0 + (__ppar_n0 - 1) * 1);
// CHECK-SAME: __ppar_rt_gpu_data(__ppar_g, (const void *)&y[__ppar_blo], (const void *)(&y[__ppar_bhi] + 1), __PPAR_RT_ACCESS_READWRITE);
// CHECK-SAME: (const void *)&x[__ppar_rt_min(__ppar_blo - 1, __ppar_rt_min(__ppar_blo, __ppar_blo + 1))]
// CHECK-SAME: (const void *)(&x[__ppar_rt_max(__ppar_bhi - 1, __ppar_rt_max(__ppar_bhi, __ppar_bhi + 1))] + 1)
// CHECK-SAME: __ppar_rt_gpu_copy_in(__ppar_g); int __ppar_serial = 0;
// CHECK-SAME: void *__ppar_p_y = (char *)__ppar_rt_gpu_ptr(__ppar_g, (const void *)&y[__ppar_blo]) - ((const char *)(const void *)&y[__ppar_blo] - (const char *)y);
// CHECK-SAME: __ppar_rt_gpu_launch(__ppar_g, 0, __ppar_n0, 1, (void *[]){&__ppar_lo0, &__ppar_n0, &__ppar_serial, &__ppar_p_y, &__ppar_p_x}); return __ppar_rt_gpu_end(__ppar_g); } }
// CHECK-LABEL: static void __ppar_cuda_stencil(int n, const double *x, double *restrict y) {
// CHECK-SAME: if (__ppar_rt_gpu_parts() > 1) { long long __ppar_lo0 = (long long)(1), __ppar_b0 = (long long)(n - 1), __ppar_n0 = {{[^;]*}}; void *__ppar_a[] = {(void *)&n, (void *)&x, (void *)&y}; if (__ppar_rt_gpu_split(&__ppar_m_stencil, __ppar_n0, __ppar_n0, __ppar_part_stencil, __ppar_a) == 0) { return; } }
// CHECK-SAME: struct __ppar_rt_gpu_call *__ppar_g = __ppar_rt_gpu_begin(&__ppar_m_stencil);

// CHECK-LABEL: static int __ppar_part_total(void *__ppar_e, const struct __ppar_rt_gpu_part *__ppar_p) {
// CHECK-SAME: double s = (__typeof__(s))-0.0;
// CHECK-SAME: __ppar_rt_gpu_fetch(__ppar_g, &s, __ppar_red_s, sizeof s); int __ppar_rc = __ppar_rt_gpu_end(__ppar_g); if (!__ppar_rc) { ((__typeof__(s) *)__ppar_a[3])[__ppar_p->part] = s; } return __ppar_rc; } }
// CHECK-LABEL: static double __ppar_cuda_total(int n, const double *x) {
// CHECK-SAME: int __ppar_np = __ppar_rt_gpu_parts(); double s = 0; __typeof__(s) __ppar_r_s[__ppar_np]; for (int __ppar_k = 0; __ppar_k < __ppar_np; __ppar_k++) __ppar_r_s[__ppar_k] = (__typeof__(s))-0.0;
// CHECK-SAME: void *__ppar_a[] = {(void *)&n, (void *)&x, (void *)&s, (void *)__ppar_r_s};
// CHECK-SAME: if (__ppar_rt_gpu_split(&__ppar_m_total, __ppar_n0, __ppar_n0, __ppar_part_total, __ppar_a) == 0) { for (int __ppar_k = 0; __ppar_k < __ppar_np; __ppar_k++) { s = s + __ppar_r_s[__ppar_k]; } return s * 2; } }

// CHECK-LABEL: static void __ppar_cuda_blur(int n, int m, const double *x, double *restrict y) {
// CHECK-SAME: if (__ppar_rt_gpu_parts() > 1) { long long __ppar_lo0 = {{[^;]*}}, __ppar_n0 = {{[^;]*}}; long long __ppar_lo1 = {{[^;]*}}, __ppar_n1 = {{[^;]*}};
// CHECK-SAME: if (__ppar_rt_gpu_split(&__ppar_m_blur, __ppar_n0, __ppar_n0 * __ppar_n1, __ppar_part_blur, __ppar_a) == 0) { return; } }
// CHECK-LABEL: static double __ppar_cuda_into_param(int n, const double *x, double s) {
// CHECK-NOT: __ppar_rt_gpu_split
// CHECK-SAME: struct __ppar_rt_gpu_call *__ppar_g = __ppar_rt_gpu_begin(&__ppar_m_into_param);
// CHECK-NOT: {{^}}static int __ppar_part_into_param
