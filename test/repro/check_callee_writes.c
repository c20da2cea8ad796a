// PPAR_CHECK runs a loop's parallel and serial versions on copies of what
// the loop writes. A callee that writes memory (here a generator's state
// through a pointer) writes what the check cannot copy: running the loop
// twice would advance the generator twice, change the program's output and
// report a false difference. Such a loop runs once, unchecked.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
// RUN: env PPAR_CHECK=1 PPAR_NUM_THREADS=2 %t > %t.out
// RUN: %t.plain | diff - %t.out
#include <stdio.h>

static unsigned calls;

static double next(unsigned *seed, int i) {
  seed[i] = seed[i] * 1103515245u + 12345u;
  return (seed[i] >> 8) / 16777216.0;
}

static double counted(int i) {
  calls++;
  return i * 0.5;
}

#pragma ppar jit(parallel)
void step(double *x, unsigned *seed, int n) {
#pragma ppar prange
  for (int i = 0; i < n; i++)
    x[i] += next(seed, i);
}

#pragma ppar jit(parallel)
void step_global(double *x, int n) {
#pragma ppar prange
  for (int i = 0; i < n; i++)
    x[i] += counted(i) > 10 ? 1 : 0;
}

int main(void) {
  enum { N = 1000 };
  static double x[N];
  static unsigned seed[N];
  for (int i = 0; i < N; i++)
    seed[i] = 7u * i + 1u;
  for (int t = 0; t < 3; t++)
    step(x, seed, N);
  step_global(x, N);
  double s = 0;
  for (int i = 0; i < N; i++)
    s += x[i];
  printf("%.6f %u\n", s, seed[N - 1]);
  return 0;
}
