// A serial loop around parallel loops becomes one parallel region: the
// loops `omp for`, statements that write shared data `omp single` (a run of
// them in one), statements that only compute the body's own variables on
// every thread. The region's work, counted at run time, chooses it or the
// serial copy; PPAR_CHECK runs the loop as written, each parallel loop with
// its own region and check. A jump out of the loop keeps that scheme.
// RUN: rm -rf %t && %cc_ppar -fopenmp -fplugin-arg-ppar-emit=%t -fplugin-arg-ppar-report -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: grep -v '^//' %t/region.ppar.c | FileCheck %s
// RUN: %cc_ppar -fopenmp -fplugin-arg-ppar-report=json:%t/r.json -c %s -o %t.o
// RUN: FileCheck %s --check-prefix=JSON < %t/r.json
// RUN: %cc_ppar -fopenmp -fplugin-arg-ppar-min-work=0 -fplugin-arg-ppar-emit=%t/off -c %s -o %t.o
// RUN: grep -v '^//' %t/off/region.ppar.c | FileCheck %s --check-prefix=ALWAYS
// RUN: %cc_ppar -fopenmp -fplugin-arg-ppar-regions=off -fplugin-arg-ppar-emit=%t/none -c %s -o %t.o
// RUN: grep -v '^//' %t/none/region.ppar.c | FileCheck %s --check-prefix=NONE
#include <stdio.h>

#pragma ppar jit(parallel)
void jacobi_1d(int tsteps, int n, double *restrict a, double *restrict b) {
  int t, i;
  // REPORT: region.c:[[#@LINE+1]]:3: remark: loop not parallelised: b[i] at region.c:[[#@LINE+3]] is written again by a later iteration, direction (<, =)
  for (t = 0; t < tsteps; t++) {
    for (i = 1; i < n - 1; i++)
      b[i] = 0.33333 * (a[i - 1] + a[i] + a[i + 1]);
    for (i = 1; i < n - 1; i++)
      a[i] = 0.33333 * (b[i - 1] + b[i] + b[i + 1]);
  }
  // REPORT: region.c:[[@LINE-6]]:3: remark: serial loop runs in one parallel region; its parallel loops are shared among the threads (2 loops, 2 barriers in its body); it does so only when, counted at run time, they have at least 131072 operations per barrier (iterations times the operations of one), else it runs serially
}
// CHECK-LABEL: static void __ppar_cpu_jacobi_1d(
// CHECK: if (!__ppar_rt_checking()) { double __ppar_step = (double)__ppar_rt_max(n - 2, 0) * 10 + (double)__ppar_rt_max(n - 2, 0) * 10; if ((double)__ppar_rt_max(tsteps, 0) * __ppar_step >= 262144.0 && __ppar_step >= 131072.0 * 2) { int __ppar_nt = __ppar_rt_num_threads(); __typeof__(t) __ppar_last; _Pragma("omp parallel num_threads(__ppar_nt) private(t)") {
// CHECK-NEXT: #line [[#L:]]
// CHECK-NEXT: for (t = 0; t < tsteps; t++) {
// CHECK-NEXT: _Pragma("omp for schedule(static)") for (i = 1; i < n - 1; i++)
// CHECK: _Pragma("omp for schedule(static)") for (i = 1; i < n - 1; i++)
// CHECK: } _Pragma("omp masked") __ppar_last = t; } t = __ppar_last; } else {
// CHECK-NEXT: #line [[#L]]
// CHECK-NEXT: for (t = 0; t < tsteps; t++) {
// CHECK-NEXT: for (i = 1;
// CHECK: } } else
// CHECK-NEXT: #line [[#L]]
// CHECK-NEXT: for (t = 0; t < tsteps; t++) {
// CHECK: _Pragma("omp parallel for
// NONE-LABEL: static void __ppar_cpu_jacobi_1d(
// NONE-NOT: if (!__ppar_rt_checking())
// NONE: _Pragma("omp parallel for
// ALWAYS-LABEL: static void __ppar_cpu_jacobi_1d(
// ALWAYS: if (!__ppar_rt_checking()) { { int __ppar_nt = __ppar_rt_num_threads(); __typeof__(t) __ppar_last; _Pragma("omp parallel num_threads(__ppar_nt) private(t)") {

