// Tasks of delayed functions that call GPU code carry __PPAR_RT_TASK_GPU,
// so that the runtime places them on a device (docs/multi-gpu.md): a call
// of a jit(target=cuda) or jit(target=auto) function, directly or through
// a function of the file; no flag for host code, a CPU jit function or a
// function declared elsewhere.
// RUN: rm -rf %t && %cc_ppar -fsyntax-only -fplugin-arg-ppar-emit=%t %s
// RUN: grep -v "^//" %t/delayed-gpu.ppar.c | FileCheck %s
// CHECK-DAG: __ppar_rt_task_create("direct", {{.*}}, 0u | __PPAR_RT_TASK_NOGIL | __PPAR_RT_TASK_GPU);
// CHECK-DAG: __ppar_rt_task_create("through_helper", {{.*}}, 0u | __PPAR_RT_TASK_GPU);
// CHECK-DAG: __ppar_rt_task_create("auto_target", {{.*}}, 0u | __PPAR_RT_TASK_GPU);
// CHECK-DAG: __ppar_rt_task_create("on_cpu", {{.*}}, 0u);
// CHECK-DAG: __ppar_rt_task_create("recursive", {{.*}}, 0u);
// CHECK-DAG: __ppar_rt_task_create("elsewhere", {{.*}}, 0u);
#include <ppar.h>
#include <stddef.h>

PPAR_JIT(parallel, target=cuda)
void scale(size_t n, double *y) {
  for (size_t i = 0; i < n; i++)
    y[i] *= 2;
}

PPAR_JIT(parallel, target=auto)
void shift(size_t n, double *y) {
  for (size_t i = 0; i < n; i++)
    y[i] += 1;
}

PPAR_JIT(parallel)
void negate(size_t n, double *y) {
  for (size_t i = 0; i < n; i++)
    y[i] = -y[i];
}

static void helper(size_t n, double *y) { scale(n, y); }
void outside(double *y);

PPAR_DELAYED(nogil) int direct(size_t n, double *y) { scale(n, y); return 0; }
PPAR_DELAYED() int through_helper(size_t n, double *y) { helper(n, y); return 0; }
PPAR_DELAYED() int auto_target(size_t n, double *y) { shift(n, y); return 0; }
PPAR_DELAYED() int on_cpu(size_t n, double *y) { negate(n, y); return 0; }
PPAR_DELAYED() int recursive(int k) { return k > 0 ? recursive(k - 1) : 0; }
PPAR_DELAYED() int elsewhere(double *y) { outside(y); return 0; }

int main(void) {
  double y[8] = {0};
  int a = direct(8, y), b = through_helper(8, y), c = auto_target(8, y);
  int d = on_cpu(8, y), e = recursive(3), f = elsewhere(y);
  return a + b + c + d + e + f;
}
