// A time loop of small target=cuda calls on resident data (asynchronous on
// a GPU: they return before their kernels ran), a reduction every few
// steps (the host needs its value, so that call waits), ppar_synchronize,
// and arrays in pinned host memory (ppar_host_alloc, ppar_host_register)
// used by calls that copy them. The answers are the serial build's in
// every mode; scripts/gpu-suite.sh runs it on a GPU.
//
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm
// RUN: %cc_plain -O2 %s -o %t.serial -lm
// RUN: %check_run %t.serial %t
// RUN: env PPAR_TARGET=cpu %t | FileCheck %s --match-full-lines
// RUN: env PPAR_DISABLE_JIT=1 %t | FileCheck %s --match-full-lines
// CHECK:      steps: 200, sums: 20
// CHECK-NEXT: sum at the end: 18526.223577
// CHECK-NEXT: synchronize: 0
// CHECK-NEXT: pinned: 2 4 6 8 ... 65536, register: 0, unregister: 0
// CHECK-NEXT: registered: 3 5 7 9 ... 65537
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>

PPAR_JIT(parallel, target=cuda)
void relax(int n, double *u, double w) {
  for (int i = 0; i < n; i++)
    u[i] = u[i] + w * (1.0 - u[i]);
}

PPAR_JIT(parallel, target=cuda)
double total(int n, const double *u) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += u[i];
  return s;
}

PPAR_JIT(parallel, target=cuda)
void twice(int n, const double *restrict a, double *restrict b) {
  for (int i = 0; i < n; i++)
    b[i] = 2 * a[i];
}

int main(void) {
  enum { N = 20000 };
  static double u[N];
  for (int i = 0; i < N; i++)
    u[i] = (double)(i % 10) / 10.0;
  /* Without the plugin ppar_to_device fails and u stays on the host: the
   * same answers. */
  int resident = ppar_to_device(u, sizeof u) == 0;
  int steps = 0, sums = 0;
  double s = 0;
  for (int t = 0; t < 200; t++) {
    relax(N, u, 0.01);
    steps++;
    if (t % 10 == 9) {
      s = total(N, u); /* waits: the host needs s */
      sums++;
    }
  }
  printf("steps: %d, sums: %d\n", steps, sums);
  printf("sum at the end: %.6f\n", s);
  relax(N, u, 0.01);
  printf("synchronize: %d\n", ppar_synchronize());
  if (resident) {
    ppar_to_host(u);
    ppar_device_free(u);
  }

  int m = 1 << 15;
  double *a = ppar_host_alloc(m * sizeof *a), *b = ppar_host_alloc(m * sizeof *b);
  for (int i = 0; i < m; i++)
    a[i] = i + 1;
  twice(m, a, b);
  double *c = malloc(m * sizeof *c);
  int reg = ppar_host_register(c, m * sizeof *c);
  for (int i = 0; i < m; i++)
    c[i] = b[i] / 2 + 0.5;
  twice(m, c, a);
  printf("pinned: %g %g %g %g ... %g, register: %d, unregister: %d\n", b[0],
         b[1], b[2], b[3], b[m - 1], reg, ppar_host_unregister(c));
  printf("registered: %g %g %g %g ... %g\n", a[0], a[1], a[2], a[3],
         a[m - 1]);
  ppar_host_free(a);
  ppar_host_free(b);
  free(c);
  return 0;
}
