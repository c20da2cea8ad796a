// delayed tasks that call a target=cuda function are placed on a device
// where the process may use several (docs/multi-gpu.md): independent tasks
// without resident data spread over the devices, a chain of tasks on data
// made resident on device 1 runs there, and a task of host code only is
// not placed. The output is the serial build's on 1 and 2 threads, with
// PPAR_TARGET=cpu and without a GPU;
// test/runtime/delayed-place-generated.c runs this program on the stand-in
// driver with two devices, one, and none.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t --rtol 1e-12
// RUN: env PPAR_TARGET=cpu PPAR_NUM_THREADS=2 %t > %t.cpu && %t.plain > %t.ref && diff %t.ref %t.cpu
// RUN: grep -v "^//" %t.d/delayed-place.ppar.c | FileCheck %s --check-prefix=FLAGS
// FLAGS: __ppar_rt_task_create("step",{{.*}}0u | __PPAR_RT_TASK_NOGIL | __PPAR_RT_TASK_GPU)
// FLAGS: __ppar_rt_task_create("host_step",{{.*}}0u | __PPAR_RT_TASK_NOGIL)
// RUN: %if nvrtc %{ %nvrtc_check %t.d/*.cu | FileCheck %s --check-prefix=NVRTC %}
// NVRTC: delayed-place.scale.cu: ok
#include <ppar.h>
#include <stdio.h>

#define N 4096
#define SPREAD 2

PPAR_JIT(parallel, target=cuda)
void scale(size_t n, double a, const double *restrict x, double *restrict y) {
  for (size_t i = 0; i < n; i++)
    y[i] = a * x[i] + y[i];
}

/* Calls GPU code: its tasks are placed. */
PPAR_DELAYED(nogil, in(x[0:n]), inout(y[0:n]))
int step(size_t n, double a, const double *x, double *y) {
  scale(n, a, x, y);
  return 1;
}

/* Host code only: its tasks run on whatever device their thread has. */
PPAR_DELAYED(nogil, in(x[0:n]), inout(y[0:n]))
int host_step(size_t n, const double *x, double *y) {
  for (size_t i = 0; i < n; i++)
    y[i] += 0.5 * x[i];
  return 2;
}

static double x[SPREAD][N], y[SPREAD][N], rx[N], ry[N], hx[N], hy[N];

int main(void) {
  for (int i = 0; i < N; i++) {
    for (int p = 0; p < SPREAD; p++) {
      x[p][i] = (p + 1) * 0.25 + i % 13;
      y[p][i] = i % 5;
    }
    rx[i] = hx[i] = 1.0 + i % 11;
    ry[i] = hy[i] = 0.5 * (i % 3);
  }

  /* Independent tasks, no resident data: the least busy device each. */
  int spread[SPREAD];
  for (int p = 0; p < SPREAD; p++)
    spread[p] = step(N, 3.0, x[p], y[p]);
  int h = host_step(N, hx, hy);
  ppar_compute();

  /* A chain on data resident on device 1 (device 0 with one GPU). */
  if (ppar_device_count() > 1)
    ppar_set_device(1);
  ppar_to_device(rx, sizeof rx);
  ppar_to_device(ry, sizeof ry);
  ppar_set_device(0);
  int chain[3];
  for (int k = 0; k < 3; k++)
    chain[k] = step(N, 0.5 * (k + 1), rx, ry);
  ppar_compute();
  ppar_to_host(ry);
  ppar_device_free(rx);
  ppar_device_free(ry);

  printf("tasks: %d %d spread, %d %d %d chained, host %d\n", spread[0],
         spread[1], chain[0], chain[1], chain[2], h);
  const char *names[] = {"spread 0", "spread 1", "chain", "host"};
  const double *out[] = {y[0], y[1], ry, hy};
  for (int k = 0; k < 4; k++) {
    double weighted = 0; /* every element, each with its own weight */
    for (int i = 0; i < N; i++)
      weighted += out[k][i] * (1 + i % 7);
    printf("%s: %.6f\n", names[k], weighted);
  }
  return 0;
}
