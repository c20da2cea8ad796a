// A temporary that each iteration writes first inside inner loops, which may
// not run at all, is private as long as nothing reads it before a write: the
// two inner loops of an LU row (as in PolyBench's ludcmp) each assign `w`
// before using it, so the outer loop runs in parallel. A read after such a
// loop (`last[i] = w`, inside or after a block) may see an earlier iteration's
// value, so that loop stays serial. Each run is compared with the serial build.
// RUN: %cc_ppar -O2 -fplugin-arg-ppar-report -fplugin-arg-ppar-min-work=0 %s -o %t %link_rt 2>&1 | FileCheck %s
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>
#include <ppar.h>

#define N 64

#pragma ppar jit(parallel)
void rows(int n, double a[N][N], double out[N][N]) {
  double w;
  // CHECK: scalars-written-in-loops.c:[[@LINE+1]]:3: remark: loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()) private(w)
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < i; j++) {
      w = a[i][j];
      for (int k = 0; k < j; k++)
        w -= a[i][k] * a[k][j] * 0.001;
      out[i][j] = w;
    }
    for (int j = i; j < n; j++) {
      w = a[i][j];
      out[i][j] = w * 2;
    }
  }
}

#pragma ppar jit(parallel)
void carried(int n, int m, const double *a, double *last) {
  double w = -1;
  // CHECK: scalars-written-in-loops.c:[[@LINE+1]]:3: remark: loop not parallelised: 'w' carries a value
  for (int i = 0; i < n; i++) {
    {
      for (int j = 0; j < (i % 2) * m; j++)
        w = a[j] + i;
    }
    last[i] = w;
  }
}

int main(void) {
  static double a[N][N], out[N][N], flat[N], last[N];
  for (int i = 0; i < N; i++) {
    flat[i] = i * 0.5;
    for (int j = 0; j < N; j++)
      a[i][j] = (i * 7 + j * 3) % 11;
  }
  rows(N, a, out);
  carried(N, 4, flat, last);
  double s = 0;
  for (int i = 0; i < N; i++) {
    s += last[i];
    for (int j = 0; j < N; j++)
      s += out[i][j] * ((i + j) % 5);
  }
  printf("%.6f\n", s);
  return 0;
}
