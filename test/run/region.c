// A serial loop whose body holds parallel loops runs in one parallel region
// when its work pays for the barriers: its parallel loops are shared among
// the threads (`omp for`), statements that write shared data run on one
// thread (`omp single`), in program order. Small sizes run serially, and
// PPAR_CHECK checks each loop on its own. Built with -DBITS, results are
// printed with %a, and repeated runs must give the same bits.
//
// The threshold is lowered (4096 operations: a few hundred iterations of
// these loops) so that the default size, 3000, runs in regions, while
// Gram-Schmidt's short floating-point sums stay below their own test.
// RUN: rm -rf %t.d && %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-min-work=4096
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t
// RUN: %check_run %t.plain %t -- 5
// RUN: %cc_ppar -O2 -DBITS %s -o %t.bits %link_rt -lm -fplugin-arg-ppar-min-work=4096
// RUN: %python %S/../Inputs/same_bits.py %t.bits --runs 10 --threads 2 --threads 3 | FileCheck %s
// CHECK-NOT: DIFFERENT
// RUN: grep -v '^//' %t.d/region.ppar.c | grep -c 'if (!__ppar_rt_checking())' | FileCheck %s --check-prefix=REGIONS
// REGIONS: 12
#include <stdio.h>
#include <stdlib.h>
#ifdef BITS
#define F "%a"
#else
#define F "%.12g"
#endif

#pragma ppar jit(parallel)
int jacobi_1d(int tsteps, int n, double *restrict a, double *restrict b) {
  int t, i;
  for (t = 0; t < tsteps; t++) {
    for (i = 1; i < n - 1; i++)
      b[i] = 0.33333 * (a[i - 1] + a[i] + a[i + 1]);
    for (i = 1; i < n - 1; i++)
      a[i] = 0.33333 * (b[i - 1] + b[i] + b[i + 1]);
  }
  return t; // the serial loop's variable keeps its last value
}

#pragma ppar jit(parallel)
void heat_2d(int tsteps, int n, double (*restrict a)[n], double (*restrict b)[n]) {
  for (int t = 1; t <= tsteps; t++) {
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        b[i][j] = a[i][j] + 0.125 * (a[i + 1][j] - 2.0 * a[i][j] + a[i - 1][j]) +
                  0.125 * (a[i][j + 1] - 2.0 * a[i][j] + a[i][j - 1]);
    for (int i = 1; i < n - 1; i++)
      for (int j = 1; j < n - 1; j++)
        a[i][j] = b[i][j] + 0.125 * (b[i + 1][j] - 2.0 * b[i][j] + b[i - 1][j]) +
                  0.125 * (b[i][j + 1] - 2.0 * b[i][j] + b[i][j - 1]);
  }
}

// Durbin's recursion: a carried k loop, triangular loops inside it, one a
// floating-point sum, and scalars written between them.
#pragma ppar jit(parallel)
void durbin(int n, const double *restrict r, double *restrict y, double *restrict z) {
  double alpha = -r[0], beta = 1.0, sum;
  int i, k;
  y[0] = -r[0];
  for (k = 1; k < n; k++) {
    beta = (1 - alpha * alpha) * beta;
    sum = 0.0;
    for (i = 0; i < k; i++)
      sum += r[k - i - 1] * y[i];
    alpha = -(r[k] + sum) / beta;
    for (i = 0; i < k; i++)
      z[i] = y[i] + alpha * y[k - i - 1];
    for (i = 0; i < k; i++)
      y[i] = z[i];
    y[k] = alpha;
  }
}

// The same shape with an integer sum, a variable declared in the body that
// every thread computes, and an overlap check (no restrict) on one loop.
#pragma ppar jit(parallel)
long counts(int n, long *hist, long *out) {
  long total = 0, s;
  for (int k = 1; k < n; k++) {
    int half = k / 2;
    s = 0;
    for (int i = 0; i < k; i++)
      s += hist[i] % 7 + half;
    total += s;
    for (int i = 0; i < k; i++)
      out[i] = hist[i] + s;
    hist[k] = s % 1000;
  }
  return total;
}

