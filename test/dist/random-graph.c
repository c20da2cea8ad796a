// Random task graphs over distributed blocks, the same on every rank (a
// seeded generator decides each call): tasks read one or two blocks and
// write another, lazily; the program reads blocks between them (its
// waits), calls functions whose end sends what their tasks wrote, and
// sometimes computes everything. Most tasks run elsewhere on each rank,
// so ranks keep different graphs (tasks with no part on a rank have no
// node there); the output must still be the serial build's, with no rank
// waiting forever.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_mpi %t.plain %t 1
// RUN: %check_mpi %t.plain %t 2
// RUN: %check_mpi %t.plain %t 3
// RUN: %if mpich %{ %check_mpich %t.plain %t 4 %}
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>

#define BLOCKS 12
#define N 256

static double a[BLOCKS][N], b[BLOCKS][N];
static unsigned long state;

static unsigned pick(unsigned n) {
  state = state * 6364136223846793005ul + 1442695040888963407ul;
  return (unsigned)(state >> 33) % n;
}

PPAR_DELAYED(nogil, in(x[0:n]), out(dst[0:n]))
void copy_scaled(double *dst, const double *x, int n, double f) {
  for (int i = 0; i < n; i++)
    dst[i] = f * x[i] + 1;
}

PPAR_DELAYED(nogil, in(x[0:n], y[0:n]), out(dst[0:n]))
void mix(double *dst, const double *x, const double *y, int n) {
  for (int i = 0; i < n; i++)
    dst[i] = 0.5 * x[i] + 0.25 * y[(i + 1) % n];
}

PPAR_DELAYED(nogil, inout(dst[0:n])) void bump(double *dst, int n, int k) {
  for (int i = 0; i < n; i++)
    dst[i] = dst[i] * 0.75 + k;
}

static double *block(int which) {
  return which < BLOCKS ? a[which] : b[which - BLOCKS];
}

/* A random task over the blocks. */
static void one_task(void) {
  double *dst = block((int)pick(2 * BLOCKS));
  double *x = block((int)pick(2 * BLOCKS)), *y = block((int)pick(2 * BLOCKS));
  switch (pick(3)) {
  case 0:
    if (x != dst)
      copy_scaled(dst, x, N, 0.5 + pick(4));
    break;
  case 1:
    if (x != dst && y != dst)
      mix(dst, x, y, N);
    break;
  default:
    bump(dst, N, (int)pick(10));
  }
}

/* A function's tasks: its end gives every rank what they wrote. */
static void several(int n) {
  for (int i = 0; i < n; i++)
    one_task();
}

int main(int argc, char **argv) {
  state = argc > 1 ? strtoul(argv[1], NULL, 10) : 1;
  ppar_distribute(a, sizeof a, PPAR_BLOCK, sizeof a[0]);
  ppar_distribute(b, sizeof b, PPAR_CYCLIC, sizeof b[0]);
  for (int k = 0; k < BLOCKS; k++)
    for (int i = 0; i < N; i++) {
      a[k][i] = k + i * 0.001;
      b[k][i] = k - i * 0.002;
    }
  for (int step = 0; step < 300; step++) {
    unsigned what = pick(20);
    if (what < 14) {
      one_task();
    } else if (what < 17) {
      const double *p = block((int)pick(2 * BLOCKS));
      printf("step %d: %.6f\n", step, p[pick(N)]);
    } else if (what < 19) {
      several(1 + (int)pick(4));
    } else {
      ppar_compute();
    }
  }
  double s = 0;
  for (int k = 0; k < BLOCKS; k++)
    for (int i = 0; i < N; i++)
      s += a[k][i] - b[k][i];
  printf("sum %.6f\n", s);
  return 0;
}
