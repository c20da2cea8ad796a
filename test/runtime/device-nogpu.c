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
// CHECK-NEXT: to_device=-3 'ppar: ppar_to_device: no CUDA device: {{.+}}'
// CHECK-NEXT: to_host=-3 'ppar: ppar_to_host: no CUDA device: {{.+}}'
// CHECK-NEXT: device_free=-3 'ppar: ppar_device_free: no CUDA device: {{.+}}'
// CHECK-NEXT: device_free(NULL)=0
// CHECK-NEXT: to_device(NULL)=-1 'ppar: ppar_to_device: host is NULL'
// CHECK-NEXT: compute returned
//
// Where nothing may run on a GPU (PPAR_DISABLE_JIT, PPAR_TARGET=cpu) or the
// GPU variant must see host data (PPAR_CHECK), resident data stays on the
// host: the calls do nothing and succeed, as the program's serial build.
// RUN: env PPAR_DISABLE_JIT=1 %{run} | FileCheck %s --match-full-lines --check-prefix=HOST
// RUN: env PPAR_TARGET=cpu %{run} | FileCheck %s --match-full-lines --check-prefix=HOST
// RUN: env PPAR_CHECK=1 %{run} | FileCheck %s --match-full-lines --check-prefix=HOST
// HOST:      to_device=0 {{.*}}
// HOST-NEXT: to_host=0 {{.*}}
// HOST-NEXT: device_free=0 {{.*}}
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
  int rc = ppar_to_device(x, sizeof x);
  printf("to_device=%d '%s'\n", rc, ppar_last_error());
  rc = ppar_to_host(x);
  printf("to_host=%d '%s'\n", rc, ppar_last_error());
  rc = ppar_device_free(x);
  printf("device_free=%d '%s'\n", rc, ppar_last_error());
  printf("device_free(NULL)=%d\n", ppar_device_free(NULL));
  rc = ppar_to_device(NULL, sizeof x);
  printf("to_device(NULL)=%d '%s'\n", rc, ppar_last_error());
  ppar_compute(); /* no tasks yet: returns at once */
  printf("compute returned\n");
  return 0;
}
