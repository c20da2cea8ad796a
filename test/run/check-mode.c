// PPAR_CHECK=1 runs each parallel loop's serial copy as well and reports the
// first element that differs, then exits non-zero. A prange loop that is
// wrong in parallel is caught at run time; the compiler already warns about
// one with a proven dependence.
// RUN: %cc_ppar -O2 %s -o %t %link_rt 2>&1 | FileCheck %s --check-prefix=WARN
// WARN: check-mode.c:[[@LINE+19]]:{{[0-9]+}}: warning: 'prange' loop has a dependence between iterations: a[i] written at check-mode.c:[[@LINE+19]] is read as a[i - 1] at check-mode.c:[[@LINE+19]], distance 1; it runs in parallel as asked
// RUN: env PPAR_CHECK=1 PPAR_NUM_THREADS=1 %t > %t.out1
// RUN: env PPAR_CHECK=1 PPAR_NUM_THREADS=4 not %t --threads 2>&1 | FileCheck %s --check-prefix=THREADS
// THREADS: ppar: check: which_thread ({{.*}}check-mode.c:[[@LINE+24]]): t[100000] is 1 in parallel but 0 serially
// THREADS: ppar: check: 1 of 2 checked loop runs differed
// RUN: env PPAR_CHECK=1 PPAR_VERBOSE=1 %t --only-good 2>&1 | FileCheck %s --check-prefix=GOOD
// GOOD: ppar: check: all 1 checked loop runs agreed
#include <omp.h>
#include <stdio.h>
#include <string.h>

#define N 400000
static double a[N], b[N];
static int t[N];

#pragma ppar jit(parallel)
void running_sum(double *restrict a, int n) {
#pragma ppar prange
  for (int i = 1; i < n; i++)
    a[i] = a[i - 1] + 1;
}

// A difference that does not depend on timing: each thread writes its own
// number (static schedule: the second quarter is thread 1's).
#pragma ppar jit(parallel)
void which_thread(int *restrict t, int n) {
#pragma ppar prange
  for (int i = 0; i < n; i++)
    t[i] = omp_get_thread_num();
}

#pragma ppar jit(parallel)
double scale(double *restrict b, const double *restrict a, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) {
    b[i] = 2 * a[i];
    s += b[i];
  }
  return s;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--threads") == 0)
    which_thread(t, N);
  if (argc > 1 && strcmp(argv[1], "--racy") == 0)
    running_sum(a, N); // wrong in parallel, but how depends on timing
  printf("%.1f\n", scale(b, a, N));
  return 0;
}
