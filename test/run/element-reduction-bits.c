// A floating-point reduction into an array element gives the same bits on
// every run with the same thread count (the accumulator's partials are
// combined in thread order), and under jit(reproducible) the same bits on
// any thread count (chunks of 1024 iterations, a fixed tree), as a scalar
// sum does. Results printed with %a.
// RUN: %cc_ppar -O2 -fplugin-arg-ppar-min-work=0 %s -o %t %link_rt -lm -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %python %S/../Inputs/same_bits.py %t --runs 10 --threads 2 --threads 3 --across 1,2,3,4 --prefix repro | FileCheck %s
// (test/run/element-reductions.c compares the results with the serial build.)
//
// CHECK: 2 threads: 10 runs, the same bits
// CHECK: 3 threads: 10 runs, the same bits
// CHECK: 'repro' lines on 1,2,3,4 threads: the same bits
#include <stdio.h>
#include <ppar.h>

#define N 20000

#pragma ppar jit(parallel)
void solve(int n, const double *restrict w, double *restrict x) {
  for (int i = 0; i < n; i++)
    // REPORT: element-reduction-bits.c:[[#@LINE+1]]:5: remark: loop parallelised: {{.*}} reduction(+:x[i]); floating-point reductions combined in thread order
    for (int j = 0; j < i; j++)
      x[i] -= w[j] * x[j];
}

#pragma ppar jit(parallel, reproducible)
void solve_repro(int n, const double *restrict w, double *restrict x) {
  for (int i = 0; i < n; i++)
    // REPORT: element-reduction-bits.c:[[#@LINE+1]]:5: remark: loop parallelised: {{.*}} reduction(+:x[i]); floating-point reductions combined in a fixed tree over chunks of 1024 iterations, the same on any thread count
    for (int j = 0; j < i; j++)
      x[i] -= w[j] * x[j];
}

static double w[N], x[N];

static void init(void) {
  for (int i = 0; i < N; i++) {
    w[i] = 1.0 / (i + 2) * ((i % 3) - 1);
    x[i] = ((i * 7) % 11) - 5.0;
  }
}

int main(void) {
  init();
  solve(N, w, x);
  printf("sum %a %a\n", x[N / 2], x[N - 1]);
  init();
  solve_repro(N, w, x);
  printf("repro %a %a\n", x[N / 2], x[N - 1]);
  return 0;
}