// A call between the loops runs on one thread, once per step, in order.
#pragma ppar jit(parallel)
void noisy(int tsteps, int n, double *restrict a, double *restrict b) {
  for (int t = 0; t < tsteps; t++) {
    for (int i = 0; i < n; i++)
      b[i] = a[i] * 0.5 + t;
    printf("step %d: %g\n", t, b[n / 2]);
    for (int i = 0; i < n; i++)
      a[i] = b[i] + 1.0;
  }
}

// A break out of the serial loop: each parallel loop keeps its own region.
#pragma ppar jit(parallel)
int stops(int tsteps, int n, double *restrict a) {
  int t;
  for (t = 0; t < tsteps; t++) {
    for (int i = 0; i < n; i++)
      a[i] = a[i] * 0.5 + 1.0;
    if (a[0] > 1.9)
      break;
  }
  return t;
}

// Two sums per step, each combined in thread order.
#pragma ppar jit(parallel)
double norms(int tsteps, int n, double *restrict a) {
  double all = 0.0;
  for (int t = 0; t < tsteps; t++) {
    double s = 0.0, q = 0.0;
    all += 1.0;
    for (int i = 0; i < n; i++)
      a[i] = a[i] * 0.999 + 0.001 * t;
    for (int i = 0; i < n; i++)
      all += a[i] * a[i];
    (void)s, (void)q;
  }
  return all;
}

// Variables of the body: a scratch array every thread fills alike and the
// loops read, a temporary private to a loop, a block with an array of its
// own and a switch that runs on one thread.
#pragma ppar jit(parallel)
double scratch(int tsteps, int n, double *restrict a, double *restrict b) {
  double acc = 0.0;
  for (int t = 0; t < tsteps; t++) {
    double w[3];
    for (int j = 0; j < 3; j++)
      w[j] = 0.25 * (j + 1) + 0.01 * t;
    double tmp;
    for (int i = 1; i < n - 1; i++) {
      tmp = w[0] * a[i - 1] + w[1] * a[i] + w[2] * a[i + 1];
      b[i] = tmp * 0.5;
    }
    {
      double pair[2] = {b[1], b[n - 2]};
      acc += pair[0] - pair[1];
    }
    switch (t % 3) {
    case 0:
      acc += 1.0;
      break;
    default:
      acc -= 0.5;
    }
    for (int i = 1; i < n - 1; i++)
      a[i] = b[i];
  }
  return acc;
}

// Gram-Schmidt: a floating-point sum in the region keeps its own work
// test, so a short one sums serially, in the serial order: the same bits
// as the plain build, which an ill-conditioned basis would magnify.
#pragma ppar jit(parallel)
void gram(int m, int n, double (*restrict a)[n], double (*restrict r)[n], double (*restrict q)[n]) {
  double nrm;
  for (int k = 0; k < n; k++) {
    nrm = 0.0;
    for (int i = 0; i < m; i++)
      nrm += a[i][k] * a[i][k];
    r[k][k] = nrm;
    for (int i = 0; i < m; i++)
      q[i][k] = a[i][k] / (nrm + 1.0);
    for (int j = k + 1; j < n; j++) {
      r[k][j] = 0.0;
      for (int i = 0; i < m; i++)
        r[k][j] += q[i][k] * a[i][j];
      for (int i = 0; i < m; i++)
        a[i][j] = a[i][j] - q[i][k] * r[k][j];
    }
  }
}

// The region's text goes between an `if` and its `else`.
#pragma ppar jit(parallel)
double branch(int tsteps, int n, double *restrict a) {
  if (n > 0)
    for (int t = 0; t < tsteps; t++)
      for (int i = 0; i < n; i++)
        a[i] = a[i] * 0.5 + t;
  else
    return -1.0;
  return a[n - 1];
}

// The parallel loops sit in a serial loop of their own (a carried i,
// a parallel j): every thread runs that loop too, its variable private.
// In sweep_kept the variable is read after the loops: the region then goes
// around the inner serial loop only.
#pragma ppar jit(parallel)
void sweep(int tsteps, int n, double (*restrict a)[n], double *restrict b) {
  int t, i, j;
  for (t = 0; t < tsteps; t++) {
    for (i = 1; i < n; i++) {
      double half = 0.5;
      for (j = 0; j < n; j++)
        a[i][j] = a[i - 1][j] * half + b[j];
    }
    for (j = 0; j < n; j++)
      b[j] = a[n - 1][j] * 0.25 + t;
  }
}

