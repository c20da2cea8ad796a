// The transfer plan of a target=cuda function at compile time: the report
// lists each array copied to the GPU and back, its extent over the
// parameters (from the loops' subscripts, merged over the kernels, or as a
// data clause gives it), and the lines the copies happen at; the JSON
// report has the same as data. A call in a loop that copies the same
// arrays at every iteration gets a remark suggesting ppar_to_device; one
// whose arrays change (a pointer swap), are resident or that is not in a
// loop does not. The program gives the serial answers (CPU fallback here).
// RUN: %cc_ppar -fsyntax-only -fopenmp -fplugin-arg-ppar-report %s 2>&1 | FileCheck %s
// RUN: %cc_ppar -fsyntax-only -fopenmp -fplugin-arg-ppar-report=json:%t.json %s
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t

#include <ppar.h>
#include <stdio.h>

#pragma ppar jit(parallel, target=cuda)
void step(int n, const double *in, double *out) {
  for (int i = 1; i < n - 1; i++)
    out[i] = 0.5 * (in[i - 1] + in[i + 1]);
}
// CHECK: gpu-transfer-report.c:[[#@LINE-4]]:6: remark: 'step' runs its 1 parallel loop as CUDA kernels
// CHECK: gpu-transfer-report.c:[[#@LINE-5]]:44: note: 'out' is copied to the GPU before line [[#@LINE-4]] and back after line [[#@LINE-3]]: out[1 .. n - 2] (from the loops' subscripts)
// CHECK: gpu-transfer-report.c:[[#@LINE-6]]:32: note: 'in' is copied to the GPU before line [[#@LINE-5]]: in[0 .. n - 1] (from the loops' subscripts)

#pragma ppar jit(parallel, target=cuda)
void jacobi(int steps, int n, double a[n][n], double b[n][n]) {
  for (int t = 0; t < steps; t++) {
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        b[i][j] = 0.25 * (a[i - 1][j] + a[i + 1][j] + a[i][j - 1] + a[i][j + 1]);
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        a[i][j] = b[i][j];
  }
}
// CHECK: remark: 'jacobi' runs its 2 parallel loops as CUDA kernels
// CHECK-DAG: note: 'a' is copied to the GPU before line [[#@LINE-10]] and back after line [[#@LINE-3]]: a[0 .. n - 1][0 .. n - 1] (from the loops' subscripts)
// CHECK-DAG: note: 'b' is copied to the GPU before line [[#@LINE-11]] and back after line [[#@LINE-4]]: b[1 .. n - 2][1 .. n - 2] (from the loops' subscripts)

#pragma ppar jit(parallel, target=cuda, inout(x[0:n]))
void scale(int n, double *x, double s) {
  for (int i = 0; i < n; i++)
    x[i] = x[i] * s;
}
// CHECK: remark: 'scale' runs its 1 parallel loop as CUDA kernels
// CHECK: note: 'x' is copied to the GPU before line [[#@LINE-4]] and back after line [[#@LINE-3]]: x[0:n] (from the data clause)

int main(void) {
  enum { N = 64 };
  static double a[N], b[N], c[N], g[N][N], h[N][N];
  for (int i = 0; i < N; i++) {
    a[i] = i;
    c[i] = 1;
    for (int j = 0; j < N; j++)
      g[i][j] = (i * j) % 5;
  }
  for (int t = 0; t < 10; t++)
    step(N, a, b);
  // CHECK: gpu-transfer-report.c:[[#@LINE-1]]:5: remark: 'step' copies 'a', 'b' to the GPU and back at every iteration of the loop at line [[#@LINE-2]]; ppar_to_device before the loop keeps them on the GPU between calls, and ppar_to_host after it brings the results back
  double *p = a, *q = b;
  for (int t = 0; t < 10; t++) {
    step(N, p, q);
    double *s = p;
    p = q;
    q = s;
  }
  ppar_to_device(c, sizeof c);
  for (int t = 0; t < 10; t++)
    scale(N, c, 1.01);
  ppar_to_host(c);
  step(N, a, b);
  jacobi(5, N, g, h);
  // CHECK-NOT: remark: '{{step|scale|jacobi}}' copies
  printf("%.6f %.6f %.6f %.6f\n", a[5], b[5], c[5], g[7][9]);
  return 0;
}

// JSON: "name": "step",
// JSON: "gpu": {
// JSON-NEXT: "kernels": 1,
// JSON-NEXT: "copy_in_before_line": 21,
// JSON-NEXT: "copy_out_after_line": 22,
// JSON-NEXT: "transfers": [
// JSON-NEXT: {
// JSON-NEXT: "var": "out",
// JSON-NEXT: "direction": "inout",
// JSON-NEXT: "extents": [
// JSON-NEXT: "out[1 .. n - 2]"
// JSON-NEXT: ],
// JSON-NEXT: "from": "subscripts"
// JSON: "var": "in",
// JSON-NEXT: "direction": "in",
// JSON: "name": "jacobi",
// JSON: "kernels": 2,
// JSON: "name": "scale",
