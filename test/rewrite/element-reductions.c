// A reduction into an array element whose subscripts the loop does not
// change: the CPU variant loads the element into an accumulator before the
// loop (`{ __typeof__(x[i]) __ppar_acc0 = x[i];`), the loop reads every
// mention of the element as the accumulator, which the usual reduction code
// makes private to each thread (floating point: partials combined in thread
// order; integers: OpenMP's clause), and stores it back after the loop. The
// serial copy (PPAR_CHECK) keeps the element; the check compares it within
// the reduction's tolerance and the memory the loop wrote exactly, with the
// element's serial value in place.
// RUN: rm -rf %t && %cc_ppar -fsyntax-only -fplugin-arg-ppar-min-work=0 -fplugin-arg-ppar-emit=%t %s
// RUN: grep -v '^#line' %t/element-reductions.ppar.c | FileCheck %s
#include <ppar.h>

PPAR_JIT(parallel)
void lower_solve(int n, const double (*restrict l)[64], double *restrict x) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < i; j++)
      x[i] -= l[i][j] * x[j];
}
// CHECK-LABEL: static void __ppar_cpu_lower_solve(int n, const double (*restrict l)[64], double *restrict x) {
// CHECK:      for (int j = 0; j < i; j++)
// CHECK-NEXT:   x[i] -= l[i][j] * x[j];
// CHECK-NEXT: __ppar___ppar_acc01 = x[i]; __ppar_rt_check_mid(__ppar_c); } { __typeof__(x[i]) __ppar_acc0 = x[i]; { int __ppar_nt = __ppar_rt_num_threads(), __ppar_t; {{.*}} _Pragma("omp parallel num_threads(__ppar_nt)") { __typeof__(__ppar_acc0) __ppar_acc0 = (__typeof__(__ppar_acc0))-0.0; _Pragma("omp for schedule(static) nowait") for (int j = 0; j < i; j++)
// CHECK-NEXT:   __ppar_acc0 -= l[i][j] * x[j]; {{.*}} __ppar_acc0 = __ppar_acc0 + __ppar_part___ppar_acc0[__ppar_t].v; } } x[i] = __ppar_acc0; } if (__ppar_c) { __ppar_rt_check_scalar(__ppar_c, "x[i]", (double)x[i], (double)__ppar___ppar_acc01, 1); { __typeof__(x[i]) __ppar___ppar_acc02 = x[i]; x[i] = __ppar___ppar_acc01; __ppar_rt_check_end(__ppar_c); x[i] = __ppar___ppar_acc02; } } }

PPAR_JIT(parallel)
void counts(int n, const int *restrict key, long *restrict hist, int bin) {
  for (int i = 0; i < n; i++)
    if (key[i] == bin)
      hist[bin]++;
}
// CHECK-LABEL: static void __ppar_cpu_counts(int n, const int *restrict key, long *restrict hist, int bin) {
// CHECK:      { __typeof__(hist[bin]) __ppar_acc0 = hist[bin]; _Pragma("omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()) reduction(+:__ppar_acc0)") for (int i = 0; i < n; i++)
// CHECK-NEXT:   if (key[i] == bin)
// CHECK-NEXT:     __ppar_acc0++; hist[bin] = __ppar_acc0; }

// Two elements of one array, each its own accumulator; the exact test shows
// that neither touches the other (rows 2k and 2k+1).
PPAR_JIT(parallel)
void two_sums(int n, int k, const double *restrict v, double *restrict s) {
  for (int i = 0; i < n; i++) {
    s[2 * k] += v[i];
    s[2 * k + 1] += v[i] * v[i];
  }
}
// CHECK-LABEL: static void __ppar_cpu_two_sums(int n, int k, const double *restrict v, double *restrict s) {
// CHECK:      { __typeof__(s[2 * k]) __ppar_acc0 = s[2 * k]; __typeof__(s[2 * k + 1]) __ppar_acc1 = s[2 * k + 1]; {{.*}}_Pragma("omp for schedule(static) nowait") for (int i = 0; i < n; i++) {
// CHECK-NEXT:   __ppar_acc0 += v[i];
// CHECK-NEXT:   __ppar_acc1 += v[i] * v[i];
// CHECK-NEXT: } {{.*}} s[2 * k] = __ppar_acc0; s[2 * k + 1] = __ppar_acc1; }
