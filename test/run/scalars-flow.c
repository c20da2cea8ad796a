// A variable declared outside a loop is private when every path through one
// iteration writes it before reading it: both branches of an if/else, every
// case of a switch with a default, a chain `s = t = 0`, all the members of a
// struct. A path that reads it first (a switch without default, a member
// left unwritten) keeps the loop serial. lastprivate only when the value is
// read after the loop, which an enclosing loop's next iteration may do
// before the loop in the text. Each run is compared with the serial build.
// RUN: %cc_ppar -O2 -fplugin-arg-ppar-report -fplugin-arg-ppar-min-work=0 %s -o %t %link_rt 2>&1 | FileCheck %s
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>

#define N 1000

typedef struct { double x, y; } V2;

#pragma ppar jit(parallel)
void paths(int n, const int *kind, const double *a, double *restrict out) {
  int p, q;
  double s, t;
  V2 d;
  // CHECK: scalars-flow.c:[[@LINE+1]]:3: remark: loop parallelised: omp parallel for {{.*}} private(p, q, t, s, d){{$}}
  for (int i = 0; i < n; i++) {
    if (kind[i] > 1)
      p = i;
    else
      p = n - 1 - i;
    switch (kind[i]) {
    case 0:
      q = 1;
      break;
    case 1:
    case 2:
      q = 2;
      break;
    default:
      q = kind[i];
    }
    s = t = a[p];
    d.x = s + q;
    d.y = t - q;
    out[i] = d.x * d.y;
  }
}

#pragma ppar jit(parallel)
void read_first(int n, const int *kind, const double *a, double *out) {
  int q = 0;
  V2 d = {0, 0};
  // CHECK: scalars-flow.c:[[@LINE+1]]:3: remark: loop not parallelised: 'q' carries a value
  for (int i = 0; i < n; i++) {
    switch (kind[i]) { // no default: kind 3 keeps the last iteration's q
    case 0:
      q = 1;
      break;
    case 1:
    case 2:
      q = i;
      break;
    }
    out[i] = q;
  }
  // CHECK: scalars-flow.c:[[@LINE+1]]:3: remark: loop not parallelised: 'd' carries a value
  for (int i = 0; i < n; i++) {
    d.x = a[i];
    out[i] += d.x + d.y;
    d.y = a[i];
  }
}

// Counters declared at the top and reused: each loop writes them first
// and no later statement reads the value a loop leaves.
#pragma ppar jit(parallel)
void counters(long n, long m, const float *a, float *restrict b, float *restrict c) {
  long i, j, k;
  // CHECK: scalars-flow.c:[[@LINE+1]]:3: remark: loop parallelised: omp parallel for {{.*}} private(i, k){{$}}
  for (j = 0; j < n; j++)
    for (i = 0; i < m; i++) {
      k = i + m * j;
      b[j * m + i] = 2.0f * a[j * m + i] + (float)k;
    }
  // CHECK: scalars-flow.c:[[@LINE+1]]:3: remark: loop parallelised: omp parallel for {{.*}} private(i, k){{$}}
  for (j = 0; j < n; j++)
    for (i = 0; i < m; i++) {
      k = i * 2;
      c[j * m + i] = b[j * m + i] + (float)k;
    }
}

// The next iteration of the enclosing loop reads k before the inner loop
// writes it again: k is live after the inner loop, lastprivate there.
#pragma ppar jit(parallel)
void enclosing(int n, double *a, double *first) {
  int k = -1, t;
  for (t = 0; t < 3; t++) {
    first[t] = k;
    // CHECK: scalars-flow.c:[[@LINE+1]]:5: remark: loop parallelised: omp parallel for {{.*}} lastprivate(k){{$}}
    for (int i = 0; i < n; i++) {
      k = i * 2 + t;
      a[i] += k;
    }
  }
}

// `continue`, a while loop and a GNU statement expression are paths too: x
// is written before `continue` and before every read; y is read by the
// statement expression before it writes it.
#pragma ppar jit(parallel)
void other_paths(int n, const int *kind, double *restrict out) {
  int x, y = 0, c;
  // CHECK: scalars-flow.c:[[@LINE+1]]:3: remark: loop parallelised: omp parallel for {{.*}} private(x, c){{$}}
  for (int i = 0; i < n; i++) {
    x = kind[i];
    if (x == 0) {
      out[i] = -1;
      continue;
    }
    c = 0;
    while (x > 1) {
      x = x % 2 ? 3 * x + 1 : x / 2;
      c++;
    }
    out[i] = ({ int t = c; t + x; });
  }
  // CHECK: scalars-flow.c:[[@LINE+1]]:3: remark: loop not parallelised: 'y' carries a value
  for (int i = 0; i < n; i++)
    out[i] += ({ int r = y; y = kind[i]; r; });
}

// A small array declared before the loop whose elements each iteration
// writes before reading them is private; one element read first, or the
// array read after the loop, leaves it shared, and the loop serial.
#pragma ppar jit(parallel)
double scratch(int n, const double *a, double *restrict out) {
  double w[3], v[2] = {1, 2}, u[2];
  // CHECK: scalars-flow.c:[[@LINE+1]]:3: remark: loop parallelised: omp parallel for {{.*}} private(w){{$}}
  for (int i = 0; i < n; i++) {
    w[0] = a[i];
    w[1] = 2 * a[i];
    w[2] = w[0] + w[1];
    out[i] = w[0] * w[1] - w[2];
  }
  // CHECK: scalars-flow.c:[[#@LINE+1]]:3: remark: loop not parallelised: v[0] at scalars-flow.c:[[#@LINE+2]] is written again by a later iteration
  for (int i = 0; i < n; i++) {
    v[0] = a[i];
    out[i] += v[0] + v[1];
    v[1] = a[i];
  }
  // CHECK: scalars-flow.c:[[#@LINE+1]]:3: remark: loop not parallelised: u[0] at scalars-flow.c:[[#@LINE+2]] is written again by a later iteration
  for (int i = 0; i < n; i++) {
    u[0] = a[i];
    u[1] = u[0] * 2;
    out[i] += u[1];
  }
  return u[1];
}

int main(void) {
  static int kind[N];
  static double a[N], out[N], first[3];
  static float fa[N], fb[N], fc[N];
  for (int i = 0; i < N; i++) {
    kind[i] = (i * 7) % 4;
    a[i] = i * 0.25;
    fa[i] = (float)(i % 13);
  }
  paths(N, kind, a, out);
  double sum = 0;
  for (int i = 0; i < N; i++)
    sum += out[i];
  printf("%.6f\n", sum);
  read_first(N, kind, a, out);
  sum = 0;
  for (int i = 0; i < N; i++)
    sum += out[i];
  printf("%.6f\n", sum);
  counters(20, 50, fa, fb, fc);
  float fs = 0;
  for (int i = 0; i < N; i++)
    fs += fb[i] + fc[i];
  printf("%.3f\n", fs);
  other_paths(N, kind, out);
  sum = 0;
  for (int i = 0; i < N; i++)
    sum += out[i];
  printf("%.6f\n", sum);
  printf("%.3f\n", scratch(N, a, out));
  sum = 0;
  for (int i = 0; i < N; i++)
    sum += out[i];
  printf("%.6f\n", sum);
  enclosing(N, a, first);
  printf("%.3f %.3f %.3f %.3f\n", first[0], first[1], first[2], a[N - 1]);
  return 0;
}
