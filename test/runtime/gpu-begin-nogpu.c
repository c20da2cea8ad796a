// __ppar_rt_gpu_begin on a machine without a usable GPU (CUDA_VISIBLE_DEVICES
// hides any): it returns NULL so that the caller runs its CPU variant, and
// says why once per module in one line naming the function and its
// file:line; PPAR_TARGET=cuda ends the program with that line instead.
// The device API answers with its error codes and ppar_last_error texts.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// DEFINE: %{run} = env CUDA_VISIBLE_DEVICES= UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t
//
// RUN: %{run} 2>&1 | FileCheck %s --match-full-lines
// CHECK:      ppar: saxpy (kernels.c:12): cannot run on the GPU: no CUDA device ({{.+}}); running the CPU version
// CHECK-NEXT: saxpy: NULL, CPU result 5
// CHECK-NEXT: saxpy again: NULL, CPU result 5
// CHECK-NEXT: ppar: dot (kernels.c:30): cannot run on the GPU: no CUDA device ({{.+}}); running the CPU version
// CHECK-NEXT: dot: NULL
// CHECK-NEXT: NULL call: end=-1 copy_in=-1 launch=-1 fetch=-1 scratch=(nil) ptr=same
// CHECK-NEXT: count=0
// CHECK-NEXT: to_device=0
// CHECK-NEXT: to_device(x, 0)=-1 'ppar: ppar_to_device({{.+}}, 0): no bytes'
// CHECK-NEXT: to_host=0
// CHECK-NEXT: to_host(NULL)=-1 'ppar: ppar_to_host: host is NULL'
// CHECK-NEXT: device_free=0
// CHECK-NEXT: device_free(NULL)=0
// CHECK-NOT:  ppar:
//
// RUN: env PPAR_TARGET=cuda not %{run} 2>&1 | FileCheck %s --check-prefix=FORCE --match-full-lines
// FORCE:      before
// FORCE-NEXT: ppar: error: saxpy (kernels.c:12): cannot run on the GPU: no CUDA device ({{.+}}) (PPAR_TARGET=cuda: not running it on the CPU)
// FORCE-NOT:  saxpy:
//
// 16 threads begin the same module at once: one line, every begin NULL.
// RUN: env CUDA_VISIBLE_DEVICES= TSAN_OPTIONS=halt_on_error=1 %t.tsan 16 2>&1 | FileCheck %s --check-prefix=THREADS --match-full-lines
// RUN: %{run} 16 2>&1 | FileCheck %s --check-prefix=THREADS --match-full-lines
// THREADS:      ppar: saxpy (kernels.c:12): cannot run on the GPU: no CUDA device ({{.+}}); running the CPU version
// THREADS-NEXT: all NULL: 1
// THREADS-NOT:  ppar:

#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static const char source[] =
    "extern \"C\" __global__ void k(long long n, double *y) {}\n";
static struct __ppar_rt_module saxpy_m = {
    "saxpy", "kernels.c", 12, source, (const char *const[]){"k"}, 1, 0, 0};
static struct __ppar_rt_module dot_m = {
    "dot", "kernels.c", 30, source, (const char *const[]){"k"}, 1,
    __PPAR_RT_MODULE_CACHE, 0};

/* What generated code does: the GPU variant, else the CPU one. */
static double saxpy(double a, double x, double y) {
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&saxpy_m);
  if (!c)
    return a * x + y;
  __ppar_rt_gpu_end(c);
  return -1;
}

static int nulls;

static void *thread(void *arg) {
  (void)arg;
  if (!__ppar_rt_gpu_begin(&saxpy_m))
    __atomic_fetch_add(&nulls, 1, __ATOMIC_RELAXED);
  return NULL;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc > 1) {
    int n = atoi(argv[1]);
    pthread_t t[64];
    for (int i = 0; i < n; i++)
      pthread_create(&t[i], NULL, thread, NULL);
    for (int i = 0; i < n; i++)
      pthread_join(t[i], NULL);
    printf("all NULL: %d\n", nulls == n);
    return 0;
  }
  fprintf(stderr, "before\n");
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&saxpy_m);
  printf("saxpy: %s, CPU result %g\n", c ? "call" : "NULL", saxpy(2, 2, 1));
  c = __ppar_rt_gpu_begin(&saxpy_m);
  printf("saxpy again: %s, CPU result %g\n", c ? "call" : "NULL",
         saxpy(2, 2, 1));
  c = __ppar_rt_gpu_begin(&dot_m);
  printf("dot: %s\n", c ? "call" : "NULL");

  /* Generated code never passes NULL, but a NULL call must not crash. */
  double x[4] = {1, 2, 3, 4}, part = 7;
  int e = __ppar_rt_gpu_end(NULL), ci = __ppar_rt_gpu_copy_in(NULL);
  __ppar_rt_gpu_data(NULL, x, x + 4, __PPAR_RT_ACCESS_READ);
  int l = __ppar_rt_gpu_launch(NULL, 0, 4, 1, NULL);
  int f = __ppar_rt_gpu_fetch(NULL, &part, x, sizeof part);
  void *s = __ppar_rt_gpu_scratch(NULL, &part, sizeof part);
  printf("NULL call: end=%d copy_in=%d launch=%d fetch=%d scratch=%p "
         "ptr=%s\n",
         e, ci, l, f, s, __ppar_rt_gpu_ptr(NULL, x) == x ? "same" : "moved");

  printf("count=%d\n", ppar_device_count());
  /* Without a device the device copy is kept on the host. */
  int rc = ppar_to_device(x, sizeof x);
  printf("to_device=%d\n", rc);
  rc = ppar_to_device(x, 0);
  printf("to_device(x, 0)=%d '%s'\n", rc, ppar_last_error());
  rc = ppar_to_host(x);
  printf("to_host=%d\n", rc);
  rc = ppar_to_host(NULL);
  printf("to_host(NULL)=%d '%s'\n", rc, ppar_last_error());
  rc = ppar_device_free(x);
  printf("device_free=%d\n", rc);
  printf("device_free(NULL)=%d\n", ppar_device_free(NULL));
  return 0;
}
