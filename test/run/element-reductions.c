// Reductions into an array element whose subscripts the loop does not
// change: `x[i] -= w[j] * x[j]` over j < i (a triangular solve), integer
// sums into row totals, a min into a 2-D element, with int, long and size_t
// indices; a sum into `*out` and a count into `st->positive`. Each thread updates an accumulator of its own, loaded from the
// element before the loop and stored after it. An element that another
// access of the loop may touch (`x[j]` for j <= i) is no reduction and its
// loop stays serial. min-work=0 runs every parallel loop, however small.
// RUN: %cc_ppar -O2 -fplugin-arg-ppar-min-work=0 %s -o %t %link_rt -lm -fplugin-arg-ppar-report 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t --rtol 1e-9
#include <stddef.h>
#include <stdio.h>
#include <ppar.h>

#define N 3000

#pragma ppar jit(parallel)
void solve_int(int n, const double *w, double *restrict x, const double *b) {
  int i, j;
  // REPORT: element-reductions.c:[[#@LINE+1]]:3: remark: loop not parallelised: x[i] written at element-reductions.c:[[#@LINE+2]] is read as x[j] at element-reductions.c:[[#@LINE+5]], direction <
  for (i = 0; i < n; i++) {
    x[i] = b[i];
    // REPORT: element-reductions.c:[[#@LINE+1]]:5: remark: loop parallelised: {{.*}} reduction(+:x[i]); floating-point reductions combined in thread order
    for (j = 0; j < i; j++)
      x[i] -= w[j] * x[j];
    x[i] = x[i] / 2.0;
  }
}

#pragma ppar jit(parallel)
void solve_long(long n, const double *w, double *restrict x, const double *b) {
  for (long i = 0; i < n; i++) {
    x[i] = b[i];
    // REPORT: element-reductions.c:[[#@LINE+1]]:5: remark: loop parallelised: {{.*}} reduction(+:x[i]); floating-point reductions combined in thread order
    for (long j = 0; j < i; j++)
      x[i] = x[i] - w[j] * x[j];
    x[i] = x[i] * 0.5;
  }
}

#pragma ppar jit(parallel)
void solve_size(size_t n, const double *w, double *restrict x, const double *b) {
  for (size_t i = 0; i < n; i++) {
    x[i] = b[i];
    // REPORT: element-reductions.c:[[#@LINE+1]]:5: remark: loop parallelised: {{.*}} reduction(+:x[i]); floating-point reductions combined in thread order
    for (size_t j = 0; j < i; j++)
      x[i] -= w[j] * x[j];
    x[i] *= 0.5;
  }
}

// Integer sums are exact in any order: OpenMP's clause, on the accumulator.
// The outer loops carry a value, so the inner ones are the parallel ones.
#pragma ppar jit(parallel)
void row_totals(int rows, int cols, const int *a, long *restrict total) {
  for (int r = 0; r < rows; r++) {
    total[r] = r ? total[r - 1] : 0; // a running total: r stays serial
    // REPORT: element-reductions.c:[[#@LINE+1]]:5: remark: loop parallelised: {{.*}} reduction(+:total[r])
    for (int c = 0; c < cols; c++)
      total[r] += a[r * cols + c];
  }
}

#pragma ppar jit(parallel)
void column_min(int n, const double v[restrict][4], double lo[restrict][2]) {
  for (int k = 0; k < 2; k++) {
    lo[k][0] = k ? lo[k - 1][0] : 1e300; // k stays serial
    // REPORT: element-reductions.c:[[#@LINE+1]]:5: remark: loop parallelised: {{.*}} reduction(min:lo[k][0])
    for (int i = 0; i < n; i++)
      if (v[i][k] < lo[k][0])
        lo[k][0] = v[i][k];
  }
}

// Through a pointer: an out-parameter and a field.
#pragma ppar jit(parallel)
void dot_out(int n, const double *x, const double *y, double *restrict out) {
  *out = 1.0;
  // REPORT: element-reductions.c:[[#@LINE+1]]:3: remark: loop parallelised: {{.*}} reduction(+:*out); floating-point reductions combined in thread order
  for (int i = 0; i < n; i++)
    *out += x[i] * y[i];
}

struct stats {
  long positive;
  double mean;
};
#pragma ppar jit(parallel)
void count_positive(int n, const double *v, struct stats *restrict st) {
  st->positive = 0;
  // REPORT: element-reductions.c:[[#@LINE+1]]:3: remark: loop parallelised: {{.*}} reduction(+:st->positive)
  for (int i = 0; i < n; i++)
    if (v[i] > 0)
      st->positive++;
}

// j reaches i: x[j] reads the element the loop updates, so no iteration
// may keep it in an accumulator of its own.
#pragma ppar jit(parallel)
void touches_element(int n, const double *w, double *restrict x) {
  for (int i = 0; i < n; i++) {
    x[i] *= 0.5;
    // REPORT: element-reductions.c:[[#@LINE+1]]:5: remark: loop not parallelised: x[i] written at element-reductions.c:[[#@LINE+2]] is read as x[j] at element-reductions.c:[[#@LINE+2]]
    for (int j = 0; j <= i; j++)
      x[i] += w[j] * x[j];
  }
}

// The element's value is read (y[j] = x[i]), not only updated.
#pragma ppar jit(parallel)
void element_read(int n, double *restrict x, double *restrict y) {
  for (int i = 0; i < 4; i++)
    // REPORT: element-reductions.c:[[#@LINE+1]]:5: remark: loop not parallelised: x[i] at element-reductions.c:[[#@LINE+2]] is written again by a later iteration
    for (int j = 0; j < n; j++) {
      x[i] += 1.0;
      y[j] = x[i];
    }
}

static double w[N], x[N], b[N], v[N][4], lo[2][2], y[N];
static int a[8 * N];
static long total[8];

int main(void) {
  for (int i = 0; i < N; i++) {
    w[i] = 1.0 / (i + 3);
    b[i] = (i % 7) - 3.0;
    for (int k = 0; k < 4; k++)
      v[i][k] = (double)((i * 37 + k * 11) % 1001) - 500.0;
  }
  for (int i = 0; i < 8 * N; i++)
    a[i] = (i * 7919) % 2003 - 1000;
  double s = 0;
  solve_int(N, w, x, b);
  for (int i = 0; i < N; i++)
    s += x[i];
  printf("int %.12g %.12g\n", s, x[N - 1]);
  solve_long(N, w, x, b);
  s = 0;
  for (int i = 0; i < N; i++)
    s += x[i];
  printf("long %.12g %.12g\n", s, x[N - 1]);
  solve_size(N, w, x, b);
  s = 0;
  for (int i = 0; i < N; i++)
    s += x[i];
  printf("size_t %.12g %.12g\n", s, x[N - 1]);
  row_totals(8, N, a, total);
  for (int r = 0; r < 8; r++)
    printf("total %d %ld\n", r, total[r]);
  column_min(N, v, lo);
  printf("min %g %g\n", lo[0][0], lo[1][0]);
  double d;
  dot_out(N, w, b, &d);
  struct stats st;
  count_positive(N, b, &st);
  printf("dot %.12g positive %ld\n", d, st.positive);
  for (int i = 0; i < N; i++)
    x[i] = 1.0 / (i + 1);
  touches_element(200, w, x);
  printf("touch %.12g\n", x[199]);
  for (int i = 0; i < 4; i++)
    x[i] = i;
  element_read(N, x, y);
  printf("read %g %g %g\n", x[3], y[0], y[N - 1]);
  return 0;
}
