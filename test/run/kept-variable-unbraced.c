// A parallel loop whose variable is read after it (lastprivate) gets its
// first value assigned before it, so that a loop that runs zero times
// leaves it as the serial loop would. With no run-time test around the
// loop (a prange loop calling a function of the file, no PPAR_CHECK
// regions), that assignment and the loop were two statements where the
// user wrote one: as the unbraced body of an outer `for` or `if`, the
// loop itself fell out of it and ran once more after it (a[1] was 10, or 4
// without regions, instead of 6). Now they are one block.
// RUN: %cc_ppar -O1 %s -o %t %link_rt
// RUN: %cc_ppar -O1 %s -o %t.noregions %link_rt -fplugin-arg-ppar-regions=off
// RUN: %cc_plain -O1 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
// RUN: %check_run %t.plain %t.noregions
#include <stdio.h>

static void put(double *p, int i, int t) { p[i] += i + t; }

#pragma ppar jit(parallel)
int steps(int T, double *restrict a) {
  int t, i;
  for (t = 0; t < T; t++)
#pragma ppar prange
    for (i = 0; i < 1000; i++)
      put(a, i, t);
  return i;
}

#pragma ppar jit(parallel)
int maybe(int go, double *restrict a) {
  int i = -1;
  if (go)
#pragma ppar prange
    for (i = 0; i < 1000; i++)
      put(a, i, 7);
  return i;
}

int main(void) {
  static double a[1000], b[1000];
  int r = steps(3, a);
  int s = maybe(0, b);
  int u = maybe(1, b);
  printf("%d %d %d %g %g %g\n", r, s, u, a[1], a[999], b[5]);
  return 0;
}
