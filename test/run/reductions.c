// Scalar reductions of prange loops: each operator, several types. Enough
// iterations that a missing reduction clause gives a wrong answer.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-report 2>&1 | FileCheck %s --check-prefix=REPORT
// REPORT: remark: loop parallelised: {{.*}} reduction(min:lo) reduction(max:hi) reduction(min:lo2)
// REPORT: remark: loop parallelised: {{.*}} reduction(max:best)
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t --rtol 1e-9
// RUN: %if gcc %{ %gcc -O2 %s -o %t.gcc -lm && %check_run %t.gcc %t --rtol 1e-9 %}
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

#define N 2000003

#pragma ppar jit(parallel)
double dot(const double *x, const double *y, size_t n) {
  double s = 0;
#pragma ppar prange
  for (size_t i = 0; i < n; i++)
    s += x[i] * y[i];
  return s;
}

#pragma ppar jit(parallel)
long int_sum(const int *v, int n) {
  long total = 0;
#pragma ppar prange
  for (int i = 0; i < n; i++)
    total = total + v[i];
  return total;
}

#pragma ppar jit(parallel)
double countdown(const double *x, long n) {
  double left = 1e6;
#pragma ppar prange
  for (long i = n - 1; i >= 0; i--)
    left -= x[i];
  return left;
}

#pragma ppar jit(parallel)
double product(const double *x, int n) {
  double p = 1;
#pragma ppar prange
  for (int i = 0; i < n; i++)
    p *= 1.0 + x[i] * 1e-7;
  return p;
}

#pragma ppar jit(parallel)
unsigned bits(const int *v, int n) {
  unsigned any = 0, odd = 0;
  int all = 1;
#pragma ppar prange
  for (int i = 0; i < n; i++) {
    any |= 1u << (v[i] % 31);
    odd ^= (unsigned)v[i];
    all = all && v[i] >= 0;
  }
  return any + odd + (unsigned)all;
}

#pragma ppar jit(parallel)
double spread(const double *x, int n) {
  double lo = x[0], hi = x[0], lo2 = x[0];
#pragma ppar prange
  for (int i = 0; i < n; i++) {
    lo = fmin(lo, x[i]);
    if (x[i] > hi)
      hi = x[i];
    lo2 = x[i] < lo2 ? x[i] : lo2;
  }
  return hi - lo + lo2;
}

// Found without prange too.
#pragma ppar jit(parallel)
int argmax_value(const int *v, int n) {
  int best = v[0];
  for (int i = 1; i < n; i++)
    best = best > v[i] ? best : v[i];
  return best;
}

int main(void) {
  double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
  int *v = malloc(N * sizeof *v);
  for (int i = 0; i < N; i++) {
    x[i] = (i % 17) * 0.25;
    y[i] = 1.0 / (1 + i % 11);
    v[i] = (int)((i * 7919L) % 1000);
  }
  printf("dot %.12g\n", dot(x, y, N));
  printf("int_sum %ld\n", int_sum(v, N));
  printf("countdown %.12g\n", countdown(x, N));
  printf("product %.12g\n", product(x, N));
  printf("bits %u\n", bits(v, N));
  x[N / 3] = -7.5;
  x[2 * N / 3] = 1e6;
  printf("spread %.12g\n", spread(x, N));
  v[N / 2] = 12345;
  printf("max %d\n", argmax_value(v, N));
  free(x); free(y); free(v);
  return 0;
}
