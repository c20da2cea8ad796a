// target=cuda on loops that hand the address of one object to a helper, as
// C codes do for accumulators and parameter blocks: `accumulate(&a, x)` of a
// struct declared in the loop (each thread has its own), `two(&lo, &hi, x)`
// of local scalars, `apply(&P, x)` of a struct parameter or local the loop
// only reads (the kernel's copy), and a function given `&G`, a struct
// holding a pointer (`g->v[i]`, whose extent its data clause gives: the
// struct used to keep the function on the CPU). Answers are the serial
// build's, on the GPU and on the CPU fallback alike. A member through a
// pointer the function tests for null is registered only when the pointer
// is not null (the registration comes before the test).
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-address-of-locals.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: FileCheck %s --check-prefix=HOST < %t.d/gpu-address-of-locals.ppar.c
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
//
// REPORT-NOT: runs on the CPU
// REPORT-DAG: remark: 'per_iteration' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'by_value' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'local_params' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'through_pointer' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: note: 'g->v' is copied to the GPU before line {{[0-9]+}} and back after line {{[0-9]+}}: g->v[0:g->n] (from the data clause)
// REPORT-DAG: remark: 'maybe_null' runs its 1 parallel loop as CUDA kernels
// NVRTC-COUNT-5: ok
// HOST: __ppar_rt_gpu_data(__ppar_g, (g ? (const void *)&(g->v)[0] : (const void *)0), (g ? (const void *)(&(g->v)[(0) + (g->n) - 1] + 1) : (const void *)0), __PPAR_RT_ACCESS_READWRITE)
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>

struct acc {
  double sum, max;
};

static void accumulate(struct acc *a, double x) {
  a->sum += x;
  if (x > a->max)
    a->max = x;
}

static void two(double *lo, double *hi, double x) {
  *lo = x - 1;
  *hi = x + 1;
}

PPAR_JIT(parallel, target=cuda)
void per_iteration(long n, const double *restrict x, double *restrict out) {
  PPAR_PRANGE
  for (long i = 0; i < n; i++) {
    struct acc a = {0, -1e300};
    for (int k = 0; k < 4; k++)
      accumulate(&a, x[i] * k);
    double lo, hi;
    two(&lo, &hi, x[i]);
    out[i] = a.sum + a.max + lo * hi;
  }
}

struct params {
  double scale, shift;
};

static double apply(const struct params *p, double x) { return p->scale * x + p->shift; }

PPAR_JIT(parallel, target=cuda)
void by_value(long n, struct params P, const double *restrict x, double *restrict out) {
  for (long i = 0; i < n; i++)
    out[i] = apply(&P, x[i]);
}

PPAR_JIT(parallel, target=cuda)
void local_params(long n, double *restrict out) {
  struct params P = {2.0, 1.0};
  for (long i = 0; i < n; i++)
    out[i] = apply(&P, (double)i);
}

struct grid {
  long n;
  double *v;
};

PPAR_JIT(parallel, target=cuda, inout(g->v[0:g->n]))
void through_pointer(struct grid *g, double a) {
  for (long i = 0; i < g->n; i++)
    g->v[i] *= a;
}

PPAR_JIT(parallel, target=cuda, inout(g->v[0:g->n]))
void maybe_null(struct grid *g, double a) {
  if (g)
    for (long i = 0; i < g->n; i++)
      g->v[i] += a;
}

int main(void) {
  enum { N = 1000 };
  double *x = malloc(N * sizeof *x), *out = malloc(N * sizeof *out);
  double *buf = malloc(N * sizeof *buf);
  for (int i = 0; i < N; i++) {
    x[i] = i * 0.5;
    buf[i] = i;
  }
  double s = 0;
  per_iteration(N, x, out);
  for (int i = 0; i < N; i++)
    s += out[i] * (i % 7);
  struct params P = {3.0, -1.0};
  by_value(N, P, x, out);
  for (int i = 0; i < N; i++)
    s += out[i] * (i % 5);
  local_params(N, out);
  for (int i = 0; i < N; i++)
    s += out[i] * (i % 3);
  struct grid G = {N, buf};
  through_pointer(&G, 2.0);
  maybe_null(NULL, 1.0);
  maybe_null(&G, 1.0);
  for (int i = 0; i < N; i++)
    s += buf[i] * (i % 11);
  printf("%.10e %.10e %.10e\n", s, out[N - 1], buf[N - 2]);
  free(x);
  free(out);
  free(buf);
  return 0;
}
