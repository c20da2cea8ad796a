// Pointer members of structs embedded in a struct parameter, as simulation
// codes nest their grids (`s->a.v[i]`, `w.sim.b.v[i]`): such a member that
// keeps its value during the call (no assignment of it or of a struct on
// the way, no address taken, no pointer to a struct on the way handed to a
// callee) is a pointer of its own, as `s->v` is: the loop is parallel, on
// the CPU (with an overlap check) and as a kernel that gets the member as
// its own parameter. Such accesses used to go "through an expression ppar
// cannot follow": serial. A member whose struct is assigned (`s->a = g`)
// keeps its loops serial, the report naming the assignment; a pointer
// member of an array element (`p[k].x[i]`) is a pointer read from memory,
// serial with a report that says so. Answers are the serial build's.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT --implicit-check-not=warning: < %t.report
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-nested-members.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: FileCheck %s --check-prefix=KERNEL < %t.d/gpu-nested-members.step.cu
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
//
// REPORT-DAG: remark: 'step' runs its 2 parallel loops as CUDA kernels
// REPORT-DAG: note: 's->b.v' is copied to the GPU before line [[#@LINE+18]] and back after line [[#@LINE+21]]: s->b.v[0 .. n - 1] (from the loops' subscripts)
// REPORT-DAG: remark: 'by_value' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'deeper' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: loop not parallelised: reads 's->a.v[i]' through the pointer member 's->a.v', which changes during the call (the member 'a' is assigned at line [[#@LINE+39]])
// REPORT-DAG: remark: loop not parallelised: writes 'p[k].x[i]' through the pointer 'p[k].x', which the loop reads from memory, so ppar cannot tell what it points to
// NVRTC-DAG: gpu-nested-members.step.cu: ok
// NVRTC-DAG: gpu-nested-members.by_value.cu: ok
// NVRTC-DAG: gpu-nested-members.deeper.cu: ok
// KERNEL: void __ppar_k_step_0({{.*}}double *__ppar_m_s_b_v, double *__ppar_m_s_a_v, struct sim *s)
// KERNEL: __ppar_m_s_b_v[i] = __ppar_m_s_a_v[i] * 2 + s->steps;
#include <stdio.h>

struct grid { int n; double *v; };
struct sim { int steps; struct grid a, b; };
struct world { double t; struct sim sim; };

#pragma ppar jit(parallel, target=cuda)
static void step(struct sim *s, int n) {
  for (int i = 0; i < n; i++)
    s->b.v[i] = s->a.v[i] * 2 + s->steps;
  for (int i = 1; i < n; i++)
    s->a.v[i] += s->b.v[i - 1];
}

#pragma ppar jit(parallel, target=cuda)
static void by_value(struct sim s, int n) {
  for (int i = 0; i < n; i++)
    s.b.v[i] = s.a.v[i] - 1;
}

#pragma ppar jit(parallel, target=cuda)
static double deeper(struct world *w, int n) {
  double sum = 0;
  for (int i = 0; i < n; i++)
    sum += w->sim.a.v[i] * w->sim.b.v[i];
  return sum + w->t;
}

#pragma ppar jit(parallel, target=cuda)
static void reassigned(struct sim *s, int n, struct grid g) {
  for (int i = 0; i < n; i++)
    s->b.v[i] = s->a.v[i] * 2;
  s->a = g;
  for (int i = 0; i < n; i++)
    s->b.v[i] += s->a.v[i];
}

struct part { double *x; int n; };

#pragma ppar jit(parallel, target=cuda)
static void parts(struct part *p, int np, int n) {
  for (int k = 0; k < np; k++)
    for (int i = 0; i < n; i++)
      p[k].x[i] += k;
}

/* A gather: the subscripts cannot bound the member, a clause names it. */
#pragma ppar jit(parallel, target=cuda, in(s->a.v[0:s->a.n]))
static double gather(const struct sim *s, int n, const int *idx, double *restrict out) {
  double sum = 0;
  for (int i = 0; i < n; i++) {
    out[i] = s->a.v[idx[i]];
    sum += out[i];
  }
  return sum;
}

int main(void) {
  enum { N = 64 };
  static double a[N], b[N], c[N];
  for (int i = 0; i < N; i++)
    a[i] = (i % 9) * 0.5, c[i] = i;
  struct sim s = {3, {N, a}, {N, b}};
  step(&s, N);
  by_value(s, N);
  struct world w = {0.25, s};
  printf("deeper: %.6f\n", deeper(&w, N));
  reassigned(&s, N, (struct grid){N, c});
  struct part p[3] = {{a, N}, {b, N}, {c, N}};
  parts(p, 3, N);
  for (int i = 0; i < N; i += 9)
    printf("%g %g %g\n", a[i], b[i], c[i]);
  static int idx[N];
  static double d[N];
  for (int i = 0; i < N; i++)
    idx[i] = (i * 7 + 3) % N;
  printf("gather: %.6f %g\n", gather(&s, N, idx, d), d[5]);
  return 0;
}
// REPORT-DAG: remark: 'gather' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: note: 's->a.v' is copied to the GPU before line {{[0-9]+}}: s->a.v[0:s->a.n] (from the data clause)
// NVRTC-DAG: gpu-nested-members.gather.cu: ok
