// delayed tasks that call target=cuda functions: four independent chains of
// copy-in + kernel + copy-out calls, and chains of calls on resident data
// whose tasks depend on each other (on a GPU, each worker's stream waits
// for the other's on the device). Same answers as the serial build on 1, 2
// and 4 threads, with PPAR_DISABLE_JIT=1 and PPAR_CHECK=1, and on a GPU
// (scripts/gpu-suite.sh).
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t --rtol 1e-12
// RUN: env PPAR_TARGET=cpu PPAR_NUM_THREADS=4 %t > %t.cpu && %t.plain > %t.ref && diff %t.ref %t.cpu
// RUN: %if nvrtc %{ %nvrtc_check %t.d/*.cu | FileCheck %s --check-prefix=NVRTC %}
// NVRTC-DAG: gpu-tasks-streams.scale_add.cu: ok
// NVRTC-DAG: gpu-tasks-streams.smooth.cu: ok
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>

#define N 20000
#define PARTS 4

PPAR_JIT(parallel, target=cuda)
void scale_add(size_t n, double a, const double *restrict x,
               double *restrict y) {
  for (size_t i = 0; i < n; i++)
    y[i] = a * x[i] + y[i];
}

PPAR_JIT(parallel, target=cuda)
void smooth(size_t n, const double *restrict x, double *restrict y) {
  for (size_t i = 1; i < n - 1; i++)
    y[i] = 0.25 * x[i - 1] + 0.5 * x[i] + 0.25 * x[i + 1];
}

PPAR_DELAYED(nogil, in(x[0:n]), inout(y[0:n]))
int part(size_t n, double a, const double *x, double *y) {
  scale_add(n, a, x, y);
  scale_add(n, a, x, y);
  return 0;
}

PPAR_DELAYED(in(x[0:n]), inout(y[0:n]))
int blur(size_t n, const double *x, double *y) {
  smooth(n, x, y);
  return 1;
}

static double x[PARTS][N], y[PARTS][N], r[2][N];

static double sum(const double *v) {
  double s = 0;
  for (int i = 0; i < N; i++)
    s += v[i] * (1 + i % 7);
  return s;
}

int main(void) {
  for (int k = 0; k < PARTS; k++)
    for (int i = 0; i < N; i++) {
      x[k][i] = (double)((i * 37 + k) % 101) / 101;
      y[k][i] = k;
    }
  /* Independent tasks, each copying its data in and out. */
  for (int k = 0; k < PARTS; k++)
    part(N, 0.5 + k, x[k], y[k]);
  ppar_compute();
  for (int k = 0; k < PARTS; k++)
    printf("part %d: %.12g\n", k, sum(y[k]));

  /* Resident data: a chain r0 -> r1 -> r0 ... of dependent tasks, and
   * parts that read r0 meanwhile. */
  for (int i = 0; i < N; i++)
    r[0][i] = x[0][i], r[1][i] = 0;
  int dev = ppar_to_device(r, sizeof r) == 0;
  for (int s = 0; s < 6; s++) {
    blur(N, r[s % 2], r[1 - s % 2]);
    part(N, 0.25, r[0], y[s % PARTS]);
  }
  ppar_compute();
  if (dev)
    ppar_to_host(r);
  printf("chain: %.12g %.12g\n", sum(r[0]), sum(r[1]));
  for (int k = 0; k < PARTS; k++)
    printf("after chain, part %d: %.12g\n", k, sum(y[k]));
  if (dev)
    ppar_device_free(r);
  return 0;
}
