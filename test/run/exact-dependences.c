// Nests whose independence only the exact test (isl) shows run in
// parallel, on their outer loop; nests with a dependence stay serial and
// the report gives its distance or direction vector. Answers: the serial
// build's, on 1, 2 and 4 threads.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-report -fplugin-arg-ppar-min-work=0 2> %t.report
// RUN: FileCheck %s < %t.report
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>
#include <stdlib.h>

// A flattened 2-D stencil with a boundary: `out[i*n + j]` for
// 1 <= j < n - 1 is row i, so the outer loop is parallel.
// CHECK: exact-dependences.c:[[@LINE+3]]:3: remark: loop parallelised: omp parallel for
#pragma ppar jit(parallel)
void stencil_flat(double *restrict out, const double *restrict in, int n) {
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      out[i * n + j] = 0.25 * (in[(i - 1) * n + j] + in[(i + 1) * n + j] +
                               in[i * n + j - 1] + in[i * n + j + 1]);
}

// The same stencil on VLA parameters.
// CHECK: exact-dependences.c:[[@LINE+3]]:3: remark: loop parallelised: omp parallel for
#pragma ppar jit(parallel)
void stencil_2d(int n, double out[n][n], double in[n][n]) {
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      out[i][j] = 0.25 * (in[i - 1][j] + in[i + 1][j] + in[i][j - 1] + in[i][j + 1]);
}

// A symmetric matrix filled in a triangular nest (PolyBench covariance):
// iteration i writes cov[i][j >= i] and cov[j >= i][i], which no other i
// touches.
// CHECK: exact-dependences.c:[[@LINE+3]]:3: remark: loop parallelised: omp parallel for
#pragma ppar jit(parallel)
void covariance(int m, int n, double data[n][m], double cov[m][m]) {
  for (int i = 0; i < m; i++)
    for (int j = i; j < m; j++) {
      double s = 0;
      for (int k = 0; k < n; k++)
        s += data[k][i] * data[k][j];
      cov[i][j] = s / (n - 1);
      cov[j][i] = cov[i][j];
    }
}

// The same under an affine `if` in a square nest.
// CHECK: exact-dependences.c:[[@LINE+3]]:3: remark: loop parallelised: omp parallel for
#pragma ppar jit(parallel)
void mirror(int m, double c[m][m]) {
  for (int i = 0; i < m; i++)
    for (int j = 0; j < m; j++)
      if (j > i && !(j == m))
        c[j][i] = c[i][j];
}

// An index variable computed from the loop variables: a[k] is a[j][i].
// CHECK: exact-dependences.c:[[@LINE+3]]:3: remark: loop parallelised: omp parallel for
#pragma ppar jit(parallel)
void scale_index(float *a, long n, long m) {
  for (long j = 0; j < n; j++) {
    long k;
    for (long i = 0; i < m; i++) {
      k = i + m * j;
      a[k] = 2.0f * a[k];
    }
  }
}

// Band storage, trapezoidal bounds: row i holds a[i][i..i+w-1] at
// b[i*w + (j - i)].
// CHECK: exact-dependences.c:[[@LINE+3]]:3: remark: loop parallelised: omp parallel for
#pragma ppar jit(parallel)
void band(double *restrict b, const double *restrict x, int n, int w) {
  for (int i = 0; i < n; i++)
    for (int j = i; j < i + w; j++)
      b[i * w + (j - i)] = x[i] * x[j];
}

// Every second element: a stride the strong SIV test cannot see.
// CHECK: exact-dependences.c:[[@LINE+3]]:3: remark: loop parallelised: omp parallel for
#pragma ppar jit(parallel)
void odd_from_even(double *a, int n) {
  for (int i = 0; i < n - 1; i += 2)
    a[i + 1] = a[i];
}

// Counting down by 2 from n - 1: every written index has the parity of
// n - 1, every read one the other.
// CHECK: exact-dependences.c:[[@LINE+3]]:3: remark: loop parallelised: omp parallel for
#pragma ppar jit(parallel)
void down_by_two(double *a, int n) {
  for (int i = n - 1; i >= 1; i -= 2)
    a[i] = a[i - 1] * 0.5;
}

// CHECK: exact-dependences.c:[[@LINE+4]]:3: remark: loop not parallelised: a[i] written at exact-dependences.c:[[@LINE+5]] is read as a[i - 1] at exact-dependences.c:[[@LINE+5]], distance 1
#pragma ppar jit(parallel)
void prefix(double *a, int n) {
  int i;
  for (i = 1; i < n; i++)
    a[i] += a[i - 1];
}

