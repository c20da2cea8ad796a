// The device API on a machine without a usable GPU. CUDA_VISIBLE_DEVICES=""
// hides every GPU from the driver, so this also runs where one is present;
// without a driver, dlopen("libcuda.so.1") fails, with the same outcome.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{run} = env CUDA_VISIBLE_DEVICES= UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t
// RUN: %{run} | FileCheck %s --match-full-lines
// CHECK:      count=0
// CHECK-NEXT: get_device=0
// CHECK-NEXT: set_device(5): 'ppar: ppar_set_device(5): no such device: {{(the CUDA driver libcuda.so.1 could not be loaded: .+|cuInit failed: .+|the CUDA driver reports no device)}}'
// CHECK-NEXT: get_device=0
// CHECK-NEXT: set_device(0): 'ppar: ppar_set_device(0): no such device: {{.+}}'
//
// The device copy is a separate copy kept in host memory, as on a GPU:
// host changes after ppar_to_device do not reach it, ppar_to_host brings
// it back, a second ppar_to_device of a part refreshes that part.
// RUN: env PPAR_DISABLE_JIT=1 %{run} | FileCheck %s --match-full-lines --check-prefix=COPY
// RUN: env PPAR_TARGET=cpu %{run} | FileCheck %s --match-full-lines --check-prefix=COPY
// RUN: env PPAR_CHECK=1 %{run} | FileCheck %s --match-full-lines --check-prefix=COPY
// RUN: %{run} | FileCheck %s --match-full-lines --check-prefix=COPY
// COPY:      to_device=0
// COPY-NEXT: to_host=0 x = 1 2 3 4
// COPY-NEXT: part: to_device=0 to_host=0 x = 1 20 3 4
// COPY-NEXT: overlap=-1 'ppar: ppar_to_device({{.+}}, 64): the range overlaps resident data [{{.+}}, {{.+}}) without being inside it; ppar_device_free that first'
// COPY-NEXT: to_host(inside)=0
// COPY-NEXT: device_free=0
// COPY-NEXT: to_host=-6 'ppar: ppar_to_host({{.+}}): no resident data contains this address; make it resident with ppar_to_device first'
// COPY-NEXT: device_free=-6 'ppar: ppar_device_free({{.+}}): no resident data contains this address'
// COPY-NEXT: device_free(NULL)=0
// COPY-NEXT: to_device(NULL)=-1 'ppar: ppar_to_device: host is NULL'
// COPY-NEXT: to_device(x, 0)=-1 'ppar: ppar_to_device({{.+}}, 0): no bytes'
// COPY-NEXT: compute returned
//
// The reason is logged once with PPAR_VERBOSE=1; with 2, every failure too.
// RUN: env PPAR_VERBOSE=1 %{run} 2>&1 | FileCheck %s --check-prefix=V1
// V1:         ppar: no CUDA device: {{.+}}
// V1-NEXT:    count=0
// V1-NOT:     {{^}}ppar:
// RUN: env PPAR_VERBOSE=2 %{run} 2>&1 | FileCheck %s --check-prefix=V2
// V2:         count=0
// V2:         ppar: ppar_set_device(5): no such device: {{.+}}
// V2-NEXT:    set_device(5): 'ppar: ppar_set_device(5): no such device: {{.+}}'

#define PPAR_USE_RUNTIME 1
#include "ppar.h"

#include <stdio.h>

static void show(const double *x) {
  printf(" x = %g %g %g %g\n", x[0], x[1], x[2], x[3]);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  double x[4] = {1, 2, 3, 4};
  printf("count=%d\n", ppar_device_count());
  printf("get_device=%d\n", ppar_get_device());
  ppar_set_device(5);
  printf("set_device(5): '%s'\n", ppar_last_error());
  printf("get_device=%d\n", ppar_get_device());
  ppar_set_device(0);
  printf("set_device(0): '%s'\n", ppar_last_error());

  printf("to_device=%d\n", ppar_to_device(x, sizeof x));
  x[0] = x[1] = x[2] = x[3] = -1; /* the host's copy only */
  printf("to_host=%d", ppar_to_host(x));
  show(x);
  x[1] = 20, x[2] = 30;
  int rc = ppar_to_device(&x[1], sizeof x[1]); /* refreshes x[1] only */
  x[2] = 3;
  printf("part: to_device=%d to_host=%d", rc, ppar_to_host(x));
  show(x);
  rc = ppar_to_device(x, 64); /* x and past it: not inside the copy */
  printf("overlap=%d '%s'\n", rc, ppar_last_error());
  printf("to_host(inside)=%d\n", ppar_to_host(&x[2]));
  printf("device_free=%d\n", ppar_device_free(&x[3]));
  rc = ppar_to_host(x);
  printf("to_host=%d '%s'\n", rc, ppar_last_error());
  rc = ppar_device_free(x);
  printf("device_free=%d '%s'\n", rc, ppar_last_error());
  printf("device_free(NULL)=%d\n", ppar_device_free(NULL));
  rc = ppar_to_device(NULL, sizeof x);
  printf("to_device(NULL)=%d '%s'\n", rc, ppar_last_error());
  rc = ppar_to_device(x, 0);
  printf("to_device(x, 0)=%d '%s'\n", rc, ppar_last_error());
  ppar_compute(); /* no tasks yet: returns at once */
  printf("compute returned\n");
  return 0;
}
