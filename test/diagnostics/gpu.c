// GPU code follows the "nopython" rule: a kernel may call functions defined
// in this file (compiled for the GPU in turn) and math functions; anything
// else is an error at the call, naming it, and what a called function does
// that GPU code cannot is an error there, with a note at the call. A pointer
// whose extent ppar cannot find is an error with a fix-it proposing the
// clause. What keeps a function on the CPU is a warning that says why.
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
// RUN: not %cc_ppar -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s --check-prefix=FIXIT
#include <math.h>
#include <stdio.h>
#include <ppar.h>

static double not_inline(double x) { return x + 1; }
double elsewhere(double x);
static int calls;
static double logs(double x) {
  calls++; // expected-error {{'logs' is called from GPU code and reads the variable 'calls', which GPU code cannot reach; pass it as an argument}}
  printf("%g\n", x); // expected-error {{a string literal cannot be used in GPU code}} expected-error {{'printf' cannot be called from GPU code: kernels may call functions defined in this file or its headers, and C math functions}}
  return x;
}
static inline double helper(double x) { return x * 2; }
static inline double at(const double *p, int i) { return p[i * i]; }

// (A call of a function that is not pure, printf for one, already keeps the
// loop serial, on the host.)
PPAR_JIT(parallel, target=cuda)
void static_fn(int n, double *x) {
  PPAR_PRANGE
  for (int i = 0; i < n; i++)
    x[i] = not_inline(x[i]) + helper(x[i]) + sqrt(x[i]) + elsewhere(x[i]); // expected-error {{'elsewhere' cannot be called from GPU code: kernels may call functions defined in this file or its headers, and C math functions}}
}

PPAR_JIT(parallel, target=cuda)
void calls_io(int n, double *x) {
  PPAR_PRANGE
  for (int i = 0; i < n; i++)
    x[i] = logs(x[i]); // expected-note {{'logs' is compiled for the GPU because GPU code calls it here}}
}

static inline double long_double(double x) { long double y = x; return (double)y; } // expected-error {{the type 'long double' cannot be used in GPU code}}

PPAR_JIT(parallel, target=auto)
void wide(int n, double *x) {
  for (int i = 0; i < n; i++)
    x[i] = long_double(x[i]); // expected-note {{'long_double' is compiled for the GPU because GPU code calls it here}}
}

// FIXIT: fix-it:"{{.*}}gpu.c":{[[@LINE+1]]:43-[[@LINE+1]]:43}:", in(p[0:n])"
PPAR_JIT(parallel, target=cuda, in(q[0:n])) // expected-note {{add 'in(p[0:n])' if the loop touches only the elements p[0] to p[n - 1]}}
void unknown_extent(int n, double *x, const double *p, const double *q) {
  for (int i = 0; i < n; i++)
    x[i] = at(p, i) + at(q, i); // expected-error {{ppar cannot tell which elements of 'p' the loop at line 51 touches, so it cannot copy them to the GPU; give them with an in, out or inout data clause}}
}

// What a called function touches through a pointer is what the loop
// touches through it: p[i] alone would be p[0 .. n-1], but at(p, i) reaches
// p[i * i]. A callee whose extent is known adds it (test/run/gpu-random-helpers.c).
PPAR_JIT(parallel, target=cuda, in(q[0:n])) // expected-note {{add 'in(p[0:n])' if the loop touches only the elements p[0] to p[n - 1]}}
void callee_extent(int n, double *x, const double *p, const double *q) {
  for (int i = 0; i < n; i++)
    x[i] = p[i] + at(p, i) + q[i]; // expected-error {{ppar cannot tell which elements of 'p' the loop at line 60 touches, so it cannot copy them to the GPU; give them with an in, out or inout data clause}}
}

PPAR_JIT(parallel, target=cuda)
void host_touches(int n, double *x) {
  for (int i = 0; i < n; i++)
    x[i] = i;
  x[0] = 1; // expected-remark {{'host_touches' copies 'x' back to the host before line 68 and to the GPU after it (8 bytes: x[0]), because the host code here writes it}}
  for (int i = 0; i < n; i++)
    x[i] += 1;
}

// Memory reached under another name between kernels may be the GPU's: one
// element is copied where it lies in the call's data.
PPAR_JIT(parallel, target=cuda)
void host_alias(int n, double *restrict x, double *out) {
  for (int i = 0; i < n; i++)
    x[i] = i;
  *out = 2; // expected-remark {{'host_alias' copies what 'out' points to back to the host before line 79 and to the GPU after it where it lies in data on the GPU (8 bytes: *out), because the host code here writes it and 'out' may point into that data}}
  for (int i = 0; i < n; i++)
    x[i] += 1;
}

// After the last kernel the data is back on the host: anything goes.
PPAR_JIT(parallel, target=cuda)
double host_after(int n, double *x, double *out) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += x[i];
  *out = s;
  x[0] = s;
  return s;
}

PPAR_JIT(parallel, target=cuda)
void changing_bound(int n, double *x) {
  int m = n / 2;
  for (int i = 0; i < m; i++)
    x[i] = i;
  m = n; // expected-warning {{'changing_bound' runs on the CPU: 'm' changes during the call, and the data its kernels copy to the GPU depends on it; give the extents with in/out/inout clauses over the parameters}}
  for (int i = 0; i < m; i++)
    x[i] += 1;
}

// Pointers that trade places stay on the GPU only when every value they get
// is one of theirs: a pointer into other memory makes the data unknown.
PPAR_JIT(parallel, target=cuda)
void swap_other(int n, double *restrict u, double *restrict v, double *other, int k) {
  for (int t = 0; t < k; t++) {
    for (int i = 0; i < n; i++)
      u[i] = v[i] * 0.5;
    double *w = other + 1;
    u = w; // expected-warning {{'swap_other' runs on the CPU: 'u' changes during the call, and the data its kernels copy to the GPU depends on it; give the extents with in/out/inout clauses over the parameters}}
  }
}

// NVRTC cannot initialise a union through a bit-field member (an internal
// compiler error): an error here instead of a kernel that does not compile.
union bits { unsigned f0 : 27; unsigned f1; };

PPAR_JIT(parallel, target=cuda)
void fill(int n, union bits *u) {
  for (int i = 0; i < n; i++) {
    union bits t = {7u}; // expected-error {{a union whose initialised member is a bit-field cannot be initialised in GPU code (NVRTC does not support it); assign the member instead}}
    u[i] = t;
  }
}
