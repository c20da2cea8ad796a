// Parallel nests reordered and tiled for locality (docs/passes/transform.md):
// the parallel version holds isl's new order, the serial copy the user's;
// the point loops take the user's variables, statements keep their lines.
// RUN: rm -rf %t && %cc_ppar -fopenmp -fplugin-arg-ppar-emit=%t -fplugin-arg-ppar-report -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: grep -v '^//' %t/transform.ppar.c | FileCheck %s
// RUN: %cc_ppar -fopenmp -fplugin-arg-ppar-transform=off -fplugin-arg-ppar-emit=%t/off -c %s -o %t.o
// RUN: grep -v '^//' %t/off/transform.ppar.c | FileCheck %s --check-prefix=OFF
// RUN: %cc_ppar -fopenmp -fplugin-arg-ppar-report=json:%t/report.json -c %s -o %t.o
// RUN: FileCheck %s --check-prefix=JSON < %t/report.json

#pragma ppar jit(parallel)
void gemm(int ni, int nj, int nk, double alpha, double beta,
          double C[restrict ni][nj], double A[restrict ni][nk], double B[restrict nk][nj]) {
  int i, j, k;
  // REPORT: transform.c:[[@LINE+1]]:3: remark: loop parallelised: {{.*}}; its nest is interchanged (i, k, j), tiled 32x32x32 for locality
  for (i = 0; i < ni; i++)
    for (j = 0; j < nj; j++) {
      C[i][j] *= beta;
      for (k = 0; k < nk; k++)
        C[i][j] += alpha * A[i][k] * B[k][j];
    }
}
// CHECK-LABEL: static void __ppar_cpu_gemm(
// The serial copy, in the user's order:
// CHECK: for (i = 0; i < ni; i++)
// The init statement first, then the tiles, (i, k, j) inside each:
// CHECK: _Pragma("omp parallel for schedule(static) num_threads(__ppar_rt_num_threads())") for (int i = 0; i < (long)ni; i++) { for (int j = 0; j < (long)nj; j++) {
// CHECK-NEXT: #line 18
// CHECK-NEXT: C[i][j] *= beta; } }
// CHECK-SAME: _Pragma("omp parallel for schedule(static) num_threads(__ppar_rt_num_threads())") for (long __ppar_c0 = 0; __ppar_c0 < (long)ni; __ppar_c0 += 32) { for (long __ppar_c1 = 0; __ppar_c1 < (long)nk; __ppar_c1 += 32) { for (long __ppar_c2 = 0; __ppar_c2 < (long)nj; __ppar_c2 += 32) {
// CHECK-SAME: for (int i = __ppar_c0; i <= ({ long __ppar_a = ((long)ni - 1), __ppar_b = (__ppar_c0 + 31); __ppar_a < __ppar_b ? __ppar_a : __ppar_b; }); i++) {
// CHECK-SAME: for (int k = __ppar_c1;
// CHECK-SAME: for (int j = __ppar_c2;
// CHECK-NEXT: #line 20
// CHECK-NEXT: C[i][j] += alpha * A[i][k] * B[k][j]; } } } } } }
// OFF-LABEL: static void __ppar_cpu_gemm(
// OFF-NOT: __ppar_c0
// OFF: }
// JSON: "transform": {
// JSON-NEXT: "done": true,
// JSON-NEXT: "what": "interchanged (i, k, j), tiled 32x32x32"

// An imperfect nest over flattened arrays, long variables.
#pragma ppar jit(parallel)
void mm2(long n, double *restrict t, const double *restrict a, const double *restrict b) {
  // REPORT: transform.c:[[@LINE+1]]:3: remark: loop parallelised: {{.*}}; its nest is interchanged (i, k, j), tiled 32x32x32 for locality
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++) {
      t[i * n + j] = 0.0;
      for (long k = 0; k < n; k++)
        t[i * n + j] += a[i * n + k] * b[k * n + j];
    }
}
// CHECK-LABEL: static void __ppar_cpu_mm2(
// CHECK: for (long i = __ppar_c0; {{.*}} for (long k = __ppar_c1; {{.*}} for (long j = __ppar_c2;
// CHECK-NEXT: #line 51
// CHECK-NEXT: t[i * n + j] += a[i * n + k] * b[k * n + j];

// Triangular: j runs to i. k carries the sum into C[i][j], so j, which
// carries nothing, stays innermost (it vectorizes); the nest is tiled.
#pragma ppar jit(parallel)
void syrk(int n, int m, double alpha, double C[restrict n][n], double A[restrict n][m]) {
  // REPORT: transform.c:[[@LINE+1]]:3: remark: loop parallelised: {{.*}}; its nest is tiled 32x32x32 for locality
  for (int i = 0; i < n; i++)
    for (int k = 0; k < m; k++)
      for (int j = 0; j <= i; j++)
        C[i][j] += alpha * A[i][k] * A[j][k];
}
// CHECK-LABEL: static void __ppar_cpu_syrk(
// CHECK: _Pragma("omp parallel for
// CHECK-SAME: __ppar_c0 += 32

// A scalar temporary keeps the user's order, and the report says why.
#pragma ppar jit(parallel)
void scaled(int n, double C[restrict n][n], double A[restrict n][n]) {
  // REPORT: transform.c:[[@LINE+1]]:3: remark: loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()); it runs in parallel only when its nest has at least 23832 iterations, counted at run time{{$}}
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double t = A[j][i];
      for (int k = 0; k < n; k++)
        C[i][k] += t * A[j][k];
    }
}
// CHECK-LABEL: static void __ppar_cpu_scaled(
// CHECK-NOT: __ppar_c0
// CHECK: _Pragma("omp parallel for schedule(static) num_threads(__ppar_rt_num_threads())") for (int i = 0; i < n; i++)
// JSON: "done": false,
// JSON-NEXT: "why": "it declares a variable inside the nest"

// jit(transform=off) keeps the order of one function.
#pragma ppar jit(parallel, transform=off)
void kept(int n, double C[restrict n][n], double A[restrict n][n], double B[restrict n][n]) {
  // REPORT: transform.c:[[@LINE+1]]:3: remark: loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()); it runs in parallel only when its nest has at least 23832 iterations, counted at run time{{$}}
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      for (int k = 0; k < n; k++)
        C[i][j] += A[i][k] * B[k][j];
}
// CHECK-LABEL: static void __ppar_cpu_kept(
// CHECK-NOT: __ppar_c0
// CHECK: #pragma clang diagnostic pop
