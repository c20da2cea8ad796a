// Host code between two kernels of one GPU call, driven by hand as
// generated code drives it, on the stand-in driver (Inputs/fake_cuda.c:
// device memory is host memory, kernels are host functions here).
// __ppar_rt_gpu_to_host brings back the bytes the host code uses, only
// those the kernels may have written (or resident data); to_device sends
// what it wrote. A fault seen by to_host leaves the host as it was, so the
// CPU variant can take over; a failure after host memory was written ends
// the program, naming the call.
//
// REQUIRES: nvrtc
// RUN: rm -rf %t.dir && mkdir -p %t.dir/lib
// RUN: %clang -shared -fPIC -O1 %S/Inputs/fake_cuda.c -o %t.dir/lib/libcuda.so.1
// RUN: %clang -std=c11 -g -Wl,--export-dynamic-symbol=fake_k_* -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{env} = env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1
// RUN: %{env} %t between 2>&1 | FileCheck %s --check-prefix=BETWEEN --match-full-lines
// BETWEEN:      to_host: 0, x[3]=1 x[4]=0 y[3]=5 z=7
// BETWEEN-NEXT: to_device: 0, end 0, x[3]=11 x[4]=2 y[3]=5
// BETWEEN-NEXT: no call: -1 -1
// RUN: %{env} %t resident 2>&1 | FileCheck %s --check-prefix=RESIDENT --match-full-lines
// RESIDENT:      to_host: 0, x[0]=1 x[1]=0
// RESIDENT-NEXT: end 0, after ppar_to_host: x[0]=-99 x[1]=2
// RUN: %{env} %t fault-first 2>&1 | FileCheck %s --check-prefix=FIRST --match-full-lines
// FIRST:      ppar: twice (gpu-host-code-fake.c:100): the GPU call failed: {{.*}}CUDA_ERROR_ILLEGAL_ADDRESS{{.*}}; running the CPU version
// FIRST-NEXT: to_host: -5, x[0]=0, end -5
// RUN: %{env} not %t fault-later 2>&1 | FileCheck %s --check-prefix=LATER --match-full-lines
// LATER:      to_host: 0
// LATER-NEXT: ppar: error: twice (gpu-host-code-fake.c:100): the GPU call failed: {{.*}}; host code between its kernels has already changed host data, so the CPU version cannot take over
// LATER-NOT:  end
#define _GNU_SOURCE
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Kernels of the stand-in driver: host functions, run at launch. */
#include "Inputs/fake_kernels.h"

static const char source[] =
    "extern \"C\" __global__ void k_inc(long long n, double *x) {}\n"
    "extern \"C\" __global__ void k_fault(long long n, double *x) {}\n";
static const char *const kernels[] = {"k_inc", "k_fault"};
static struct __ppar_rt_module m = {"twice", "gpu-host-code-fake.c", 100,
                                    source, kernels, 2, 0, 0};

enum { N = 8 };
static double x[N], y[N], z = 7;

static void launch(struct __ppar_rt_gpu_call *c, int k) {
  long long n = N;
  double *d = __ppar_rt_gpu_ptr(c, x);
  __ppar_rt_gpu_launch(c, k, n, 1, (void *[]){&n, &d});
}

/* x written by the kernels, y only read: to_host copies x's bytes alone. */
static int between(void) {
  for (int i = 0; i < N; i++)
    y[i] = 5;
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&m);
  __ppar_rt_gpu_data(c, x, x + N, __PPAR_RT_ACCESS_READWRITE);
  __ppar_rt_gpu_data(c, y, y + N, __PPAR_RT_ACCESS_READ);
  __ppar_rt_gpu_copy_in(c);
  launch(c, 0);
  int rc = __ppar_rt_gpu_to_host(c, &x[3], &x[4]);
  rc |= __ppar_rt_gpu_to_host(c, &y[3], &y[4]);
  rc |= __ppar_rt_gpu_to_host(c, &z, &z + 1);
  printf("to_host: %d, x[3]=%g x[4]=%g y[3]=%g z=%g\n", rc, x[3], x[4], y[3], z);
  x[3] += 9; /* the host code */
  rc = __ppar_rt_gpu_to_device(c, &x[3], &x[4]);
  launch(c, 0);
  int end = __ppar_rt_gpu_end(c);
  printf("to_device: %d, end %d, x[3]=%g x[4]=%g y[3]=%g\n", rc, end, x[3], x[4], y[3]);
  printf("no call: %d %d\n", __ppar_rt_gpu_to_host(NULL, x, x + 1),
         __ppar_rt_gpu_to_device(NULL, x, x + 1));
  return 0;
}

/* Resident data: its current copy is the device's, both ways. */
static int resident(void) {
  ppar_to_device(x, sizeof x);
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&m);
  __ppar_rt_gpu_data(c, x, x + N, __PPAR_RT_ACCESS_READWRITE);
  __ppar_rt_gpu_copy_in(c);
  launch(c, 0);
  int rc = __ppar_rt_gpu_to_host(c, &x[0], &x[1]);
  printf("to_host: %d, x[0]=%g x[1]=%g\n", rc, x[0], x[1]);
  x[0] = -100;
  __ppar_rt_gpu_to_device(c, &x[0], &x[1]);
  launch(c, 0);
  int end = __ppar_rt_gpu_end(c);
  ppar_to_host(x);
  printf("end %d, after ppar_to_host: x[0]=%g x[1]=%g\n", end, x[0], x[1]);
  return 0;
}

/* A fault before any host byte changed: the caller may start again. */
static int fault(int later) {
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&m);
  __ppar_rt_gpu_data(c, x, x + N, __PPAR_RT_ACCESS_READWRITE);
  __ppar_rt_gpu_copy_in(c);
  if (later) {
    launch(c, 0);
    printf("to_host: %d\n", __ppar_rt_gpu_to_host(c, x, x + 1));
    fflush(stdout);
  }
  launch(c, 1);
  int rc = __ppar_rt_gpu_to_host(c, x, x + 1);
  int end = __ppar_rt_gpu_end(c);
  printf("to_host: %d, x[0]=%g, end %d\n", rc, x[0], end);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2 || ppar_device_count() != 1) {
    printf("the stand-in driver is not loaded\n");
    return 1;
  }
  if (!strcmp(argv[1], "between"))
    return between();
  if (!strcmp(argv[1], "resident"))
    return resident();
  return fault(!strcmp(argv[1], "fault-later"));
}
