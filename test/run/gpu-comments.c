// target=cuda on a STREAM-like program with comments everywhere: at the
// start, middle and end of loop bodies, after statements, in loop headers,
// before a return. The GPU variant is the body with the loops replaced by
// launches; comments used to be removed after that, deleting characters of
// the launch text instead (`__ppar_red_c` undeclared, a truncated call).
// Every function gets its GPU variant, the rewritten file compiles, the
// kernels compile with NVRTC, and the answers are the serial build's.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t --rtol 1e-12
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-comments.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: FileCheck %s --check-prefix=VARIANT < %t.d/gpu-comments.ppar.c
//
// REPORT-DAG: remark: 'copy' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'scale' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'add' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'triad' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'check' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'errors' runs its 2 parallel loops as CUDA kernels
// REPORT-NOT: runs on the CPU
//
// NVRTC-DAG: gpu-comments.copy.cu: ok
// NVRTC-DAG: gpu-comments.scale.cu: ok
// NVRTC-DAG: gpu-comments.add.cu: ok
// NVRTC-DAG: gpu-comments.triad.cu: ok
// NVRTC-DAG: gpu-comments.check.cu: ok
// NVRTC-DAG: gpu-comments.errors.cu: ok
//
// The launch replaces the whole loop, comments and all, and keeps its lines.
// VARIANT-LABEL: {{^}}static double __ppar_cuda_check(const double *a, const double *b, const double *c, long n) {
// VARIANT: __ppar_rt_gpu_launch(__ppar_g, 0, __ppar_n0, 1, (void *[]){{{.*}}&__ppar_red_err{{.*}}}); __ppar_rt_gpu_fetch(__ppar_g, &err, __ppar_red_err, sizeof err); }
// VARIANT-NOT: MCCALPIN
// VARIANT: {{^}}#pragma clang diagnostic pop
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define N 2000 /* elements */
#define SCALAR 3.0 // the STREAM scalar

#pragma ppar jit(parallel, target=cuda)
void copy(double *c, const double *a, long n) {
  /* start of body */
  for (long j = 0; /* header */ j < n; j++) // after the header
  {
    // first
    c[j] = a[j]; /* after the statement */
    // last
  }
  /* end of body */
}

#pragma ppar jit(parallel, target=cuda)
void scale(double *b, const double *c, long n) {
  for (long j = 0; j < n; j++) { /* one comment */ b[j] = SCALAR * c[j]; /* another */ }
}

#pragma ppar jit(parallel, target=cuda)
void add(double *c, const double *a, const double *b, long n) {
  for (long j = 0; j < n /* bound */; j++)
    /* the whole body is one statement */
    c[j] = a[j] /* plus */ + b[j]; // end
}

#pragma ppar jit(parallel, target=cuda)
void triad(double *a, const double *b, const double *c, long n) {
  for (long j = 0; j < n; j++) {
    a[j] = b[j] +
           // a comment between the operands of one expression
           SCALAR * c[j];
  }
  // after the loop
}

// STREAM's checkSTREAMresults: a reduction whose loop holds a commented-out
// print. The return sits after the kernel; its comment stays out of the call.
#pragma ppar jit(parallel, target=cuda)
double check(const double *a, const double *b, const double *c, long n) {
  double err = 0.0; // the sum
  for (long j = 0; j < n; j++) {
    err += fabs(a[j] - b[j] - c[j]);
    // if (j == 417) printf("Index 417: c[j]: %f, a[j]: %f\n",c[j],a[j]);	// MCCALPIN
  }
  return err /* sum */ / n; // the average
}

// Two kernels, a return value computed between comments.
#pragma ppar jit(parallel, target=cuda)
double errors(const double *a, double *d, long n) {
  double worst = 0; /* max */
  for (long j = 0; j < n; j++) /* loop 1 */
    d[j] = fabs(a[j] - 3.0 * j); // distance
  for (long j = 0; j < n; j++) {
    /* loop 2 */ if (d[j] > worst) worst = d[j]; // max
  }
  /* worst found */ return /* it */ worst;
}

int main(void) {
  double *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b);
  double *c = malloc(N * sizeof *c), *d = malloc(N * sizeof *d);
  for (long j = 0; j < N; j++) {
    a[j] = 1.0 + j % 7;
    b[j] = 2.0;
    c[j] = 0.0;
  }
  for (int k = 0; k < 3; k++) {
    copy(c, a, N);
    scale(b, c, N);
    add(c, a, b, N);
    triad(a, b, c, N);
  }
  printf("%.6f %.6f %.6f\n", a[N - 1], b[N / 2], c[17]);
  printf("%.6f\n", check(a, b, c, N));
  printf("%.6f\n", errors(a, d, N));
  free(a); free(b); free(c); free(d);
  return 0;
}
