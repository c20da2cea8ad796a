// Innermost loops proven safe inside a parallel loop get `omp simd` (a
// floating-point sum only with fastmath); a short perfect nest is collapsed.
// RUN: rm -rf %t && %cc_ppar -fsyntax-only -fno-caret-diagnostics -fplugin-arg-ppar-report -fplugin-arg-ppar-emit=%t %s 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: grep -v '^ *//' %t/simd-collapse.ppar.c | FileCheck %s

#define ROWS 8

// CHECK-LABEL: static void __ppar_cpu_jacobi(int n, double (*restrict u)[n], double (*restrict v)[n]) {
// REPORT: simd-collapse.c:[[@LINE+6]]:3: remark: loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads())
// REPORT-NEXT: simd-collapse.c:[[@LINE+6]]:5: remark: loop vectorized: omp simd
// CHECK: _Pragma("omp parallel for schedule(static) num_threads(__ppar_rt_num_threads())") for (int i = 1; i < n - 1; i++)
// CHECK-NEXT: _Pragma("omp simd") for (int j = 1; j < n - 1; j++)
#pragma ppar jit(parallel)
void jacobi(int n, double (*restrict u)[n], double (*restrict v)[n]) {
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      v[i][j] = 0.25 * (u[i - 1][j] + u[i + 1][j] + u[i][j - 1] + u[i][j + 1]);
}

// CHECK-LABEL: static void __ppar_cpu_matmul(int n, double A[restrict n][n], double B[restrict n][n], double C[restrict n][n]) {
// CHECK-NOT: omp simd
// REPORT: simd-collapse.c:[[@LINE+6]]:3: remark: loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads())
// REPORT-NEXT: simd-collapse.c:[[@LINE+8]]:7: remark: loop not vectorized with simd: it sums floating-point values, which simd would reorder; 'fastmath' allows it
// REPORT: simd-collapse.c:[[@LINE+14]]:3: remark: loop parallelised
// REPORT-NEXT: simd-collapse.c:[[@LINE+16]]:7: remark: loop vectorized: omp simd reduction(+:s)
#pragma ppar jit(parallel)
void matmul(int n, double A[restrict n][n], double B[restrict n][n], double C[restrict n][n]) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int k = 0; k < n; k++)
        s += A[i][k] * B[k][j];
      C[i][j] = s;
    }
}
#pragma ppar jit(parallel, fastmath)
void matmul_fast(int n, double A[restrict n][n], double B[restrict n][n], double C[restrict n][n]) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int k = 0; k < n; k++)
        s += A[i][k] * B[k][j];
      C[i][j] = s;
    }
}
// CHECK-LABEL: static void __ppar_cpu_matmul_fast(int n, double A[restrict n][n], double B[restrict n][n], double C[restrict n][n]) {
// CHECK: _Pragma("omp simd reduction(+:s)") for (int k = 0; k < n; k++)

// REPORT: simd-collapse.c:[[@LINE+5]]:3: remark: loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()) collapse(2)
// CHECK-LABEL: static void __ppar_cpu_rows(int m, double (*restrict x)[m]) {
// CHECK: _Pragma("omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()) collapse(2)") for (int r = 0; r < ROWS; r++)
#pragma ppar jit(parallel)
void rows(int m, double (*restrict x)[m]) {
  for (int r = 0; r < ROWS; r++)
    for (int c = 0; c < m; c++)
      x[r][c] = r + c;
}
