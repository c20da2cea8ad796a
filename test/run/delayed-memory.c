// Dependences through memory: a chain of in-place updates whose order
// changes the answer, a diamond, a fan-out/fan-in of 10,000 tasks, a loop
// of tasks writing parts[i] then a plain sum, a block-local buffer (the
// block's end waits for its tasks), a malloc'ed buffer (its bytes, not all
// of memory), struct results, eager futures, and ppar_compute. Compared with the serial build.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>

#define N 64
#define FAN 10000

struct stats { double min, max; long count; };

PPAR_DELAYED() void add_const(double *v, int n, double c) {
  for (int i = 0; i < n; i++)
    v[i] += c;
}
PPAR_DELAYED(nogil) void mul_const(double *v, int n, double c) {
  for (int i = 0; i < n; i++)
    v[i] *= c;
}
PPAR_DELAYED(nogil, in(v[0:n])) double sum(const double *v, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += v[i];
  return s;
}
PPAR_DELAYED(nogil, in(v[0:n])) struct stats describe(const double *v, int n) {
  struct stats s = {v[0], v[0], n};
  for (int i = 1; i < n; i++) {
    s.min = v[i] < s.min ? v[i] : s.min;
    s.max = v[i] > s.max ? v[i] : s.max;
  }
  return s;
}
PPAR_DELAYED(nogil) int square(int x) { return x * x; }
PPAR_DELAYED(nogil, eager) long slow_count(int n) {
  long c = 0;
  for (int i = 0; i < n; i++)
    c += i % 7 == 0;
  return c;
}
PPAR_DELAYED(nogil, inout(cell[0:1])) void bump(long *cell) { *cell += 1; }

/* A function that only makes tasks: they finish before it returns. */
static double pipeline(const double *data, int n, int chunk) {
  double parts[N];
  int p = 0;
  for (int lo = 0; lo < n; lo += chunk, p++)
    parts[p] = sum(data + lo, lo + chunk <= n ? chunk : n - lo);
  double total = 0;
  for (int i = 0; i < p; i++)
    total += parts[i];
  return total;
}

int main(void) {
  double v[N];
  for (int i = 0; i < N; i++)
    v[i] = i;
  /* A chain: (v * 2 + 1) * 0.5 - 3, in this order only. */
  mul_const(v, N, 2);
  add_const(v, N, 1);
  mul_const(v, N, 0.5);
  add_const(v, N / 2, -3);
  printf("v[1] = %g, v[40] = %g\n", v[1], v[40]);

  /* A diamond: two readers of v, one sum of both. */
  double left = sum(v, N / 2), right = sum(v + N / 2, N / 2);
  struct stats st = describe(v, N);
  printf("left + right = %g, min %g max %g count %ld\n", left + right, st.min,
         st.max, st.count);

  /* Fan-out then fan-in through memory. */
  long *cells = calloc(FAN, sizeof *cells);
  for (int i = 0; i < FAN; i++)
    bump(&cells[i]);
  long fanin = 0;
  for (int i = 0; i < FAN; i++)
    fanin += cells[i];
  printf("fan-in = %ld\n", fanin);
  free(cells);

  /* Many tasks on one cell: they run in order. */
  long counter = 0;
  for (int i = 0; i < 1000; i++)
    bump(&counter);
  printf("counter = %ld\n", counter);

  /* Futures in an array element converted to double, and in a block. */
  double squares[10];
  for (int i = 0; i < 10; i++)
    squares[i] = square(i);
  double sq = 0;
  for (int i = 0; i < 10; i++)
    sq += squares[i];
  printf("squares = %g\n", sq);
  for (int k = 0; k < 3; k++) {
    double local[N];
    for (int i = 0; i < N; i++)
      local[i] = k;
    mul_const(local, N, 3);
    double t = sum(local, N);
    printf("block %d: %g\n", k, t);
  }

  /* A malloc'ed buffer: tasks touch its bytes only, an in-place chain on
   * it keeps its order, and reading w waits for w's tasks alone. */
  double *w = malloc(N * sizeof *w);
  for (int i = 0; i < N; i++)
    w[i] = i;
  mul_const(w, N, 3);
  add_const(w, N, -1);
  mul_const(v, N, 1); /* independent of w */
  printf("w[2] = %g, w[N-1] = %g\n", w[2], w[N - 1]);
  add_const(w, N, 1);
  double ws = sum(w, N);
  free(w);
  printf("sum(w) = %g\n", ws);

  /* An eager future runs while the program goes on; ppar_compute waits. */
  long count = slow_count(1000000);
  ppar_compute();
  printf("count = %ld, pipeline = %g\n", count, pipeline(v, N, 5));
  return 0;
}