// Durbin's recursion: scalars assigned on one thread between the loops,
// a floating-point sum combined in thread order after a barrier.
#pragma ppar jit(parallel)
void durbin(int n, const double *restrict r, double *restrict y, double *restrict z) {
  double alpha = -r[0], beta = 1.0, sum;
  y[0] = -r[0];
  for (int k = 1; k < n; k++) {
    beta = (1 - alpha * alpha) * beta;
    sum = 0.0;
    for (int i = 0; i < k; i++)
      sum += r[k - i - 1] * y[i];
    alpha = -(r[k] + sum) / beta;
    for (int i = 0; i < k; i++)
      z[i] = y[i] + alpha * y[k - i - 1];
    for (int i = 0; i < k; i++)
      y[i] = z[i];
    y[k] = alpha;
  }
}
// CHECK-LABEL: static void __ppar_cpu_durbin(
// CHECK: __ppar_step >= 131072.0 * 7) { int __ppar_nt = __ppar_rt_num_threads(); int __ppar_t0; struct { _Alignas(64) __typeof__(sum) v; } __ppar_part0_sum[__ppar_nt];
// CHECK-SAME: _Pragma("omp parallel num_threads(__ppar_nt)") {
// CHECK: _Pragma("omp single") { beta = (1 - alpha * alpha) * beta;
// CHECK-NEXT: sum = 0.0; }
// CHECK-NEXT: { __typeof__(sum) sum = (__typeof__(sum))-0.0; _Pragma("omp for schedule(static) nowait") for (int i = 0; i < k; i++)
// CHECK-NEXT: sum += r[k - i - 1] * y[i]; __ppar_part0_sum[omp_get_thread_num()].v = sum; } _Pragma("omp barrier") _Pragma("omp single") { int __ppar_t; for (__ppar_t = 0; __ppar_t < __ppar_nt; __ppar_t++) { sum = sum + __ppar_part0_sum[__ppar_t].v; } }
// CHECK: _Pragma("omp single") alpha = -(r[k] + sum) / beta;
// CHECK-NEXT: _Pragma("omp for schedule(static)") for (int i = 0; i < k; i++)
// CHECK: _Pragma("omp for schedule(static)") for (int i = 0; i < k; i++)
// CHECK: _Pragma("omp single") y[k] = alpha;

// An integer sum keeps OpenMP's clause; a variable of the body is computed
// on every thread, then a barrier, since it reads what the next single
// writes; a loop with an overlap check runs its serial copy on one thread
// when the check fails.
#pragma ppar jit(parallel)
long counts(int n, long *hist, long *out) {
  long total = 0, s;
  for (int k = 1; k < n; k++) {
    long last = hist[k - 1];
    s = 0;
    for (int i = 0; i < k; i++)
      s += hist[i] % 7 + last;
    total += s;
    for (int i = 0; i < k; i++)
      out[i] = hist[i] + s;
    hist[k] = s % 1000;
  }
  return total;
}
// CHECK-LABEL: static long __ppar_cpu_counts(
// CHECK: _Pragma("omp parallel num_threads(__ppar_nt)") {
// CHECK: long last = hist[k - 1];
// CHECK-NEXT: _Pragma("omp barrier") _Pragma("omp single") s = 0;
// CHECK-NEXT: _Pragma("omp for schedule(static) reduction(+:s)") for (int i = 0; i < k; i++)
// CHECK: _Pragma("omp single") total += s;
// CHECK-NEXT: if (__ppar_rt_disjoint({{.*}})) { _Pragma("omp for schedule(static)") for (int i = 0; i < k; i++)
// CHECK-NEXT: out[i] = hist[i] + s; } else _Pragma("omp single") {
// CHECK-NEXT: #line
// CHECK-NEXT: for (int i = 0; i < k; i++)
// CHECK-NEXT: out[i] = hist[i] + s; }
// CHECK: _Pragma("omp single") hist[k] = s % 1000;

