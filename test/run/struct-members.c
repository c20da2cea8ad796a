// Loops over the pointer members of structs, as scientific C passes its
// arrays around (`struct field { long n; double *v; }`): `f->v[i]` and
// `s.v[i]` used to be accesses "through an expression ppar cannot follow",
// and every loop that wrote one stayed serial. A pointer member the
// function never changes is now a pointer of its own for the analysis:
// loops over it run in parallel, with a run-time overlap check when two
// members may share memory (the overlapping call runs serially and gives
// the serial answer). A member the function assigns, and a struct declared
// inside the loop, keep the loop serial. With target=cuda the same loops
// are kernels whose members are copied with the loops' extents.
//
// RUN: %cc_ppar -O2 -fplugin-arg-ppar-min-work=0 %s -o %t %link_rt -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
// RUN: %cc_ppar -O2 -fplugin-arg-ppar-min-work=0 -DGPU %s -o %t.gpu %link_rt -fplugin-arg-ppar-report 2> %t.gpu.report
// RUN: FileCheck %s --check-prefix=GPU < %t.gpu.report
// RUN: %cc_plain -O2 -DGPU %s -o %t.gpu.plain
// RUN: %check_run %t.gpu.plain %t.gpu
//
// REPORT-DAG: struct-members.c:[[@LINE+32]]:3: remark: loop parallelised: {{.*}}a run-time check finds that the pointers it writes do not overlap
// REPORT-DAG: struct-members.c:[[@LINE+38]]:3: remark: loop parallelised: {{.*}}a run-time check
// REPORT-DAG: struct-members.c:[[@LINE+45]]:3: remark: loop parallelised: {{.*}}a run-time check
// REPORT-DAG: struct-members.c:[[@LINE+53]]:3: remark: loop not parallelised: reads 'f->v[i]' through the pointer member 'f->v', which changes during the call (the member 'v' is assigned at line [[@LINE+52]])
// GPU-DAG: remark: 'axpy' runs its 1 parallel loop as CUDA kernels
// GPU-DAG: note: 'y->v' is copied to the GPU before line {{[0-9]+}} and back after line {{[0-9]+}}: y->v[0 .. n - 1] (from the loops' subscripts)
// GPU-DAG: note: 'x.v' is copied to the GPU before line {{[0-9]+}}: x.v[0 .. n - 1] (from the loops' subscripts)
// GPU-DAG: remark: 'scale' runs its 1 parallel loop as CUDA kernels
// GPU-DAG: remark: 'local_struct' runs its 1 parallel loop as CUDA kernels
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef GPU
#define JIT PPAR_JIT(parallel, target=cuda)
#else
#define JIT PPAR_JIT(parallel)
#endif

struct field {
  long n;
  double *v;
};

struct pair {
  const double *a;
  double *b;
};

/* y->v and x.v may be one array: a run-time check decides. */
JIT
void axpy(long n, double a, struct field x, struct field *y) {
  for (long i = 0; i < n; i++)
    y->v[i] += a * x.v[i];
}

/* Two members of one struct. */
JIT
void scale(long n, const struct pair *p, double c) {
  for (long i = 0; i < n; i++)
    p->b[i] = c * p->a[i];
}

/* A struct of the body's outermost block. */
JIT
void local_struct(long n, double *a, double *b) {
  struct pair q = {a, b};
  for (long i = 0; i < n; i++)
    q.b[i] = q.a[i] + 1.0;
}

/* The member changes in the function: the loop stays serial. */
PPAR_JIT(parallel)
void moved(long n, struct field *f, double *other) {
  if (n > 4)
    f->v = other;
  for (long i = 0; i < n; i++)
    f->v[i] = 2.0 * f->v[i] + 1.0;
}

int main(void) {
  enum { N = 10000 };
  double *u = malloc(sizeof *u * (N + 8)), *w = malloc(sizeof *w * N);
  for (long i = 0; i < N + 8; i++)
    u[i] = (double)(i % 17) / 3.0;
  for (long i = 0; i < N; i++)
    w[i] = (double)(i % 5);
  struct field x = {N, u}, y = {N, w};
  axpy(N, 2.0, x, &y);
  /* overlapping members: y.v is x.v shifted by one element */
  struct field shifted = {N, u + 1};
  axpy(N, 0.5, x, &shifted);
  struct pair p = {u, w};
  scale(N, &p, 3.0);
  local_struct(N, w, u);
  struct field f = {N, w};
  moved(N, &f, u);
  double s = 0;
  for (long i = 0; i < N; i++)
    s += u[i] * (i % 7) + w[i] * (i % 3);
  printf("%.10e %.10e %.10e\n", s, u[N - 1], w[17]);
  free(u);
  free(w);
  return 0;
}
