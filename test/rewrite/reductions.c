// Reductions in the CPU variant. Integer reductions are exact in any order
// and keep OpenMP's reduction clause. Floating-point + * min max do not use
// it (libomp may combine the threads' values atomically or under a lock, in
// the order they finish): each thread accumulates from the identity into
// its own copy of the variable (same name, so the loop reads as written),
// stores it in its padded slot, and the slots are combined in thread order
// after the region (the PPAR_CHECK code before each loop is not checked
// here: see dispatch.c). jit(reproducible) accumulates per chunk of 1024
// iterations instead (each thread a run of whole chunks) and combines the
// chunks in a fixed pairwise tree: the same bits on any thread count.
// RUN: rm -rf %t && %cc_ppar -fsyntax-only -fplugin-arg-ppar-emit=%t %s
// RUN: grep -v '^//' %t/reductions.ppar.c | FileCheck %s
#include <stddef.h>
#include <ppar.h>

PPAR_JIT(parallel)
long count(size_t n, const int *a) {
  long k = 0;
  for (size_t i = 0; i < n; i++)
    k += a[i];
  return k;
}
// CHECK-LABEL: static long __ppar_cpu_count(size_t n, const int *a) {
// CHECK:    _Pragma("omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()) reduction(+:k)") for (size_t i = 0; i < n; i++)
// CHECK-NEXT:      k += a[i];
// CHECK:    return k;

PPAR_JIT(parallel)
float maxprod(int n, const float *x, long *count) {
  float m = -1e30f, p = 1;
  long c = 0;
  for (int i = 0; i < n; i++) {
    if (x[i] > m) m = x[i];
    p *= x[i];
    c += x[i] > 0;
  }
  *count = c;
  return m + p;
}
// CHECK-LABEL: static float __ppar_cpu_maxprod(int n, const float *x, long *count) {
// CHECK:    { int __ppar_nt = __ppar_rt_num_threads(), __ppar_t; struct { _Alignas(64) __typeof__(m) v; } __ppar_part_m[__ppar_nt]; for (__ppar_t = 0; __ppar_t < __ppar_nt; __ppar_t++) __ppar_part_m[__ppar_t].v = (__typeof__(m))-__builtin_inf(); struct { _Alignas(64) __typeof__(p) v; } __ppar_part_p[__ppar_nt]; for (__ppar_t = 0; __ppar_t < __ppar_nt; __ppar_t++) __ppar_part_p[__ppar_t].v = (__typeof__(p))1; _Pragma("omp parallel num_threads(__ppar_nt)") { __typeof__(m) m = (__typeof__(m))-__builtin_inf(); __typeof__(p) p = (__typeof__(p))1; _Pragma("omp for schedule(static) nowait reduction(+:c)") for (int i = 0; i < n; i++) {
// CHECK-NEXT:      if (x[i] > m) m = x[i];
// CHECK-NEXT:      p *= x[i];
// CHECK-NEXT:      c += x[i] > 0;
// CHECK-NEXT:    } __ppar_part_m[omp_get_thread_num()].v = m; __ppar_part_p[omp_get_thread_num()].v = p; } for (__ppar_t = 0; __ppar_t < __ppar_nt; __ppar_t++) { m = __ppar_part_m[__ppar_t].v > m ? __ppar_part_m[__ppar_t].v : m; p = p * __ppar_part_p[__ppar_t].v; } }

PPAR_JIT(parallel, reproducible)
double rsum(int n, const double *x) {
  double s = 0;
  for (int i = n; i > 0; i -= 2)
    s += x[i - 1];
  return s;
}
// CHECK-LABEL: static double __ppar_cpu_rsum(int n, const double *x) {
// CHECK:    { long long __ppar_lo = (long long)(n), __ppar_b = (long long)(0), __ppar_trip = __ppar_lo > __ppar_b ? (__ppar_lo - __ppar_b + 1) / 2 : 0, __ppar_chunks = (__ppar_trip + 1024 - 1) / 1024; int __ppar_nt = __ppar_rt_num_threads(); long long __ppar_span = __ppar_chunks > 0 ? (__ppar_chunks + __ppar_nt - 1) / __ppar_nt * 1024 : 1; __typeof__(s) *__ppar_part_s = __ppar_rt_partials(__ppar_chunks, sizeof *__ppar_part_s); _Pragma("omp parallel num_threads(__ppar_nt)") { long long __ppar_chunk = -1; __typeof__(s) s = (__typeof__(s))-0.0; _Pragma("omp for schedule(static, __ppar_span) nowait") for (int i = n; i > 0; i -= 2)
// CHECK-NEXT:      { { long long __ppar_k = ((long long)(i) - __ppar_lo) / -2 / 1024; if (__ppar_k != __ppar_chunk) { if (__ppar_chunk >= 0) { __ppar_part_s[__ppar_chunk] = s; } s = (__typeof__(s))-0.0; __ppar_chunk = __ppar_k; } } s += x[i - 1]; } if (__ppar_chunk >= 0) { __ppar_part_s[__ppar_chunk] = s; } } for (long long __ppar_w = 1; __ppar_w < __ppar_chunks; __ppar_w *= 2) for (long long __ppar_k = 0; __ppar_k + __ppar_w < __ppar_chunks; __ppar_k += 2 * __ppar_w) { __ppar_part_s[__ppar_k] = __ppar_part_s[__ppar_k] + __ppar_part_s[__ppar_k + __ppar_w]; } if (__ppar_chunks > 0) { s = s + __ppar_part_s[0]; } __ppar_rt_partials_free(__ppar_part_s); }

// A compound body gets the chunk bookkeeping after its brace.
PPAR_JIT(parallel, reproducible)
double rdot(size_t n, const double *x, const double *y) {
  double s = 0;
  for (size_t i = 0; i < n; i++) {
    s += x[i] * y[i];
  }
  return s;
}
// CHECK-LABEL: static double __ppar_cpu_rdot(size_t n, const double *x, const double *y) {
// CHECK:    { long long __ppar_lo = (long long)(0), __ppar_b = (long long)(n), {{.*}} _Pragma("omp for schedule(static, __ppar_span) nowait") for (size_t i = 0; i < n; i++) { { long long __ppar_k = ((long long)(i) - __ppar_lo) / 1 / 1024; {{.*}} } }
// CHECK-NEXT:      s += x[i] * y[i];
// CHECK-NEXT:    } if (__ppar_chunk >= 0) {{.*}} __ppar_rt_partials_free(__ppar_part_s); }
