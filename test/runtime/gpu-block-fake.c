// Blocks a function allocates between the kernels of one GPU call, driven
// by hand as generated code drives them, on the stand-in driver
// (Inputs/fake_cuda.c). __ppar_rt_gpu_block, right after the allocation,
// gives the block device memory of its own with its contents; kernels,
// to_host and the copy-out at end see it as any other range.
// __ppar_rt_gpu_block_free, right before free, drops it: nothing is copied
// into the freed block (ASan would say so), and a block malloc then gives
// at the same addresses gets a copy of its own. A block registered at the
// start and freed between kernels is dropped the same way.
//
// REQUIRES: nvrtc
// RUN: rm -rf %t.dir && mkdir -p %t.dir/lib
// RUN: %clang -shared -fPIC -O1 %S/Inputs/fake_cuda.c -o %t.dir/lib/libcuda.so.1
// RUN: %clang -std=c11 -g -Wl,--export-dynamic-symbol=fake_k_* -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{env} = env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1
// RUN: %{env} %t 2>&1 | FileCheck %s --match-full-lines
// CHECK:      late: to_host 0, t[2]=13
// CHECK-NEXT: again: end 0, x[2]=12 u[0]=101 u[5]=106
// CHECK-NEXT: early: end 0, x[0]=2
// CHECK-NEXT: null: end 0
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
    "extern \"C\" __global__ void k_inc(long long n, double *x) {}\n";
static const char *const kernels[] = {"k_inc"};
static struct __ppar_rt_module m = {"blocks", "gpu-block-fake.c", 100,
                                    source, kernels, 1, 0, 0};

enum { N = 8 };
static double x[N];

static void launch(struct __ppar_rt_gpu_call *c, double *p, long long n) {
  double *d = __ppar_rt_gpu_ptr(c, p);
  __ppar_rt_gpu_launch(c, 0, n, 1, (void *[]){&n, &d});
}

int main(void) {
  if (ppar_device_count() != 1) {
    printf("the stand-in driver is not loaded\n");
    return 1;
  }
  for (int i = 0; i < N; i++)
    x[i] = 10;
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&m);
  __ppar_rt_gpu_data(c, x, x + N, __PPAR_RT_ACCESS_READWRITE);
  __ppar_rt_gpu_copy_in(c);
  launch(c, x, N);
  /* Allocated after the first kernel: its contents go to the device. */
  double *t = malloc(N * sizeof *t);
  for (int i = 0; i < N; i++)
    t[i] = 12;
  __ppar_rt_gpu_block(c, t, t + N);
  launch(c, t, N);
  int rc = __ppar_rt_gpu_to_host(c, &t[2], &t[3]);
  printf("late: to_host %d, t[2]=%g\n", rc, t[2]);
  __ppar_rt_gpu_block_free(c, t, t + N);
  free(t);
  /* Another block, maybe at the same addresses, not freed in the call:
   * copied out at end. */
  double *u = malloc(N * sizeof *u);
  for (int i = 0; i < N; i++)
    u[i] = 100 + i;
  __ppar_rt_gpu_block(c, u, u + N);
  launch(c, x, N);
  launch(c, u, N);
  int end = __ppar_rt_gpu_end(c);
  printf("again: end %d, x[2]=%g u[0]=%g u[5]=%g\n", end, x[2], u[0], u[5]);
  free(u);

  /* Registered at the start, freed between kernels: never copied back. */
  double *e = malloc(N * sizeof *e);
  for (int i = 0; i < N; i++)
    e[i] = x[i] = 0;
  c = __ppar_rt_gpu_begin(&m);
  __ppar_rt_gpu_data(c, e, e + N, __PPAR_RT_ACCESS_READWRITE);
  __ppar_rt_gpu_data(c, x, x + N, __PPAR_RT_ACCESS_READWRITE);
  __ppar_rt_gpu_copy_in(c);
  launch(c, e, N);
  launch(c, x, N);
  __ppar_rt_gpu_block_free(c, e, e + N);
  free(e);
  launch(c, x, N);
  end = __ppar_rt_gpu_end(c);
  printf("early: end %d, x[0]=%g\n", end, x[0]);

  /* A failed allocation registers nothing. */
  c = __ppar_rt_gpu_begin(&m);
  __ppar_rt_gpu_data(c, x, x + N, __PPAR_RT_ACCESS_READWRITE);
  __ppar_rt_gpu_copy_in(c);
  __ppar_rt_gpu_block(c, NULL, (const void *)64);
  __ppar_rt_gpu_block_free(c, NULL, (const void *)64);
  printf("null: end %d\n", __ppar_rt_gpu_end(c));
  return 0;
}