// A call between the loops runs on one thread.
#pragma ppar jit(parallel)
void noisy(int tsteps, int n, double *restrict a, double *restrict b) {
  for (int t = 0; t < tsteps; t++) {
    for (int i = 0; i < n; i++)
      b[i] = a[i] * 0.5 + t;
    printf("step %d: %g\n", t, b[n / 2]);
    for (int i = 0; i < n; i++)
      a[i] = b[i] + 1.0;
  }
}
// CHECK-LABEL: static void __ppar_cpu_noisy(
// CHECK: _Pragma("omp parallel num_threads(__ppar_nt)") {
// CHECK: _Pragma("omp single") printf("step %d: %g\n", t, b[n / 2]);

// Leaving the serial loop early: every thread would have to leave it at
// once. Each parallel loop keeps its own region.
#pragma ppar jit(parallel)
int stops(int tsteps, int n, double *restrict a) {
  int t;
  for (t = 0; t < tsteps; t++) {
    for (int i = 0; i < n; i++)
      a[i] = a[i] * 0.5 + 1.0;
    if (a[0] > 1.9)
      break;
  }
  return t;
}
// CHECK-LABEL: static int __ppar_cpu_stops(
// CHECK-NOT: if (!__ppar_rt_checking())
// CHECK: _Pragma("omp parallel for

// A parallel loop nested in a statement of the body: no region either.
#pragma ppar jit(parallel)
void nested(int tsteps, int n, double *restrict a) {
  for (int t = 0; t < tsteps; t++)
    if (t % 2)
      for (int i = 0; i < n; i++)
        a[i] += 1.0;
}
// CHECK-LABEL: static void __ppar_cpu_nested(
// CHECK-NOT: if (!__ppar_rt_checking())
// CHECK: _Pragma("omp parallel for

// The parallel loop sits in a serial loop of its own: every thread runs
// that loop, its variable private (used nowhere else), and its barriers
// count once per iteration of it.
#pragma ppar jit(parallel)
void sweep(int tsteps, int n, double (*restrict a)[n], double *restrict b) {
  int t, i, j;
  for (t = 0; t < tsteps; t++) {
    for (i = 1; i < n; i++)
      for (j = 0; j < n; j++)
        a[i][j] = a[i - 1][j] * 0.5 + b[j];
    for (j = 0; j < n; j++)
      b[j] = a[n - 1][j] * 0.25 + t;
  }
}
// CHECK-LABEL: static void __ppar_cpu_sweep(
// CHECK: if (!__ppar_rt_checking()) { double __ppar_step = (double)__ppar_rt_max(n - 1, 0) * (double)__ppar_rt_max(n, 0) * 7 + (double)__ppar_rt_max(n, 0) * 6;
// CHECK-SAME: __ppar_step >= 131072.0 * (1 + (double)__ppar_rt_max(n - 1, 0) * 1))
// CHECK-SAME: _Pragma("omp parallel num_threads(__ppar_nt) private(t, i)") {
// CHECK: for (i = 1; i < n; i++)
// CHECK-NEXT: _Pragma("omp for schedule(static)") for (j = 0; j < n; j++)

// The same with the variable read after the loops: the region goes around
// the inner serial loop only. Its parallel loop, the body of that loop
// without braces, gets one: the statements before and after it stay in it.
#pragma ppar jit(parallel)
int sweep_kept(int tsteps, int n, double (*restrict a)[n], double *restrict b) {
  int t, i, j;
  for (t = 0; t < tsteps; t++) {
    for (i = 1; i < n; i++)
      for (j = 0; j < n; j++)
        a[i][j] = a[i - 1][j] * 0.5 + b[j];
    for (j = 0; j < n; j++)
      b[j] = a[n - 1][j] * 0.25 + t;
  }
  return i;
}
// CHECK-LABEL: static int __ppar_cpu_sweep_kept(
// CHECK: _Pragma("omp parallel num_threads(__ppar_nt) private(i)") {
// CHECK-NEXT: #line
// CHECK-NEXT: for (i = 1; i < n; i++)
// CHECK-NEXT: _Pragma("omp for schedule(static)") for (j = 0; j < n; j++)
// CHECK-NEXT: a[i][j] = a[i - 1][j] * 0.5 + b[j]; _Pragma("omp masked") __ppar_last = i; } i = __ppar_last; } else {

