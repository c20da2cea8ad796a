// Loops without prange: ppar runs in parallel only what it proves
// independent. Each trap below would give a wrong answer on 2+ threads if
// parallelised; the checks compare with the serial build on 1, 2 and 4.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s < %t.report
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain -lm
// RUN: %check_run %t.plain %t --rtol 1e-12
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define N 400000

// CHECK: autopar-traps.c:[[@LINE+4]]:3: remark: loop not parallelised: a[i] written at autopar-traps.c:[[@LINE+5]] is read as a[i - 1] at autopar-traps.c:[[@LINE+5]], distance 1
#pragma ppar jit(parallel)
void prefix_sum(double *a, long n) {
  long i;
  for (i = 1; i < n; i++)
    a[i] += a[i - 1];
}

// CHECK: autopar-traps.c:[[@LINE+3]]:3: remark: loop not parallelised: u[i][j] written at autopar-traps.c:[[@LINE+5]] is read as u[i - 1][j] at autopar-traps.c:[[@LINE+5]], distance (1, 0)
#pragma ppar jit(parallel)
void gauss_seidel(int n, double u[n][n]) {
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      u[i][j] = 0.25 * (u[i - 1][j] + u[i + 1][j] + u[i][j - 1] + u[i][j + 1]);
}

// CHECK: autopar-traps.c:[[@LINE+3]]:3: remark: loop not parallelised: h[idx[i]] may be written by more than one iteration
#pragma ppar jit(parallel)
void histogram(int *h, const int *idx, int n) {
  for (int i = 0; i < n; i++)
    h[idx[i]]++;
}

int calls;
// CHECK: autopar-traps.c:[[@LINE+4]]:3: remark: loop not parallelised: it calls 'count_call', which writes the global 'calls'
static double count_call(double v) { calls++; return v; }
#pragma ppar jit(parallel)
void global_writer(double *x, int n) {
  for (int i = 0; i < n; i++)
    x[i] = count_call(x[i]) + 1;
}

// CHECK: autopar-traps.c:[[@LINE+4]]:3: remark: loop not parallelised: 'break' leaves the loop early
#pragma ppar jit(parallel)
int first_negative(const double *x, int n) {
  int found = -1;
  for (int i = 0; i < n; i++)
    if (x[i] < 0) { found = i; break; }
  return found;
}

// CHECK: autopar-traps.c:[[@LINE+4]]:3: remark: loop not parallelised: 'carry' carries a value
#pragma ppar jit(parallel)
void recurrence(double *x, int n) {
  double carry = 0;
  for (int i = 0; i < n; i++) {
    carry = 0.5 * carry + x[i];
    x[i] = carry;
  }
}

// Aliasing: the same function called on overlapping and separate arrays;
// the run-time check must choose the serial loop for the first call.
// CHECK: autopar-traps.c:[[@LINE+3]]:3: remark: loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()); it runs in parallel only when a run-time check
#pragma ppar jit(parallel)
void shift_add(double *dst, const double *src, int n) {
  for (int i = 0; i < n; i++)
    dst[i] = src[i] + 1.0;
}

// Independent loops that must run in parallel, for contrast.
// CHECK: autopar-traps.c:[[@LINE+4]]:3: remark: loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()) reduction(+:s)
#pragma ppar jit(parallel)
double norm2(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += sqrt(x[i] * x[i] + 1.0);
  return s;
}

// CHECK: autopar-traps.c:[[@LINE+3]]:3: remark: loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads())
#pragma ppar jit(parallel)
void jacobi(int n, double (*restrict u)[n], double (*restrict v)[n]) {
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      v[i][j] = 0.25 * (u[i - 1][j] + u[i + 1][j] + u[i][j - 1] + u[i][j + 1]);
}

// CHECK: autopar-traps.c:[[@LINE+3]]:3: remark: loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads())
#pragma ppar jit(parallel)
void flat_scale(double *restrict c, const double *restrict a, int n, int m) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      c[i * m + j] = 2 * a[i * m + j];
}

static double checksum(const double *x, long n) {
  double s = 0;
  for (long i = 0; i < n; i++)
    s += x[i] * (1 + i % 7);
  return s;
}

int main(void) {
  double *a = malloc(N * sizeof *a), *b = malloc((N + 1) * sizeof *b);
  int *h = calloc(64, sizeof *h), *idx = malloc(N * sizeof *idx);
  int n2 = 300;
  double (*u)[n2] = malloc(sizeof(double[n2][n2])), (*v)[n2] = malloc(sizeof(double[n2][n2]));
  for (long i = 0; i < N; i++) {
    a[i] = sin(i * 0.01);
    b[i] = cos(i * 0.02);
    idx[i] = (int)(i * 2654435761u % 64);
  }
  b[N] = 0;
  for (int i = 0; i < n2; i++)
    for (int j = 0; j < n2; j++)
      u[i][j] = v[i][j] = (i * 31 + j * 17) % 23;

  prefix_sum(a, N);
  printf("prefix %.10e\n", checksum(a, N));
  gauss_seidel(n2, u);
  printf("gauss_seidel %.10e\n", checksum(&u[0][0], (long)n2 * n2));
  histogram(h, idx, N);
  printf("histogram %d %d %d\n", h[0], h[17], h[63]);
  global_writer(b, N);
  printf("calls %d\n", calls);
  b[N / 2] = -1;
  printf("first_negative %d\n", first_negative(b, N));
  recurrence(b, N);
  printf("recurrence %.10e\n", checksum(b, N));
  shift_add(b + 1, b, N);          // overlapping: must stay serial
  printf("shift_add overlap %.10e\n", checksum(b, N + 1));
  shift_add(a, b, N);              // separate: may run in parallel
  printf("shift_add %.10e\n", checksum(a, N));
  printf("norm2 %.10e\n", norm2(a, N));
  jacobi(n2, u, v);
  printf("jacobi %.10e\n", checksum(&v[0][0], (long)n2 * n2));
  flat_scale(&v[0][0], &u[0][0], n2, n2);
  printf("flat %.10e\n", checksum(&v[0][0], (long)n2 * n2));
  free(a); free(b); free(h); free(idx); free(u); free(v);
  return 0;
}
