// The multi-core variant runs only when, bounded at entry, some loop of it
// may have enough work; else the function as written. Sizes on both sides
// of the (lowered) thresholds give the serial answers: a loop over a
// parameter, a triangular loop inside a serial one counting up and down,
// a returned reduction, a region around a time loop, int, long and size_t.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-min-work=4096
// RUN: %cc_ppar -O2 %s -o %t.noreg %link_rt -fplugin-arg-ppar-min-work=4096 -fplugin-arg-ppar-regions=off
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
// RUN: %check_run %t.plain %t.noreg
#include <stdio.h>
#include <stdlib.h>

#pragma ppar jit(parallel)
void scale(double *restrict a, int n) {
  for (int i = 0; i < n; i++)
    a[i] = a[i] * 2.0 + i;
}

#pragma ppar jit(parallel)
void lower(int n, double *restrict x, double L[n][n]) {
  int i, j;
  for (i = 1; i < n; i++)
    for (j = 0; j < i; j++)
      L[i][j] = L[i - 1][j] * 0.5 + x[j];
}

#pragma ppar jit(parallel)
void upper(long n, double *restrict x, double U[n][n]) {
  for (long i = n - 2; i >= 0; i--)
    for (long j = i + 1; j < n; j++)
      U[i][j] = U[i + 1][j] * 0.25 - x[j];
}

#pragma ppar jit(parallel)
double total(const double *x, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; i++)
    s += x[i];
  return s;
}

#pragma ppar jit(parallel)
void steps(int t, int n, double *restrict a, double *restrict b) {
  for (int s = 0; s < t; s++) {
    for (int i = 1; i < n - 1; i++)
      b[i] = (a[i - 1] + a[i] + a[i + 1]) / 3;
    for (int i = 1; i < n - 1; i++)
      a[i] = b[i];
  }
}

int main(void) {
  static const int sizes[] = {0, 1, 7, 60, 200, 5000, 70000};
  for (unsigned k = 0; k < sizeof sizes / sizeof *sizes; k++) {
    int n = sizes[k];
    double *a = calloc(n + 1, sizeof *a), *b = calloc(n + 1, sizeof *b);
    for (int i = 0; i < n; i++)
      a[i] = i % 17;
    scale(a, n);
    steps(3, n, a, b);
    printf("n=%d scale+steps %.10g total %.10g\n", n, n ? a[n / 2] : 0.0, total(a, n));
    int m = n > 300 ? 300 : n;
    double (*M)[m ? m : 1] = calloc((size_t)m * m + 1, sizeof(double));
    for (int i = 0; i < m; i++)
      for (int j = 0; j < m; j++)
        M[i][j] = (i * 7 + j) % 5;
    lower(m, a, M);
    upper(m, b, M);
    double s = 0;
    for (int i = 0; i < m; i++)
      for (int j = 0; j < m; j++)
        s += M[i][j] * (i + 1);
    printf("m=%d triangles %.10g\n", m, s);
    free(M);
    free(a);
    free(b);
  }
  return 0;
}
