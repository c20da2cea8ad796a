/* Old C: definitions with an empty parameter list, `int f()`, some after a
 * prototype `int f(void);` and some after a declaration `int f();`, carry
 * every directive that takes a function without parameters (jit(parallel)
 * with and without target=cuda, delayed), and main itself is annotated.
 * They used to be rejected with "needs a prototype". Each build runs,
 * compared with the serial build, in C89 (where the generated code's inline
 * helpers used to be an error), C17 and C23 (where `()` means `(void)`);
 * the kernel module compiles with NVRTC.
 *
 * RUN: rm -rf %t.d
 * RUN: %cc_ppar -std=gnu17 -O2 %s -o %t %link_rt -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report -fplugin-arg-ppar-min-work=0 2> %t.report
 * RUN: FileCheck %s --check-prefix=REPORT < %t.report
 * RUN: %cc_plain -std=gnu17 -O2 -Wno-unknown-pragmas %s -o %t.plain
 * RUN: %check_run %t.plain %t --rtol 1e-12
 * RUN: %if nvrtc %{ %nvrtc_check %t.d/empty-parameter-lists.*.cu | FileCheck %s --check-prefix=NVRTC %}
 * RUN: %cc_ppar -std=c89 -O2 %s -o %t.c89 %link_rt -fplugin-arg-ppar-min-work=0
 * RUN: %check_run %t.plain %t.c89 --rtol 1e-12
 * RUN: %cc_ppar -std=c2x -O2 %s -o %t.c23 %link_rt -fplugin-arg-ppar-min-work=0
 * RUN: %check_run %t.plain %t.c23 --rtol 1e-12
 *
 * REPORT-DAG: remark: 'dot' runs its 1 parallel loop as CUDA kernels
 * REPORT-DAG: remark: loop parallelised: {{.*}}reduction(+:t)
 * REPORT-DAG: remark: call of 'first' becomes a task
 * REPORT-DAG: remark: call of 'late_sum' becomes a task
 * NVRTC: empty-parameter-lists.dot.cu: ok, kernels: __ppar_k_dot_0
 */
#include <stdio.h>

#define N 4096
double a[N], b[N];

int fill(void);
double dot();
double late_sum();

/* After a prototype. */
#pragma ppar jit(parallel)
int fill() {
  int i;
  /* This loop:
   * REPORT-DAG: empty-parameter-lists.c:[[@LINE+3]]:3: remark: loop parallelised
   */
#pragma ppar prange
  for (i = 0; i < N; i++) {
    a[i] = i * 0.5;
    b[i] = N - i;
  }
  return N;
}

/* After a declaration without a prototype. */
#pragma ppar jit(parallel, target=cuda)
double dot() {
  double s = 0;
  int i;
#pragma ppar prange
  for (i = 0; i < N; i++)
    s += a[i] * b[i];
  return s;
}

double first(void);
#pragma ppar delayed
double first() { return a[10] + b[20]; }

#pragma ppar delayed
double late_sum() {
  double s = 0;
  int i;
  for (i = 0; i < N; i += 7)
    s += a[i];
  return s;
}

/* Not annotated itself: its delayed calls become tasks. */
static double tasks() {
  double x = first();
  double y = late_sum();
  return x + y;
}

#pragma ppar jit(parallel)
int main() {
  static double loc[N];
  double t = 0;
  int i;
  fill();
  /* This loop:
   * REPORT-DAG: empty-parameter-lists.c:[[@LINE+3]]:3: remark: loop parallelised
   */
#pragma ppar prange
  for (i = 0; i < N; i++)
    loc[i] = a[i] + 2 * b[i];
  for (i = 0; i < N; i++)
    t += loc[i];
  printf("t = %.6f dot = %.6f\n", t, dot());
  printf("tasks = %.6f\n", tasks());
  return 0;
}
