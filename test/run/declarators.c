// Functions of every shape ppar must version: struct and function-pointer
// returns, the _Pragma spelling, two directives on one function, nested and
// conditional prange loops, enum and unsigned char loop variables, recursion,
// main itself, and an annotated function from a header.
// RUN: %cc_ppar -O2 %s -o %t %link_rt 2>&1 | FileCheck %s --check-prefix=WARN
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t --rtol 1e-12
// WARN-NOT: warning: {{.*}}delayed
// WARN: annotated-header.h:4:20: warning: 'fill_from_header' is defined outside the file being compiled; ppar rewrites only that file, so its annotations have no effect here
#include <stdio.h>
#include "Inputs/annotated-header.h"

struct pt { double x, y; };
typedef double (*unary)(double);
static double half(double v) { return v / 2; }
static double twice(double v) { return v * 2; }

#define N 100000

#pragma ppar jit(parallel)
#pragma ppar delayed
struct pt centroid(const struct pt *p, int n) {
  struct pt c;
  double sx = 0, sy = 0;
#pragma ppar prange
  for (int i = 0; i < n; i++) {
    sx += p[i].x;
    sy += p[i].y;
  }
  c.x = sx / n;
  c.y = sy / n;
  return c;
}

#pragma ppar jit(parallel)
double (*choose(const double *x, int n))(double) {
  int big = 0;
#pragma ppar prange
  for (int i = 0; i < n; i++)
    big += x[i] > 1000;
  return big > n / 2 ? twice : half;
}

_Pragma("ppar jit(parallel)")
long fib(long n) {
  long s = 0;
  if (n < 2)
    return n;
  _Pragma("ppar prange") for (long i = 1; i <= 2; i++) s += fib(n - i);
  return s;
}

enum axis { AX, AY, AZ, NAXES };

#pragma ppar jit(parallel)
void shapes(double grid[][64], unsigned char rows, int mode, double out[NAXES]) {
#pragma ppar prange
  for (unsigned char r = 0; r < rows; r++) {
#pragma ppar prange
    for (int c = 0; c < 64; c++)
      grid[r][c] = r * 64 + c;
  }
  if (mode > 0) {
#pragma ppar prange
    for (enum axis a = AX; a < NAXES; a++)
      out[a] = grid[a][a] * mode;
  }
}

static struct pt pts[N];
static double xs[N], grid[200][64];

#pragma ppar jit(parallel)
int main(void) {
  double acc = 0, axes[NAXES];
#pragma ppar prange
  for (int i = 0; i < N; i++) {
    pts[i].x = i % 10;
    pts[i].y = i % 7;
    xs[i] = i;
  }
  fill_from_header(xs, 10);
  struct pt c = centroid(pts, N);
  unary f = choose(xs, N);
  shapes(grid, 200, 3, axes);
#pragma ppar prange
  for (int r = 0; r < 200; r++)
    acc += grid[r][r % 64];
  printf("%.6f %.6f %.3f %ld %.1f %.1f %.1f\n", c.x, c.y, f(10.0), fib(20), acc,
         axes[AY], xs[9]);
  return 0;
}
