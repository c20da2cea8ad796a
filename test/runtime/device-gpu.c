// The device API where a GPU and its driver are present: devices are found
// and numbered, and data can be made resident, copied back and dropped.
//
// REQUIRES: cuda-gpu
// RUN: %clang -std=c11 -g -I%include -I%rt_src %s -L%libdir -lppar_rt -Wl,-rpath,%libdir -o %t.plain
// RUN: %t.plain | FileCheck %s --match-full-lines
//
// Under AddressSanitizer cuInit fails (CUDA_ERROR_OUT_OF_MEMORY, seen on an
// H100) unless the shadow gap is left unprotected; the runtime's message then
// says so.
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{run} = env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=protect_shadow_gap=0:detect_leaks=1 %t
// RUN: %{run} | FileCheck %s --match-full-lines
// CHECK:      count>0: yes
// CHECK-NEXT: set_device(count): 'ppar: ppar_set_device({{[0-9]+}}): no such device: devices are numbered 0 to {{[0-9]+}}'
// CHECK-NEXT: get_device=last
// CHECK-NEXT: other thread: get_device=0
// CHECK-NEXT: to_device=0
// CHECK-NEXT: to_host=0 x=1 2 3 4
// CHECK-NEXT: device_free=0
// CHECK-NEXT: to_host again=-6 'ppar: ppar_to_host({{.+}}): no resident data contains this address; make it resident with ppar_to_device first'
// RUN: env PPAR_VERBOSE=1 %{run} 2>&1 | FileCheck %s --check-prefix=V1
// V1: ppar: {{[0-9]+}} CUDA device{{s?}} found

#define PPAR_USE_RUNTIME 1
#include "ppar.h"

#include <pthread.h>
#include <stdio.h>

static void *other(void *arg) {
  (void)arg;
  /* The current device is per thread, as in the CUDA runtime API. */
  printf("other thread: get_device=%d\n", ppar_get_device());
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  double x[4] = {1, 2, 3, 4};
  int count = ppar_device_count();
  printf("count>0: %s\n", count > 0 ? "yes" : "no");
  ppar_set_device(count);
  printf("set_device(count): '%s'\n", ppar_last_error());
  ppar_set_device(count - 1);
  printf("get_device=%s\n", ppar_get_device() == count - 1 ? "last" : "wrong");
  pthread_t t;
  pthread_create(&t, NULL, other, NULL);
  pthread_join(t, NULL);
  int rc = ppar_to_device(x, sizeof x);
  printf("to_device=%d\n", rc);
  x[0] = x[1] = x[2] = x[3] = 0; /* the device copy still holds 1 2 3 4 */
  rc = ppar_to_host(x);
  printf("to_host=%d x=%g %g %g %g\n", rc, x[0], x[1], x[2], x[3]);
  rc = ppar_device_free(x);
  printf("device_free=%d\n", rc);
  rc = ppar_to_host(x);
  printf("to_host again=%d '%s'\n", rc, ppar_last_error());
  return 0;
}
