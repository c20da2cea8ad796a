// A parallel loop whose trip counts are known only at run time runs its
// serial copy when its nest has less work than the small-work threshold
// (-fplugin-arg-ppar-min-work, default 262144 operations): the iterations,
// estimated from the loops' bounds at run time, times the operations of one
// iteration (analysis/WorkCost: 4 for `a[i] *= 2` with its test and step,
// so 65536 iterations; 6 for the triangular nest, 43691). A triangular nest counts its inner
// loop at the outer variable's first or last value, whichever is more. A
// nest whose work is not its iterations (a call of a function of the file,
// a while loop) keeps every thread, as does prange.
// RUN: rm -rf %t && %cc_ppar -fopenmp -fplugin-arg-ppar-emit=%t -fplugin-arg-ppar-report -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: grep -v '^//' %t/work-guard.ppar.c | FileCheck %s
// RUN: %cc_ppar -fopenmp -fplugin-arg-ppar-min-work=0 -fplugin-arg-ppar-emit=%t/off -c %s -o %t.o
// RUN: grep -v '^//' %t/off/work-guard.ppar.c | FileCheck %s --check-prefix=OFF
// RUN: %cc_ppar -fopenmp %s -o %t.exe %link_rt && %cc_plain %s -o %t.plain -lm
// RUN: %check_run %t.exe %t.plain
#include <stdio.h>

double work(double x) { return x * 0.5; }

#pragma ppar jit(parallel)
void scale(int n, double *restrict a) {
  // REPORT: work-guard.c:[[@LINE+1]]:3: remark: loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()); it runs in parallel only when its nest has at least 65536 iterations, counted at run time
  for (int i = 0; i < n; i++)
    a[i] *= 2;
}
// CHECK-LABEL: static void __ppar_cpu_scale(
// CHECK: { int __ppar_par = n >= 65536;
// CHECK: if (!__ppar_par || __ppar_c) {
// CHECK: if (__ppar_par) { _Pragma("omp parallel for
// OFF-LABEL: static void __ppar_cpu_scale(
// OFF-NOT: __ppar_par
// OFF: _Pragma("omp parallel for

#pragma ppar jit(parallel)
void lower(int n, double t[n][n]) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j <= i; j++)
      t[i][j] += 1;
}
// CHECK-LABEL: static void __ppar_cpu_lower(
// CHECK: { int __ppar_par = (double)__ppar_rt_max(n, 0) * (double)__ppar_rt_max(__ppar_rt_max(n, 1), 0) >= 43691.0;

#pragma ppar jit(parallel)
void calls(int n, double *restrict a) {
  // REPORT: work-guard.c:[[@LINE+1]]:3: remark: loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()){{$}}
  for (int i = 0; i < n; i++)
    a[i] = work(a[i]);
}
// CHECK-LABEL: static void __ppar_cpu_calls(
// CHECK-NOT: __ppar_par
// CHECK: _Pragma("omp parallel for

#pragma ppar jit(parallel)
void asked(int n, double *restrict a) {
  #pragma ppar prange
  for (int i = 0; i < n; i++)
    a[i] += 1;
}
// CHECK-LABEL: static void __ppar_cpu_asked(
// CHECK-NOT: __ppar_par
// CHECK: _Pragma("omp parallel for

int main(void) {
  static double a[10000], t[100][100];
  for (int n = 10; n <= 10000; n *= 10) {
    scale(n, a);
    calls(n, a);
    asked(n, a);
  }
  lower(100, t);
  lower(10, (double (*)[10])t);
  double s = 0;
  for (int i = 0; i < 10000; i++)
    s += a[i] * (i % 7);
  for (int i = 0; i < 100; i++)
    for (int j = 0; j < 100; j++)
      s += t[i][j] * ((i + j) % 5);
  printf("%.6f\n", s);
  return 0;
}
