// An annotated function becomes: a forward declaration of its variant on its
// first line, a dispatcher after its opening brace, the serial body as
// written, and the variant (noinline) right after it under #line.
// RUN: rm -rf %t && %cc_ppar -fsyntax-only -fplugin-arg-ppar-emit=%t %s
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t/dispatch.ppar.c
// RUN: %cc_ppar -fsyntax-only -fplugin-arg-ppar-emit=%t -x c - < %s
// RUN: FileCheck %s --check-prefix=STDIN < %t/stdin.ppar.c
#include <stddef.h>

// CHECK-LABEL:#pragma ppar jit(parallel)
// CHECK-NEXT:__attribute__((noinline)) static double __ppar_cpu_dot(const double *x, const double *y, size_t n); double dot(const double *x, const double *y, size_t n) { static struct __ppar_rt_fn __ppar_fn = {"dot", "{{.*}}dispatch.c", [[@LINE+2]], 1u << __PPAR_RT_CPU | 1u << __PPAR_RT_CHECK, __PPAR_RT_TARGET_CPU, 0}; switch (__ppar_rt_choose(&__ppar_fn)) { case __PPAR_RT_CPU: return __ppar_cpu_dot(x, y, n); case __PPAR_RT_CHECK: return __ppar_cpu_dot(x, y, n); default: break; }
#pragma ppar jit(parallel)
double dot(const double *x, const double *y, size_t n) {
  double s = 0; /* a comment */
#pragma ppar prange
  for (size_t i = 0; i < n; i++)
    s += x[i] * y[i];
  return s;
}
// CHECK-NEXT:  double s = 0; /* a comment */
// CHECK-NEXT:#pragma ppar prange
// CHECK-NEXT:  for (size_t i = 0; i < n; i++)
// CHECK-NEXT:    s += x[i] * y[i];
// CHECK-NEXT:  return s;
// CHECK-NEXT:}
// CHECK-NEXT:#pragma clang diagnostic push
// CHECK-NEXT:#pragma clang diagnostic ignored "-Weverything"
// CHECK-NEXT:#line [[@LINE-15]] "{{.*}}dispatch.c"
// CHECK-NEXT:static double __ppar_cpu_dot(const double *x, const double *y, size_t n) {
// CHECK-NEXT:  double s = 0; {{$}}
// CHECK-NEXT:#pragma ppar prange
// CHECK-NEXT:  { struct __ppar_rt_check *__ppar_c = 0; __typeof__(s) __ppar_s0, __ppar_s1; if (__ppar_rt_checking() && (__ppar_c = __ppar_rt_check_begin("dot", "{{.*}}dispatch.c", [[#@LINE-16]], 0, 0))) { __ppar_s0 = s; {{$}}
// CHECK-NEXT:#line 16 "{{.*}}dispatch.c"
// CHECK-NEXT:  for (size_t i = 0; i < n; i++)
// CHECK-NEXT:    s += x[i] * y[i];
// CHECK-NEXT:#line 16 "{{.*}}dispatch.c"
// CHECK-NEXT:  __ppar_s1 = s; s = __ppar_s0; __ppar_rt_check_mid(__ppar_c); } { int __ppar_nt = __ppar_rt_num_threads(), __ppar_t; {{.*}} _Pragma("omp for schedule(static) nowait") for (size_t i = 0; i < n; i++)
// CHECK-NEXT:    s += x[i] * y[i]; __ppar_part_s[omp_get_thread_num()].v = s; } for (__ppar_t = 0; __ppar_t < __ppar_nt; __ppar_t++) { s = s + __ppar_part_s[__ppar_t].v; } } if (__ppar_c) { __ppar_rt_check_scalar(__ppar_c, "s", (double)s, (double)__ppar_s1, 1); __ppar_rt_check_end(__ppar_c); } }
// CHECK-NEXT:#line 17 "{{.*}}dispatch.c"
// CHECK-EMPTY:
// CHECK-NEXT:  return s;
// CHECK-NEXT:}
// CHECK-NEXT:#pragma clang diagnostic pop
// CHECK-NEXT:#line [[@LINE-25]] "{{.*}}dispatch.c"

// A void function returns after its variant; a static one keeps one storage.
// CHECK-LABEL:__attribute__((noinline)) static void __ppar_cpu_zero(int n, double a[n]); static void zero(int n, double a[n]) { {{.*}} case __PPAR_RT_CPU: __ppar_cpu_zero(n, a); return; case __PPAR_RT_CHECK: __ppar_cpu_zero(n, a); return; default: break; }
// CHECK:static void __ppar_cpu_zero(int n, double a[n]) {
#pragma ppar jit(parallel)
static void zero(int n, double a[n]) {
#pragma ppar prange
  for (int i = 0; i < n; i++) a[i] = 0;
}
void use(double *a) { zero(4, a); }

// STDIN: double dot(const double *x, const double *y, size_t n) { static struct __ppar_rt_fn __ppar_fn = {"dot", "<stdin>",
