// Host<->device copies through the runtime's three paths (the driver's
// pageable copy, the pinned staging chunks, and, as the ceiling, a copy
// from pinned memory), checked byte for byte and timed; and the host
// overhead of a warm call against a bare cuLaunchKernel + cuStreamSynchronize.
// The table it prints is what docs/gpu-runtime.md reports.
//
// REQUIRES: cuda-gpu
// RUN: %clang -std=c11 -O2 -g -I%include -I%rt_src %s %libdir/libppar_rt.a -lpthread -ldl -o %t
// RUN: %t 64 | FileCheck %s
// CHECK: pageable H2D {{.*}} verified
// CHECK: staged 8MiBx3 H2D {{.*}} verified
// CHECK: staged 8MiBx3 D2H {{.*}} verified
// CHECK: auto {{.*}} D2H {{.*}} verified
// CHECK: warm call {{.*}} us

#define _POSIX_C_SOURCE 200809L
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include "gpu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

#define REPS 7
static double median(double *v) {
  qsort(v, REPS, sizeof *v, cmp);
  return v[REPS / 2];
}

static struct __ppar_gpu_thread *t;
static const struct __ppar_cu_api *cu;
static __ppar_cu_deviceptr dev;
static unsigned char *src, *dst, *pinned;
static size_t n;

/* GB/s of REPS copies each way under the current policy; verifies. */
static void run(const char *name, int use_pinned) {
  double up[REPS], down[REPS];
  for (int r = 0; r < REPS; r++) {
    memset(dst, 0, n);
    double t0 = now();
    if (use_pinned) {
      cu->memcpy_htod_async(dev, pinned, n, __ppar_gpu_thread_stream(t));
      __ppar_gpu_sync(t);
    } else {
      __ppar_gpu_h2d(t, dev, src, n, NULL);
      __ppar_gpu_sync(t);
    }
    double t1 = now();
    if (use_pinned) {
      cu->memcpy_dtoh_async(pinned, dev, n, __ppar_gpu_thread_stream(t));
      __ppar_gpu_sync(t);
    } else {
      __ppar_gpu_d2h(t, dst, dev, n, NULL);
    }
    double t2 = now();
    up[r] = n / (t1 - t0) / 1e9;
    down[r] = n / (t2 - t1) / 1e9;
  }
  int ok = use_pinned || memcmp(src, dst, n) == 0;
  printf("%-16s H2D %6.1f GB/s %s\n", name, median(up),
         ok ? "verified" : "WRONG");
  printf("%-16s D2H %6.1f GB/s %s\n", name, median(down),
         ok ? "verified" : "WRONG");
}

static struct __ppar_rt_module nop_m = {
    "nop", "gpu-xfer.c", 1, "extern \"C\" __global__ void k_nop(int x) {}\n",
    (const char *const[]){"k_nop"}, 1, 0, 0};

static void warm_call(void) {
  int x = 1, reps = 20000;
  const struct __ppar_gpu_loaded *l = __ppar_gpu_module_get(&nop_m, 0);
  __ppar_cu_stream s = __ppar_gpu_thread_stream(t);
  void *args[] = {&x};
  double raw = 0, call = 0;
  for (int pass = 0; pass < 2; pass++) {
    double t0 = now();
    for (int i = 0; i < reps; i++) {
      cu->launch_kernel(l->fns[0], 1, 1, 1, 256, 1, 1, 0, s, args, NULL);
      cu->stream_synchronize(s);
    }
    double t1 = now();
    for (int i = 0; i < reps; i++) {
      struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&nop_m);
      __ppar_rt_gpu_copy_in(c);
      __ppar_rt_gpu_launch(c, 0, 1, 1, args);
      __ppar_rt_gpu_end(c);
    }
    double t2 = now();
    raw = (t1 - t0) / reps * 1e6, call = (t2 - t1) / reps * 1e6;
  }
  printf("warm call %.2f us, bare launch+sync %.2f us, host overhead %.2f "
         "us\n",
         call, raw, call - raw);
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  n = (size_t)(argc > 1 ? atoi(argv[1]) : 256) << 20;
  if (!(t = __ppar_gpu_thread(0))) {
    printf("no device: %s\n", ppar_last_error());
    return 1;
  }
  cu = __ppar_cu();
  src = malloc(n), dst = malloc(n);
  for (size_t i = 0; i < n; i++)
    src[i] = (unsigned char)(i * 131 + (i >> 20));
  memset(dst, 1, n); /* touch: no first-touch page faults in the timing */
  if (__ppar_gpu_block_get(t, n, &dev) || cu->mem_alloc_host((void **)&pinned, n)) {
    printf("allocation failed: %s\n", ppar_last_error());
    return 1;
  }
  memset(pinned, 0, n);
  printf("%zu MiB, median of %d\n", n >> 20, REPS);
  __ppar_gpu_xfer_policy(__PPAR_XFER_PAGEABLE, 0, 0);
  run("pageable", 0);
  static const size_t chunks[] = {2, 4, 8, 16};
  for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++)
    for (int k = 2; k <= 4; k++) {
      char name[32];
      snprintf(name, sizeof name, "staged %zuMiBx%d", chunks[c], k);
      __ppar_gpu_xfer_policy(__PPAR_XFER_STAGED, chunks[c] << 20, k);
      run(name, 0);
    }
  __ppar_gpu_xfer_policy(__PPAR_XFER_STAGED, 8 << 20, 3);
  run("staged 8MiBx3", 0);
  __ppar_gpu_xfer_policy(__PPAR_XFER_AUTO, 4 << 20, 3);
  run("auto", 0);
  run("pinned (ceiling)", 1);
  /* Sizes around the AUTO threshold, pageable vs staged. */
  static const size_t sizes[] = {256 << 10, 1 << 20, 4 << 20, 16 << 20};
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
    size_t keep = n;
    n = sizes[i];
    char name[32];
    __ppar_gpu_xfer_policy(__PPAR_XFER_PAGEABLE, 0, 0);
    snprintf(name, sizeof name, "pageable %zuK", n >> 10);
    run(name, 0);
    __ppar_gpu_xfer_policy(__PPAR_XFER_STAGED, 4 << 20, 3);
    snprintf(name, sizeof name, "staged %zuK", n >> 10);
    run(name, 0);
    __ppar_gpu_xfer_policy(__PPAR_XFER_AUTO, 4 << 20, 3);
    snprintf(name, sizeof name, "auto %zuK", n >> 10);
    run(name, 0);
    n = keep;
  }
  __ppar_gpu_xfer_policy(__PPAR_XFER_AUTO, 4 << 20, 3);
  warm_call();
  return 0;
}