#pragma ppar jit(parallel)
int sweep_kept(int tsteps, int n, double (*restrict a)[n], double *restrict b) {
  int t, i, j;
  for (t = 0; t < tsteps; t++) {
    for (i = 1; i < n; i++)
      for (j = 0; j < n; j++)
        a[i][j] = a[i - 1][j] * 0.5 + b[j];
    for (j = 0; j < n; j++)
      b[j] = a[n - 1][j] * 0.25 + t;
  }
  return i;
}

/* LU without pivoting: one thread runs each step's first loop (its
 * counters private to the region), the threads share the second. */
#pragma ppar jit(parallel)
void lu(int n, double A[n][n]) {
  int i, j, k;
  for (i = 0; i < n; i++) {
    for (j = 0; j < i; j++) {
      for (k = 0; k < j; k++)
        A[i][j] -= A[i][k] * A[k][j];
      A[i][j] /= A[j][j];
    }
    for (j = i; j < n; j++)
      for (k = 0; k < i; k++)
        A[i][j] -= A[i][k] * A[k][j];
  }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 3000;
  int steps = argc > 1 ? 3 : 20;
  double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n);
  double *r = malloc(sizeof(double) * n), *y = malloc(sizeof(double) * n);
  long *h = malloc(sizeof(long) * n), *o = malloc(sizeof(long) * n);
  for (int i = 0; i < n; i++)
    a[i] = b[i] = (double)(i % 17) / 17.0;
  printf("jacobi t=%d a=" F "\n", jacobi_1d(steps, n, a, b), a[n / 3]);

  int m = n / 20 + 3;
  for (int i = 0; i < m * m; i++)
    a[i] = b[i] = (double)(i % 13) / 13.0;
  heat_2d(steps, m, (double(*)[m])a, (double(*)[m])b);
  printf("heat " F " " F "\n", a[m + 1], a[(m / 2) * m + m / 2]);

  for (int i = 0; i < n; i++)
    r[i] = 1.0 / (i + 2) / (i + 2);
  durbin(n, r, y, b);
  printf("durbin " F " " F "\n", y[0], y[n - 1]);

  for (int i = 0; i < n; i++)
    h[i] = i * 31 % 101;
  printf("counts %ld %ld\n", counts(n, h, o), o[n / 2]);

  for (int i = 0; i < n; i++)
    a[i] = i;
  noisy(3, n, a, b);

  for (int i = 0; i < n; i++)
    a[i] = 0;
  printf("stops at %d\n", stops(steps, n, a));

  for (int i = 0; i < n; i++)
    a[i] = 1.0 / (i + 1);
  printf("norms " F "\n", norms(steps, n, a));

  for (int i = 0; i < n; i++)
    a[i] = b[i] = (double)(i % 5);
  printf("scratch " F " " F "\n", scratch(steps, n, a, b), a[n / 2]);

  int gm = n / 10 + 2, gn = n / 12 + 2;
  for (int i = 0; i < gm * gn; i++)
    a[i] = (double)((i * 7) % 11) / 11.0 + 0.001 * i;
  gram(gm, gn, (double(*)[gn])a, (double(*)[gn])b, (double(*)[gn])(b + gn * gn));
  printf("gram %a %a\n", b[(gn - 1) * gn + gn - 1], b[gn + 1]);
  int ln = n / 25 + 2;
  double *la = malloc(sizeof *la * (size_t)ln * (size_t)ln);
  for (int i = 0; i < ln; i++)
    for (int j = 0; j < ln; j++)
      la[i * ln + j] = i == j ? ln + 1.0 : 1.0 / (1 + i + j);
  lu(ln, (double(*)[ln])la);
  printf("lu %a %a\n", la[ln * ln - 1], la[ln + 1]);
  free(la);
  printf("branch " F "\n", branch(steps, n, a));

  int sn = n / 5 + 2;
  for (int i = 0; i < sn * sn; i++)
    a[i] = (double)(i % 9) / 9.0;
  for (int i = 0; i < sn; i++)
    b[i] = 0.1 * i;
  sweep(steps, sn, (double(*)[sn])a, b);
  printf("sweep " F " " F "\n", a[sn * sn - 1], b[sn / 2]);
  printf("sweep_kept %d " F "\n", sweep_kept(steps, sn, (double(*)[sn])a, b), a[sn * sn - 2]);
  return 0;
}
