// Time tiling (docs/passes/transform.md), with -fplugin-arg-ppar-time-tiling=on:
// a time loop whose body is parallel sweeps, and a serial nest in place
// (seidel), become wavefronts of skewed tiles in one parallel region: the
// outermost loop (the wavefront) on every thread, the tiles of one
// wavefront shared by `omp for`, whose barrier ends it. The serial copy and
// PPAR_CHECK keep the user's order; statements keep their lines. A nest
// that no skew makes tileable, transform=off, and the default (off) keep
// the user's text.
// RUN: rm -rf %t && %cc_ppar -fopenmp -fplugin-arg-ppar-time-tiling=on -fplugin-arg-ppar-emit=%t -fplugin-arg-ppar-report -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: grep -v '^//' %t/transform-time.ppar.c | FileCheck %s
// RUN: %cc_ppar -fopenmp -fplugin-arg-ppar-time-tiling=on -fplugin-arg-ppar-report=json:%t/r.json -c %s -o %t.o
// RUN: FileCheck %s --check-prefix=JSON < %t/r.json
// RUN: %cc_ppar -fopenmp -fplugin-arg-ppar-emit=%t/default -c %s -o %t.o
// RUN: grep -v '^//' %t/default/transform-time.ppar.c | FileCheck %s --check-prefix=DEFAULT
// RUN: %cc_ppar -fopenmp -fplugin-arg-ppar-time-tiling=on -fplugin-arg-ppar-transform=off -fplugin-arg-ppar-emit=%t/off -c %s -o %t.o
// RUN: grep -v '^//' %t/off/transform-time.ppar.c | FileCheck %s --check-prefix=DEFAULT

#pragma ppar jit(parallel)
void jacobi(int tsteps, int n, double *restrict A, double *restrict B) {
  // REPORT: transform-time.c:[[@LINE+1]]:3: remark: serial loop runs in one parallel region; its parallel loops are shared among the threads (2 loops, 2 barriers in its body); {{.*}}; its nest is time-tiled 32x32 after skewing, its tiles run by wavefronts for locality
  for (int t = 0; t < tsteps; t++) {
    for (int i = 1; i < n - 1; i++)
      B[i] = 0.33333 * (A[i - 1] + A[i] + A[i + 1]);
    for (int i = 1; i < n - 1; i++)
      A[i] = 0.33333 * (B[i - 1] + B[i] + B[i + 1]);
  }
}
// CHECK-LABEL: static void __ppar_cpu_jacobi(
// The region's work test, then the wavefronts: every thread runs __ppar_c0,
// the tiles __ppar_c1 of one wavefront are shared, t runs inside a tile.
// CHECK: if (!__ppar_rt_checking()) { double __ppar_step = {{.*}}; if ({{.*}}) { int __ppar_nt = __ppar_rt_num_threads(); _Pragma("omp parallel num_threads(__ppar_nt)") { if (((long)n >= 3)) { for (long __ppar_c0 = 0; __ppar_c0 <= {{.*}}; __ppar_c0++) { _Pragma("omp for schedule(static)") for (long __ppar_c1 = {{.*}}; __ppar_c1++) { for (int t = {{.*}}; t++) {
// The skewed loop runs 2t + i: i is defined from it at each statement
// (first at the tile's edge, separated from its full part).
// CHECK-SAME: { int i = (int)(
// CHECK-NEXT: #line 23
// CHECK-NEXT: B[i] = 0.33333 * (A[i - 1] + A[i] + A[i + 1]);
// CHECK: { int i = (int)((((-2) * t) + __ppar_c{{[0-9]}}));
// CHECK-NEXT: #line 23
// CHECK-NEXT: B[i] = 0.33333 * (A[i - 1] + A[i] + A[i + 1]);
// CHECK: #line 25
// CHECK-NEXT: A[i] = 0.33333 * (B[i - 1] + B[i] + B[i + 1]);
// The serial copy, then PPAR_CHECK's loop, in the user's order:
// CHECK: } else {
// CHECK-NEXT: #line 21
// CHECK-NEXT: for (int t = 0; t < tsteps; t++) {
// CHECK: } else
// CHECK-NEXT: #line 21
// CHECK-NEXT: for (int t = 0; t < tsteps; t++) {
// JSON: "name": "jacobi",
// JSON: "region": true,
// JSON: "transform": {
// JSON-NEXT: "done": true,
// JSON-NEXT: "what": "time-tiled 32x32 after skewing, its tiles run by wavefronts"