// CHECK: exact-dependences.c:[[@LINE+3]]:3: remark: loop not parallelised: A[i][j] written at exact-dependences.c:[[@LINE+5]] is read as A[i - 1][j + 1] at exact-dependences.c:[[@LINE+5]], distance (1, -1)
#pragma ppar jit(parallel)
void skewed(int n, double A[n][n]) {
  for (int i = 1; i < n; i++)
    for (int j = 0; j < n - 1; j++)
      A[i][j] = A[i - 1][j + 1] + 1.0;
}

// A row rewritten by every iteration of the outer loop: only the inner
// loop is parallel.
// CHECK: exact-dependences.c:[[@LINE+3]]:3: remark: loop not parallelised: r[j] at exact-dependences.c:[[@LINE+5]] is written again by a later iteration, direction (<, =)
#pragma ppar jit(parallel)
void last_row(int n, int m, double r[m], double M[n][m]) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      r[j] = M[i][j];
}

// Seidel 2-D: every neighbour of the previous row and column.
// CHECK: exact-dependences.c:[[@LINE+4]]:3: remark: loop not parallelised: A[i][j] written at exact-dependences.c:[[@LINE+7]] is read as A[i][j] at exact-dependences.c:[[@LINE+8]], direction (<, =, =)
// CHECK: exact-dependences.c:[[@LINE+4]]:5: remark: loop not parallelised: A[i][j] written at exact-dependences.c:[[@LINE+6]] is read as A[i - 1][j - 1] at exact-dependences.c:[[@LINE+6]], distance (1, 1)
#pragma ppar jit(parallel)
void seidel(int steps, int n, double A[n][n]) {
  for (int t = 0; t < steps; t++)
    for (int i = 1; i <= n - 2; i++)
      for (int j = 1; j <= n - 2; j++)
        A[i][j] = (A[i - 1][j - 1] + A[i - 1][j] + A[i - 1][j + 1] + A[i][j - 1] +
                   A[i][j] + A[i][j + 1] + A[i + 1][j - 1] + A[i + 1][j] +
                   A[i + 1][j + 1]) / 9.0;
}

// A scratch array declared in the loop: each iteration has its own, so it
// carries no dependence and needs no run-time check against `o` (a check
// before the loop could not even name it).
// CHECK: exact-dependences.c:[[@LINE+4]]:3: remark: loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()){{$}}
#pragma ppar jit(parallel)
void scratch_rows(double *out, int n) {
  double *o = out + 1;
  for (int y = 0; y < n - 1; y++) {
    double tmp[8];
    for (int k = 0; k < 8; k++)
      tmp[k] = y * 0.5 + k;
    o[y] = tmp[3] * tmp[7];
  }
}

static double sum(const double *a, long n) {
  double s = 0;
  for (long i = 0; i < n; i++)
    s += a[i] * (double)(i % 13 + 1);
  return s;
}

int main(void) {
  enum { N = 300, M = 200, W = 7 };
  double *a = malloc(sizeof(double) * N * N), *b = malloc(sizeof(double) * N * N);
  double *c = malloc(sizeof(double) * N * N), *r = malloc(sizeof(double) * N);
  float *f = malloc(sizeof(float) * N * M);
  for (long i = 0; i < N * N; i++)
    a[i] = (double)(i % 17) / 7.0, b[i] = 0, c[i] = (double)(i % 5);
  for (long i = 0; i < N * M; i++)
    f[i] = (float)(i % 11);
  stencil_flat(b, a, N);
  printf("stencil_flat %.9g\n", sum(b, N * N));
  stencil_2d(N, (double (*)[N])c, (double (*)[N])b);
  printf("stencil_2d %.9g\n", sum(c, N * N));
  covariance(M, N, (double (*)[M])a, (double (*)[M])b);
  printf("covariance %.9g\n", sum(b, M * M));
  mirror(N, (double (*)[N])c);
  printf("mirror %.9g\n", sum(c, N * N));
  scale_index(f, M, N);
  double fs = 0;
  for (long i = 0; i < N * M; i++)
    fs += f[i] * (i % 3);
  printf("scale_index %.9g\n", fs);
  band(b, a, N, W);
  printf("band %.9g\n", sum(b, N * W));
  odd_from_even(a, N * N);
  printf("odd_from_even %.9g\n", sum(a, N * N));
  down_by_two(a, N * N - 3);
  printf("down_by_two %.9g\n", sum(a, N * N));
  prefix(c, N);
  printf("prefix %.9g\n", sum(c, N));
  skewed(N, (double (*)[N])c);
  printf("skewed %.9g\n", sum(c, N * N));
  last_row(N, N, r, (double (*)[N])a);
  printf("last_row %.9g\n", sum(r, N));
  seidel(3, N, (double (*)[N])c);
  printf("seidel %.9g\n", sum(c, N * N));
  scratch_rows(r, N);
  printf("scratch_rows %.9g\n", sum(r, N));
  free(a), free(b), free(c), free(r), free(f);
  return 0;
}
