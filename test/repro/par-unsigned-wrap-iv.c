// A loop variable that may wrap around keeps its loop serial: OpenMP
// computes the trip count as if it never wrapped. `g` (unsigned char)
// runs 9, 4, 255, 250, ..., 0: 53 iterations in C, 2 under OpenMP. Loops
// whose variable provably stays in range are still parallelised.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s < %t.report
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stddef.h>
#include <stdio.h>

unsigned char g;
static int hits[256];
static double x[100000];

#pragma ppar jit(parallel)
void wraps(void) {
  // CHECK: par-unsigned-wrap-iv.c:[[@LINE+1]]:3: remark: loop not parallelised: the loop variable 'g' has the type 'unsigned char' and may wrap around
  for (g = 9; g >= 4; g -= 5)
    hits[g] += 1;
}

// A bound that is not constant is tested at run time: the loop runs in
// parallel only when that bound keeps the variable from wrapping around.
#pragma ppar jit(parallel)
void down_to(unsigned char start, unsigned char lo) {
#pragma ppar prange
  // CHECK: par-unsigned-wrap-iv.c:[[@LINE+1]]:3: remark: loop parallelised: {{.*}}; it runs in parallel only when its bound keeps 'c' from wrapping around
  for (unsigned char c = start; c >= lo; c -= 5)
    hits[c] += 2;
}

#pragma ppar jit(parallel)
void up_to(unsigned n) {
  // CHECK: par-unsigned-wrap-iv.c:[[@LINE+1]]:3: remark: loop parallelised: {{.*}}; it runs in parallel only when its bound keeps 'i' from wrapping around
  for (unsigned i = 0; i <= n; i += 3)
    x[i] += 1;
}

#pragma ppar jit(parallel)
void wider_bound(unsigned short m) {
  // An unsigned short bound cannot take an unsigned int past its range.
  // CHECK: par-unsigned-wrap-iv.c:[[@LINE+1]]:3: remark: loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()); it runs in parallel only when its nest has at least 65536 iterations, counted at run time{{$}}
  for (unsigned i = 0; i <= m; i += 3)
    x[i] += 5;
}

#pragma ppar jit(parallel)
void in_range(size_t n, unsigned m) {
  // CHECK: par-unsigned-wrap-iv.c:[[@LINE+1]]:3: remark: loop parallelised
  for (size_t i = 0; i < n; i++)
    x[i] += 1;
  // CHECK: par-unsigned-wrap-iv.c:[[@LINE+1]]:3: remark: loop parallelised
  for (size_t i = 0; i <= m; i += 2)
    x[i] += 2;
  // CHECK: par-unsigned-wrap-iv.c:[[@LINE+1]]:3: remark: loop parallelised
  for (unsigned i = m; i > 0; i--)
    x[i] += 3;
#pragma ppar prange
  // CHECK: par-unsigned-wrap-iv.c:[[@LINE+1]]:3: remark: loop parallelised
  for (unsigned char c = 0; c < 200; c++)
    x[c] += 4;
}

int main(void) {
  wraps();
  down_to(200, 5); /* the guard holds: 200, 195, ..., 5 in parallel */
  down_to(203, 4); /* it fails: C runs 203, ..., 3, 254, ..., 4 serially */
  up_to(99990);
  wider_bound(60000);
  in_range(100000, 99990);
  double s = 0;
  for (int i = 0; i < 100000; i++)
    s += x[i] * (i % 7);
  int h = 0;
  for (int i = 0; i < 256; i++)
    h += hits[i] * i;
  printf("g=%d h=%d s=%.1f\n", g, h, s);
  return 0;
}
