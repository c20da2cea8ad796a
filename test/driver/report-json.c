// -fplugin-arg-ppar-report=json writes every loop decision, machine-readable.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %cc_ppar -fsyntax-only -fplugin-arg-ppar-report=json:%t/r.json %s
// RUN: %python -c "import json,sys; json.load(open(sys.argv[1]))" %t/r.json
// RUN: FileCheck %s < %t/r.json
// RUN: cd %t && %cc_ppar -c -fplugin-arg-ppar-report=json %s -o %t/obj.o && test -f %t/report-json.ppar.json

// CHECK: "file": "{{.*}}report-json.c"
// CHECK: "name": "scan"
// CHECK: "directives": [
// CHECK-NEXT: "jit(parallel)"
// CHECK: "parallel_loops": 0
// CHECK: "line": [[@LINE+13]],
// CHECK: "parallel": false,
// CHECK: "reason": "dependence",
// CHECK-NEXT: "dependence": {
// CHECK-NEXT: "write": "a[i]",
// CHECK-NEXT: "write_line": [[@LINE+9]],
// CHECK-NEXT: "other": "a[i - 1]",
// CHECK-NEXT: "other_line": [[@LINE+7]],
// CHECK-NEXT: "proven": true,
// CHECK-NEXT: "distance": 1
// CHECK: "message": "loop not parallelised: a[i] written at report-json.c:[[@LINE+4]] is read as a[i - 1] at report-json.c:[[@LINE+4]], distance 1"
#pragma ppar jit(parallel)
void scan(double *a, int n) {
  for (int i = 1; i < n; i++)
    a[i] += a[i - 1];
}
// The exact test's vectors, over both loops around the accesses.
// CHECK: "name": "skew"
// CHECK: "reason": "dependence",
// CHECK: "distance": 1,
// CHECK-NEXT: "distance_vector": [
// CHECK-NEXT: 1,
// CHECK-NEXT: -1
// CHECK-NEXT: ],
// CHECK-NEXT: "direction_vector": [
// CHECK-NEXT: "<",
// CHECK-NEXT: ">"
// CHECK-NEXT: ]
// CHECK: "message": "loop not parallelised: A[i][j] written at report-json.c:[[@LINE+5]] is read as A[i - 1][j + 1] at report-json.c:[[@LINE+5]], distance (1, -1)"
#pragma ppar jit(parallel)
void skew(int n, double A[n][n]) {
  for (int i = 1; i < n; i++)
    for (int j = 0; j < n - 1; j++)
      A[i][j] = A[i - 1][j + 1];
}
// CHECK: "name": "scale"
// CHECK: "parallel_loops": 1
// CHECK: "parallel": true,
// CHECK: "reason": "chosen",
// CHECK-NEXT: "directive": "omp parallel for schedule(static) num_threads(__ppar_rt_num_threads())",
#pragma ppar jit(parallel)
void scale(double *restrict a, int n) {
  for (int i = 0; i < n; i++)
    a[i] *= 2;
}
// The outer loop runs in parallel, the inner one gets simd.
// CHECK: "name": "rows"
// CHECK: "line": [[@LINE+10]],
// CHECK-NEXT: "column": 3,
// CHECK-NEXT: "parallel": true,
// CHECK-NEXT: "simd": false,
// CHECK: "line": [[@LINE+7]],
// CHECK-NEXT: "column": 5,
// CHECK-NEXT: "parallel": false,
// CHECK-NEXT: "simd": true,
#pragma ppar jit(parallel)
void rows(int n, int m, double a[restrict n][m]) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      a[i][j] *= 2;
}
// The clauses of the directive, as data.
// CHECK: "name": "sum"
// CHECK: "directive": "omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()) reduction(+:s) private(t)",
// CHECK-NEXT: "clauses": {
// CHECK-NEXT: "reduction": [
// CHECK-NEXT: {
// CHECK-NEXT: "op": "+",
// CHECK-NEXT: "var": "s"
// CHECK-NEXT: }
// CHECK-NEXT: ],
// CHECK-NEXT: "private": [
// CHECK-NEXT: "t"
// CHECK-NEXT: ],
// CHECK-NEXT: "lastprivate": [],
// CHECK-NEXT: "collapse": 1
#pragma ppar jit(parallel)
long sum(const int *restrict a, int n) {
  long s = 0, t;
  for (int i = 0; i < n; i++) {
    t = a[i] * 2;
    s += t;
  }
  return s;
}