// B takes A reversed: the dependence from A[n-1-i] to A[i] goes backwards
// along i in one step and forwards in the next, whatever the skew. The
// region keeps its sweeps.
#pragma ppar jit(parallel)
void reversed(int tsteps, int n, double *restrict A, double *restrict B) {
  // REPORT: transform-time.c:[[@LINE+1]]:3: remark: serial loop runs in one parallel region; its parallel loops are shared among the threads (2 loops, 2 barriers in its body); it does so only when{{.*}}serially{{$}}
  for (int t = 0; t < tsteps; t++) {
    for (int i = 0; i < n; i++)
      B[i] = A[n - 1 - i];
    for (int i = 0; i < n; i++)
      A[i] = 0.5 * B[i];
  }
}
// CHECK-LABEL: static void __ppar_cpu_reversed(
// CHECK-NOT: __ppar_c0
// CHECK: _Pragma("omp for schedule(static)") for (int i = 0; i < n; i++)
// JSON: "name": "reversed",
// JSON: "region": true,
// JSON: "transform": {
// JSON-NEXT: "done": false,
// JSON-NEXT: "why": "no skewing makes the time loop and the loops inside it a permutable band (a dependence goes backwards along a loop whatever the skew)"

// Sweeps through pointers that may overlap: their checks cover each sweep's
// own pairs and ranges, not those that tiles across sweeps would meet.
#pragma ppar jit(parallel)
void aliased(int tsteps, int n, double *A, double *B) {
  for (int t = 0; t < tsteps; t++) {
    for (int i = 1; i < n - 1; i++)
      B[i] = 0.5 * (A[i - 1] + A[i + 1]);
    for (int i = 1; i < n - 1; i++)
      A[i] = B[i];
  }
}
// CHECK-LABEL: static void __ppar_cpu_aliased(
// CHECK-NOT: __ppar_c0
// CHECK: #pragma clang diagnostic pop
// JSON: "name": "aliased",
// JSON: "region": true,
// JSON: "transform": {
// JSON-NEXT: "done": false,
// JSON-NEXT: "why": "two of its pointers may point into one array (restrict would settle it)"

// Gauss-Seidel in place: no loop is parallel; skewed, the tiles of one
// wavefront are. A region of wavefronts alone, above a work threshold.
#pragma ppar jit(parallel)
void seidel(int tsteps, int n, double A[n][n]) {
  // REPORT: transform-time.c:[[@LINE+1]]:3: remark: serial loop runs in one parallel region; its nest is time-tiled 32x32 after skewing, its tiles run by wavefronts (the tiles of one wavefront shared among the threads, a barrier after each); it does so only when, counted at run time, it has at least 262144 operations, else it runs serially
  for (int t = 0; t < tsteps; t++)
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        A[i][j] = (A[i - 1][j] + A[i][j - 1] + A[i][j] + A[i][j + 1] + A[i + 1][j]) / 5.0;
}
// CHECK-LABEL: static void __ppar_cpu_seidel(
// CHECK: if (!__ppar_rt_checking()) { double __ppar_step = (double)__ppar_rt_max(n - 2, 0) * (double)__ppar_rt_max(n - 2, 0) * {{[0-9]+}}; if ((double)__ppar_rt_max(tsteps, 0) * __ppar_step >= 262144.0) { int __ppar_nt = __ppar_rt_num_threads(); _Pragma("omp parallel num_threads(__ppar_nt)") { {{.*}}for (long __ppar_c0 = 0; {{.*}} _Pragma("omp for schedule(static)") for (long __ppar_c1 =
// CHECK: #line 105
// CHECK-NEXT: A[i][j] = (A[i - 1][j] + A[i][j - 1] + A[i][j] + A[i][j + 1] + A[i + 1][j]) / 5.0;
// CHECK: } else {
// CHECK-NEXT: #line 102
// CHECK-NEXT: for (int t = 0; t < tsteps; t++)
// CHECK: } } else
// CHECK-NEXT: #line 102
// CHECK-NEXT: for (int t = 0; t < tsteps; t++)

// Two pointers that may be one array: no run-time check is made for a
// nest without parallel loops, so it stays serial.
#pragma ppar jit(parallel)
void seidel_two(int tsteps, int n, double *A, double *B) {
  // REPORT: transform-time.c:[[@LINE+1]]:3: remark: loop not parallelised
  for (int t = 0; t < tsteps; t++)
    for (int i = 1; i < n - 1; i++)
      A[i] = (A[i - 1] + B[i] + A[i + 1]) / 3.0;
}
// CHECK-NOT: __ppar_cpu_seidel_two(

// jit(transform=off) keeps the sweeps.
#pragma ppar jit(parallel, transform=off)
void kept(int tsteps, int n, double *restrict A, double *restrict B) {
  for (int t = 0; t < tsteps; t++) {
    for (int i = 1; i < n - 1; i++)
      B[i] = 0.5 * (A[i - 1] + A[i + 1]);
    for (int i = 1; i < n - 1; i++)
      A[i] = B[i];
  }
}
// CHECK-LABEL: static void __ppar_cpu_kept(
// CHECK-NOT: __ppar_c0
// CHECK: #pragma clang diagnostic pop

// DEFAULT-NOT: __ppar_c0
// DEFAULT: static void __ppar_cpu_jacobi(
// DEFAULT-NOT: __ppar_c0
// DEFAULT: #pragma clang diagnostic pop
