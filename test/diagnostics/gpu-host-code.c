// Host code between two kernels that uses their data: a remark at the
// statement names the memory, the line and the bytes copied back (and to
// the GPU again when it writes); what the copies cannot make right keeps
// the function on the CPU with a warning naming the variable or the call.
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
#include <stdio.h>
#include <string.h>
#include <ppar.h>

void log_step(int t); // not pure: may reach anything

static double first(const double *x) { return x[0]; }

PPAR_JIT(parallel, target=cuda)
void element(int n, int k, double *x) {
  for (int i = 0; i < n; i++)
    x[i] = i;
  x[k] = x[k + 1] * 2; // expected-remark {{'element' copies 'x' back to the host before line 18 and to the GPU after it (16 bytes: x[k], x[k + 1]), because the host code here reads and writes it}}
  printf("%g\n", x[n / 2]); // expected-remark {{'element' copies 'x' back to the host before line 19 (8 bytes: x[n / 2]), because the host code here reads it}}
  for (int i = 0; i < n; i++)
    x[i] += 1;
}

PPAR_JIT(parallel, target=cuda)
void whole(int n, double *x, double *y) {
  for (int i = 0; i < n; i++)
    x[i] = i;
  for (int i = 1; i < n; i++) // expected-remark {{'whole' copies 'x' back to the host before line 28 and to the GPU after it (all of x[0 .. n - 1], n * 8 bytes), because the host code here reads and writes it}}
    x[i] += x[i - 1];
  y[0] = first(x); // expected-remark {{'whole' copies 'x' back to the host before line 30 (all of x[0 .. n - 1], n * 8 bytes), because the host code here reads it}} expected-remark {{'whole' copies 'y' back to the host before line 30 and to the GPU after it (8 bytes: y[0]), because the host code here writes it}}
  memset(y, 0, sizeof *y); // expected-remark {{'whole' copies 'y' back to the host before line 31 and to the GPU after it (all of y[0 .. n - 1], n * 8 bytes), because the host code here reads and writes it}}
  for (int i = 0; i < n; i++)
    y[i] += x[i];
}

// Host code that uses no GPU data needs no copy.
PPAR_JIT(parallel, target=cuda)
double converge(int n, int steps, double *x, double tol) {
  double err = 0;
  for (int t = 0; t < steps; t++) {
    for (int i = 0; i < n; i++)
      x[i] *= 0.5;
    err = 0;
    for (int i = 0; i < n; i++)
      err += x[i];
    if (t % 10 == 0)
      printf("%d %g\n", t, err);
    if (err < tol)
      break;
  }
  return err;
}

PPAR_JIT(parallel, target=cuda)
void unknown_call(int n, double *x) {
  for (int i = 0; i < n; i++)
    x[i] = i;
  log_step(n); // expected-warning {{'unknown_call' runs on the CPU: the host code here calls 'log_step', which may touch 'x' (on the GPU during the call) under another name}}
  for (int i = 0; i < n; i++)
    x[i] += 1;
}

void keep(double *p);

PPAR_JIT(parallel, target=cuda)
void passed_on(int n, double *x) {
  for (int i = 0; i < n; i++)
    x[i] = i;
  keep(x); // expected-warning {{'passed_on' runs on the CPU: the host code here passes 'x' to 'keep', whose data is on the GPU during the call; 'keep' may keep or reach it in ways ppar cannot follow}}
  for (int i = 0; i < n; i++)
    x[i] += 1;
}

// Memory through another pointer may be the data under another name: one
// element is copied where it lies in the data (the runtime knows), a loop
// over it cannot be.
PPAR_JIT(parallel, target=cuda)
void alias(int n, double *restrict x, double *p) {
  for (int i = 0; i < n; i++)
    x[i] = i;
  double *q = x;
  *p = q[1]; // expected-remark {{'alias' copies what 'p' points to back to the host before line 82 and to the GPU after it where it lies in data on the GPU (8 bytes: *p), because the host code here writes it and 'p' may point into that data}} expected-remark {{'alias' copies what 'q' points to back to the host before line 82 where it lies in data on the GPU (8 bytes: q[1]), because the host code here reads it and 'q' may point into that data}}
  for (int i = 0; i < n; i++)
    x[i] += 1;
}

PPAR_JIT(parallel, target=cuda)
void alias_loop(int n, double *restrict x, double *p) {
  for (int i = 0; i < n; i++)
    x[i] = i;
  for (int i = 1; i < n; i++)
    p[i] += p[i - 1]; // expected-warning {{'alias_loop' runs on the CPU: the host code here may touch 'x' (on the GPU during the call) under another name}}
  for (int i = 0; i < n; i++)
    x[i] += 1;
}

PPAR_JIT(parallel, target=cuda)
void leaves(int n, int steps, double *x) {
  for (int t = 0; t < steps; t++) {
    for (int i = 0; i < n; i++)
      x[i] += 1;
    if (x[0] > 10) { // expected-warning {{'leaves' runs on the CPU: the host code here writes 'x', whose data is on the GPU during the call, and may leave the statement (line 102) before it is copied back to the GPU}}
      x[0] = 0;
      break;
    }
  }
}

PPAR_JIT(parallel, target=cuda)
void in_header(int n, double *x) {
  while (x[0] < 100) // expected-warning {{'in_header' runs on the CPU: the host code here, in the header of a statement that holds a kernel, uses 'x', whose data is on the GPU during the call; compute the value in a statement of its own}}
    for (int i = 0; i < n; i++)
      x[i] += 1;
}

// A block freed between kernels through the pointer it was allocated to is
// dropped from the GPU first; freed through a copy, it could be any data.
void *malloc(__SIZE_TYPE__);
void free(void *);
PPAR_JIT(parallel, target=cuda)
void free_copy(int n, double *x) {
  double *t = malloc(n * sizeof *t);
  double *q = t;
  for (int i = 0; i < n; i++)
    t[i] = x[i];
  free(q); // expected-warning {{'free_copy' runs on the CPU: the host code here calls 'free', which may touch 'x', 't' (on the GPU during the call) under another name}}
  for (int i = 0; i < n; i++)
    x[i] += 1;
}
