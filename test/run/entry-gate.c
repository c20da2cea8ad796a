// The multi-core variant runs only when some loop of it may have enough
// work for the threads, bounded at entry over the parameters the body never
// changes; else the function runs as written (the variant's serial copies
// are slower: its regions keep shared locals in memory). Sizes on both sides
// of the (lowered) thresholds give the serial answers.
// RUN: rm -rf %t && %cc_ppar -fopenmp -fplugin-arg-ppar-emit=%t -c %s -o %t.o
// RUN: grep -v '^//' %t/entry-gate.ppar.c | FileCheck %s
// RUN: %cc_ppar -fopenmp -fplugin-arg-ppar-regions=off -fplugin-arg-ppar-emit=%t/noreg -c %s -o %t.o
// RUN: grep -v '^//' %t/noreg/entry-gate.ppar.c | FileCheck %s --check-prefix=NOREG
// RUN: %cc_ppar -O2 %s -o %t.run %link_rt -fplugin-arg-ppar-min-work=4096
// RUN: %cc_ppar -O2 %s -o %t.noreg.run %link_rt -fplugin-arg-ppar-min-work=4096 -fplugin-arg-ppar-regions=off
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t.run
// RUN: %check_run %t.plain %t.noreg.run
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

// A loop over a parameter: its own test, at entry.
// CHECK-LABEL: void scale(
// CHECK: case __PPAR_RT_CPU: if (n >= [[#]]) { __ppar_cpu_scale(a, n); return; } break; case __PPAR_RT_CHECK:
#pragma ppar jit(parallel)
void scale(double *restrict a, int n) {
  for (int i = 0; i < n; i++)
    a[i] = a[i] * 2.0 + i;
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
      L[i][j] = L[i - 1][j] * 0.5 + x[j];
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
      U[i][j] = U[i + 1][j] * 0.25 - x[j];
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

static double big[1000000];

int main(void) {
  static const int sizes[] = {0, 1, 7, 60, 200, 5000, 70000};
  for (unsigned k = 0; k < sizeof sizes / sizeof *sizes; k++) {
    int n = sizes[k];
    double *a = calloc(n + 1, sizeof *a), *b = calloc(n + 1, sizeof *b);
    for (int i = 0; i < n; i++)
      a[i] = i % 17;
    scale(a, n);
    steps(3, n, a, b);
    half(a, n);
    shrink(b, n);
    printf("n=%d %.10g %.10g total %.10g\n", n, n ? a[n / 2] : 0.0, n ? b[n / 3] : 0.0,
           total(a, n));
    int m = n > 300 ? 300 : n;
    double (*M)[m ? m : 1] = calloc((size_t)m * m + 1, sizeof(double));
    for (int i = 0; i < m; i++)
      for (int j = 0; j < m; j++)
        M[i][j] = (i * 7 + j) % 5;
    lower(m, a, M);
    upper(m, b, M);
    double s = 0;
    for (int i = 0; i < m; i++)
      for (int j = 0; j < m; j++)
        s += M[i][j] * (i + 1);
    printf("m=%d triangles %.10g\n", m, s);
    free(M);
    free(a);
    free(b);
  }
  fixed(big);
  printf("fixed %.1f\n", big[999999]);
  return 0;
}
