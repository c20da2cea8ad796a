// vectorize on the CPU: f_vec for the seed's functions (sinacosb, an int64
// add, a function of three inputs), serial and parallel, renamed, called in
// the same file; overlapping output takes the plain loop. The same file
// builds without the plugin through PPAR_VECTORIZE_DECL's serial f_vec.
// RUN: %cc_ppar -O2 -Wall -Wextra %s -o %t %link_rt -lm -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s < %t.report
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain -lm
// RUN: %check_run %t.plain %t --rtol 1e-12
// RUN: %if gcc %{ %gcc -O2 %s -o %t.gcc -lm && %check_run %t.gcc %t --rtol 1e-12 %}
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

// CHECK: vectorize.c:[[@LINE+1]]:1: remark: 'sinacosb_vec' generated: omp parallel for
PPAR_VECTORIZE(target=parallel)
double sinacosb(double a, double b) { return sin(a) * cos(b); }
PPAR_VECTORIZE_DECL(sinacosb, double, double, double)

// CHECK: vectorize.c:[[@LINE+1]]:1: remark: 'add64_vec' generated: a serial loop the compiler may vectorize
#pragma ppar vectorize
int64_t add64(int64_t a, int64_t b) { return a + b; }
PPAR_VECTORIZE_DECL(add64, int64_t, int64_t, int64_t)

// CHECK: vectorize.c:[[@LINE+1]]:1: remark: 'three_vec' generated: a CUDA kernel when a GPU is present, else omp parallel for
#pragma ppar vectorize(target=auto)
float three(float a, float b, unsigned char c) { return a * b + c; }
PPAR_VECTORIZE_DECL(three, float, float, float, unsigned char)

static long calls;
// CHECK: vectorize.c:[[@LINE+1]]:1: warning: 'counted_vec' runs serially: calls of 'counted' may not run at once, since 'counted', which writes the global 'calls'
#pragma ppar vectorize(target=parallel)
double counted(double a) { calls++; return 2 * a; }
PPAR_VECTORIZE_DECL(counted, double, double)

int main(void) {
  size_t n = 1 << 20;
  double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *o = malloc(n * sizeof *o);
  int64_t *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *z = malloc(n * sizeof *z);
  float *f = malloc(n * sizeof *f), *g = malloc(n * sizeof *g), *r = malloc(n * sizeof *r);
  unsigned char *c = malloc(n);
  for (size_t i = 0; i < n; i++) {
    a[i] = i * 1e-3;
    b[i] = i * 2e-3;
    x[i] = (int64_t)i << 20;
    y[i] = -3 * (int64_t)i;
    f[i] = (float)(i % 10);
    g[i] = 0.5f;
    c[i] = (unsigned char)i;
  }
  sinacosb_vec(n, a, b, o);
  add64_vec(n, x, y, z);
  three_vec(n, f, g, c, r);
  double s = 0, t = 0;
  for (size_t i = 0; i < n; i++)
    s += o[i], t += r[i];
  printf("sinacosb %.12e\nadd64 %lld %lld\nthree %.6e\n", s, (long long)z[1],
         (long long)z[n - 1], t);
  sinacosb_vec(n, a, a, a);          // in place: same pointers are fine
  sinacosb_vec(n - 1, b, b, b + 1);  // partial overlap: the plain loop
  s = t = 0;
  for (size_t i = 0; i < n; i++)
    s += a[i], t += b[i];
  printf("in place %.12e\noverlap %.12e\n", s, t);
  counted_vec(n, a, o);
  printf("calls %ld\n", calls);
  return 0;
}
