// One memory model in every mode: the device copy that ppar_to_device makes
// is a separate copy, with a GPU and without one. Host changes after
// ppar_to_device do not reach it; functions with a GPU variant compute on
// it (their kernels would on the GPU), functions without one on the host
// array; ppar_to_host brings the copy back. Every mode prints the GPU's
// answers: no device, PPAR_TARGET=cpu, PPAR_DISABLE_JIT=1 and PPAR_CHECK=1
// (where the copies used to be skipped and the calls did nothing), on 1, 2
// and 4 threads. scripts/gpu-suite.sh runs it on a GPU.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d
// RUN: %t 2>/dev/null | FileCheck %s --match-full-lines
// RUN: env PPAR_NUM_THREADS=1 %t 2>/dev/null | FileCheck %s --match-full-lines
// RUN: env PPAR_NUM_THREADS=4 %t 2>/dev/null | FileCheck %s --match-full-lines
// RUN: env PPAR_TARGET=cpu PPAR_NUM_THREADS=2 %t 2>/dev/null | FileCheck %s --match-full-lines
// RUN: env PPAR_DISABLE_JIT=1 %t 2>/dev/null | FileCheck %s --match-full-lines
// RUN: env PPAR_CHECK=1 PPAR_NUM_THREADS=2 %t 2>/dev/null | FileCheck %s --match-full-lines
// RUN: %if nvrtc %{ %nvrtc_check %t.d/*.cu | FileCheck %s --check-prefix=NVRTC %}
// NVRTC-DAG: resident-modes.scale.cu: ok
// NVRTC-DAG: resident-modes.total.cu: ok
// NVRTC-DAG: resident-modes.twice_vec.cu: ok
//
// The dispatcher of a GPU function moves its pointer parameters onto host
// copies; a CPU function's has nothing of it.
// RUN: grep -v "^//" %t.d/resident-modes.ppar.c | FileCheck %s --check-prefix=EMIT
// EMIT-LABEL: void scale(
// EMIT-SAME:  __ppar_rt_host_use *__ppar_h __attribute__((cleanup(__ppar_rt_host_done))) = 0; if (__ppar_rt_host_copies()) { x = (__typeof__(x))__ppar_rt_host_copy(&__ppar_h, x, (const void *[]){(const void *)&x[0], (const void *)(&x[n - 1] + 1)}, 1); } switch
// EMIT-LABEL: void add_cpu(
// EMIT-NOT:   __ppar_rt_host_copy
// EMIT-LABEL: void twice_vec(
// EMIT-SAME:  a1 = (__typeof__(a1))__ppar_rt_host_copy(&__ppar_h, a1, (const void *[]){a1, a1 + n}, 1); out = (__typeof__(out))__ppar_rt_host_copy(&__ppar_h, out, (const void *[]){out, out + n}, 1); }
//
// CHECK:      resident: yes
// CHECK-NEXT: host after scale: 100 2 3 4 5 6 7 8
// CHECK-NEXT: total of the device copy: 72
// CHECK-NEXT: host after add_cpu: 101 3 4 5 6 7 8 9
// CHECK-NEXT: twice the device copy: 4 8 12 16 20 24 28 32
// CHECK-NEXT: host after to_host: 2 4 6 8 10 12 14 16
// CHECK-NEXT: a part again: 2 4 6 0 10 12 14 16; to_host: 2 4 6 -8 10 12 14 16
// CHECK-NEXT: after free, on the host: 4 8 12 -16 20 24 28 32
// CHECK-NEXT: to_host after free: -6
#include <stdio.h>
#include <ppar.h>

#define N 8

PPAR_JIT(parallel, target=cuda)
void scale(size_t n, double *x, double f) {
  for (size_t i = 0; i < n; i++)
    x[i] *= f;
}

PPAR_JIT(parallel, target=auto)
double total(size_t n, const double *x) {
  double s = 0;
  for (size_t i = 0; i < n; i++)
    s += x[i];
  return s;
}

PPAR_JIT(parallel)
void add_cpu(size_t n, double *x, double a) {
  for (size_t i = 0; i < n; i++)
    x[i] += a;
}

PPAR_VECTORIZE(target=cuda)
double twice(double a) { return 2 * a; }
PPAR_VECTORIZE_DECL(twice, double, double)

static void show(const char *what, const double *x) {
  printf("%s:", what);
  for (int i = 0; i < N; i++)
    printf(" %g", x[i]);
}

int main(void) {
  double x[N], y[N];
  for (int i = 0; i < N; i++)
    x[i] = i + 1;
  int rc = ppar_to_device(x, sizeof x);
  printf("resident: %s\n", rc == 0 ? "yes" : ppar_last_error());
  x[0] = 100;      /* the host array only */
  scale(N, x, 2);  /* the device copy: 2 4 6 ... */
  show("host after scale", x);
  printf("\ntotal of the device copy: %g\n", total(N, x));
  add_cpu(N, x, 1); /* no GPU variant: the host array */
  show("host after add_cpu", x);
  twice_vec(N, x, y); /* reads the device copy */
  show("\ntwice the device copy", y);
  ppar_to_host(x);
  show("\nhost after to_host", x);
  x[3] = -8;
  ppar_to_device(&x[3], sizeof x[3]); /* refreshes one element */
  x[3] = 0;
  show("\na part again", x);
  ppar_to_host(x);
  show("; to_host", x);
  ppar_device_free(x);
  scale(N, x, 2); /* no longer resident: the host array */
  show("\nafter free, on the host", x);
  printf("\nto_host after free: %d\n", ppar_to_host(x));
  return 0;
}
