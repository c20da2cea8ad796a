// STREAM (copy, scale, add, triad) as its users write it: the four kernels
// in a timing loop, comments inside the loops, the arrays checked against
// the scalar recurrence afterwards. With target=cuda every loop of the
// benchmark runs as a kernel (the report says so); answers are the serial
// build's.
//
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT --implicit-check-not=warning: < %t.report
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t
//
// REPORT-DAG: remark: 'stream' runs its 4 parallel loops as CUDA kernels
// REPORT-DAG: remark: 'stream_init' runs its 1 parallel loop as CUDA kernels
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

#ifndef STREAM_ARRAY_SIZE
#define STREAM_ARRAY_SIZE 200000
#endif
#ifndef NTIMES
#define NTIMES 10
#endif

#pragma ppar jit(parallel, target=cuda)
static void stream_init(long n, double *a, double *b, double *c) {
  for (long j = 0; j < n; j++) {
    a[j] = 1.0; /* as STREAM starts */
    b[j] = 2.0;
    c[j] = 0.0;
  }
}

#pragma ppar jit(parallel, target=cuda)
static void stream(long n, int ntimes, double scalar, double *a, double *b, double *c) {
  for (int k = 0; k < ntimes; k++) {
    // Copy: c = a
    for (long j = 0; j < n; j++)
      c[j] = a[j]; /* 16 bytes per iteration */
    // Scale: b = scalar * c
    for (long j = 0; j < n; j++) {
      // one multiply
      b[j] = scalar * c[j];
    }
    /* Add: c = a + b */
    for (long j = 0; j < n; j++)
      c[j] = a[j] + b[j]; // 24 bytes per iteration
    /* Triad: a = b + scalar * c */
    for (long j = 0; j < n; j++) {
      a[j] = b[j] + scalar * c[j]; /* the classic triad */
    }
  }
}

int main(void) {
  long n = STREAM_ARRAY_SIZE;
  double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *c = malloc(n * sizeof *c);
  stream_init(n, a, b, c);
  stream(n, NTIMES, 3.0, a, b, c);
  /* checkSTREAMresults: the same recurrence on scalars. */
  double aj = 1.0, bj = 2.0, cj = 0.0;
  for (int k = 0; k < NTIMES; k++) {
    cj = aj;
    bj = 3.0 * cj;
    cj = aj + bj;
    aj = bj + 3.0 * cj;
  }
  double ea = 0, eb = 0, ec = 0;
  for (long j = 0; j < n; j++) {
    ea += fabs(a[j] - aj);
    eb += fabs(b[j] - bj);
    ec += fabs(c[j] - cj);
  }
  printf("a %.6e b %.6e c %.6e, errors %g %g %g\n", a[0], b[n - 1], c[n / 2], ea / n, eb / n,
         ec / n);
  free(a);
  free(b);
  free(c);
  return 0;
}