// The serial loop's `i` would be private to the region, but the parallel
// loop before it keeps i's last value (lastprivate: `b[0][0] = i` reads it),
// which OpenMP forbids
// for a private variable: the region goes around the inner loop only.
#pragma ppar jit(parallel)
void mixed(int tsteps, int n, double (*restrict a)[n], double (*restrict b)[n]) {
  int t, i, j;
  for (t = 0; t < tsteps; t++) {
    for (i = 1; i < n - 1; i++)
      for (j = 1; j < n - 1; j++)
        b[i][j] = 0.2 * (a[i][j] + a[i][j - 1] + a[i][1 + j] + a[1 + i][j] + a[i - 1][j]);
    b[0][0] = i;
    for (i = 1; i < n; i++)
      for (j = 0; j < n; j++)
        a[i][j] = a[i - 1][j] * 0.5 + b[i][j];
  }
}
// CHECK-LABEL: static void __ppar_cpu_mixed(
// CHECK: for (t = 0; t < tsteps; t++) {
// CHECK: _Pragma("omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()) private(j) lastprivate(i)")
// CHECK: if (!__ppar_rt_checking()) { double __ppar_step = (double)__ppar_rt_max(n, 0) * 7;
// CHECK-SAME: _Pragma("omp parallel num_threads(__ppar_nt) private(i)")

// A variable of the body computed on every thread by a pure function that
// reads the array the next loop writes: a barrier after it, or a fast
// thread would change the array under a slow one.
static double first(const double *a) { return a[0] + 1.0; }
#pragma ppar jit(parallel)
void scaled(int tsteps, int n, double *restrict a) {
  for (int t = 0; t < tsteps; t++) {
    double m = first(a);
    for (int i = 0; i < n; i++)
      a[i] = a[i] / m;
  }
}
// CHECK-LABEL: static void __ppar_cpu_scaled(
// CHECK: _Pragma("omp parallel num_threads(__ppar_nt)") {
// CHECK: double m = first(a);
// CHECK-NEXT: _Pragma("omp barrier") _Pragma("omp for schedule(static)") for (int i = 0; i < n; i++)

// A global loop variable: the functions the loop calls would still see
// the shared one, not each thread's copy.
int step;
#pragma ppar jit(parallel)
void global_step(int n, double *restrict a) {
  for (step = 0; step < 10; step++)
    for (int i = 0; i < n; i++)
      a[i] += step;
}
// CHECK-LABEL: static void __ppar_cpu_global_step(
// CHECK-NOT: if (!__ppar_rt_checking())
// CHECK: _Pragma("omp parallel for

// LU: the serial part of each step (the first j loop, one thread) keeps
// its counters j and k private to the region, not shared: a shared counter
// is a load and a store on every iteration (4x slower than serial).
#pragma ppar jit(parallel)
void lu(int n, double A[n][n]) {
  int i, j, k;
  for (i = 0; i < n; i++) {
    for (j = 0; j < i; j++) {
      for (k = 0; k < j; k++)
        A[i][j] -= A[i][k] * A[k][j];
      A[i][j] /= A[j][j];
    }
    for (j = i; j < n; j++)
      for (k = 0; k < i; k++)
        A[i][j] -= A[i][k] * A[k][j];
  }
}
// CHECK-LABEL: static void __ppar_cpu_lu(
// CHECK: _Pragma("omp parallel num_threads(__ppar_nt) private(i, j, k)") {
// CHECK: _Pragma("omp single") for (j = 0; j < i; j++) {
// CHECK: _Pragma("omp for schedule(static) private(k)") for (j = i; j < n; j++)

// JSON: "region": true,
// JSON-NEXT: "region_loops": 2,
// JSON-NEXT: "reason": "chosen",
// JSON-NEXT: "message": "serial loop runs in one parallel region; its parallel loops are shared among the threads (2 loops, 2 barriers in its body)
