// The multi-core variant runs only when some loop of it may have enough
// work for the threads, bounded at entry over the parameters the body never
// changes; else the function runs as written (the variant's serial copies
// are slower: its regions keep shared locals in memory).
// RUN: rm -rf %t && %cc_ppar -fopenmp -fplugin-arg-ppar-emit=%t -c %s -o %t.o
// RUN: grep -v '^//' %t/entry-gate.ppar.c | FileCheck %s
// RUN: %cc_ppar -fopenmp -fplugin-arg-ppar-regions=off -fplugin-arg-ppar-emit=%t/noreg -c %s -o %t.o
// RUN: grep -v '^//' %t/noreg/entry-gate.ppar.c | FileCheck %s --check-prefix=NOREG
#include <stddef.h>

// A loop over a parameter: its own test, at entry.
// CHECK-LABEL: void scale(
// CHECK: case __PPAR_RT_CPU: if (n >= [[#]]) { __ppar_cpu_scale(a, n); return; } break; case __PPAR_RT_CHECK:
#pragma ppar jit(parallel)
void scale(double *restrict a, int n) {
  for (int i = 0; i < n; i++)
    a[i] *= 2.0;
}

// A triangular loop inside a serial one (trisolv): the inner count at the
// outer variable's last value; with the region around them, its test too.
// CHECK-LABEL: void lower(
// CHECK: case __PPAR_RT_CPU: if (n - 1 >= [[#]] || ((double)__ppar_rt_max(n - 1, 0) * {{.*}}) { __ppar_cpu_lower(n, x, L); return; } break;
// NOREG-LABEL: void lower(
// NOREG: case __PPAR_RT_CPU: if (n - 1 >= [[#]]) { __ppar_cpu_lower(n, x, L); return; } break;
#pragma ppar jit(parallel)
void lower(int n, double *restrict x, double L[n][n]) {
  int i, j;
  for (i = 1; i < n; i++)
    for (j = 0; j < i; j++)
      L[i][j] = L[i - 1][j] * x[j];
}

// Counting down, the inner loop is longest at the outer variable's end.
// CHECK-LABEL: void upper(
// CHECK: case __PPAR_RT_CPU: if (n - 1 >= [[#]] || {{.*}}) { __ppar_cpu_upper(n, x, U); return; } break;
// NOREG-LABEL: void upper(
// NOREG: case __PPAR_RT_CPU: if (n - 1 >= [[#]]) { __ppar_cpu_upper(n, x, U); return; } break;
#pragma ppar jit(parallel)
void upper(long n, double *restrict x, double U[n][n]) {
  for (long i = n - 2; i >= 0; i--)
    for (long j = i + 1; j < n; j++)
      U[i][j] = U[i + 1][j] - x[j];
}

// A reduction that returns its value.
// CHECK-LABEL: double total(
// CHECK: case __PPAR_RT_CPU: if (n >= [[#]]) { return __ppar_cpu_total(x, n); } break;
#pragma ppar jit(parallel)
double total(const double *x, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; i++)
    s += x[i];
  return s;
}

// A serial loop around parallel ones (one region): its own test too.
// CHECK-LABEL: void steps(
// CHECK: case __PPAR_RT_CPU: if ({{.*}}__ppar_rt_max(t, 0) * {{.*}}) { __ppar_cpu_steps(t, n, a, b); return; } break;
#pragma ppar jit(parallel)
void steps(int t, int n, double *restrict a, double *restrict b) {
  for (int s = 0; s < t; s++) {
    for (int i = 1; i < n - 1; i++)
      b[i] = (a[i - 1] + a[i] + a[i + 1]) / 3;
    for (int i = 1; i < n - 1; i++)
      a[i] = b[i];
  }
}

// A bound the body computes, or a parameter it changes: no test at entry.
// CHECK-LABEL: void half(
// CHECK: case __PPAR_RT_CPU: __ppar_cpu_half(a, n); return; case __PPAR_RT_CHECK:
#pragma ppar jit(parallel)
void half(double *restrict a, int n) {
  int m = n / 2;
  for (int i = 0; i < m; i++)
    a[i] += 1.0;
}
// CHECK-LABEL: void shrink(
// CHECK: case __PPAR_RT_CPU: __ppar_cpu_shrink(a, n); return; case __PPAR_RT_CHECK:
#pragma ppar jit(parallel)
void shrink(double *restrict a, int n) {
  n -= 1;
  for (int i = 0; i < n; i++)
    a[i] += 1.0;
}

// A loop of constant count large enough always runs in parallel.
// CHECK-LABEL: void fixed(
// CHECK: case __PPAR_RT_CPU: __ppar_cpu_fixed(a); return; case __PPAR_RT_CHECK:
#pragma ppar jit(parallel)
void fixed(double *restrict a) {
  for (int i = 0; i < 1000000; i++)
    a[i] = i;
}
