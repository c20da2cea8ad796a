// Host<->device copies through the runtime's paths (the driver's pageable
// copy, the pinned staging chunks filled and drained by several memcpy
// threads, and, as the ceiling, a copy from pinned memory).
//
// First verified byte for byte, each direction checked through the
// driver's own synchronous copy: odd sizes (not multiples of a chunk) at
// unaligned host and device starts, under several staging policies, with
// the bytes around the destination untouched; then several user threads
// copying at once, each with its own stream, sharing the stagers and the
// memcpy threads. Then (unless the second argument is "verify") timed:
// memcpy bandwidth from pageable to pinned memory and back with 1 to 16
// threads, each path and policy, sizes around the thresholds, and the host
// overhead of a warm call against a bare cuLaunchKernel +
// cuStreamSynchronize. The tables it prints are what docs/gpu-runtime.md
// reports.
//
// REQUIRES: cuda-gpu
// RUN: %clang -std=c11 -O2 -g -I%include -I%rt_src %s %libdir/libppar_rt.a -lpthread -ldl -o %t
// RUN: %t 64 | FileCheck %s
// CHECK: verify staged 1MiBx3 t4: {{[0-9]+}} copies ok
// CHECK: verify staged 4MiBx3 t1: {{[0-9]+}} copies ok
// CHECK: verify auto: {{[0-9]+}} copies ok
// CHECK: concurrent: ok
// CHECK: memcpy 8 threads {{.*}} GB/s
// CHECK: pageable H2D {{.*}} verified
// CHECK: staged 8MiBx4 t8 H2D {{.*}} verified
// CHECK: staged 8MiBx4 t8 D2H {{.*}} verified
// CHECK: auto {{.*}} D2H {{.*}} verified
// CHECK: warm call {{.*}} us

#define _POSIX_C_SOURCE 200809L
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include "cuda_driver.h"
#include "gpu_module.h"
#include "gpu_xfer.h"
#include "xfer_pool.h"

#include <pthread.h>
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

static const struct __ppar_cu_api *cu;

/* ---- Verification ------------------------------------------------------- */

enum { GUARD = 64 };
#define MiB ((size_t)1 << 20)

static unsigned char pattern(size_t i, unsigned seed) {
  return (unsigned char)(i * 131 + (i >> 20) + seed * 37);
}

static void fill(unsigned char *p, size_t n, unsigned seed) {
  for (size_t i = 0; i < n; i++)
    p[i] = pattern(i, seed);
}

/* The first byte of p[0..n) that is not pattern(seed), or n. */
static size_t first_wrong(const unsigned char *p, size_t n, unsigned seed) {
  for (size_t i = 0; i < n; i++)
    if (p[i] != pattern(i, seed))
      return i;
  return n;
}

/* Host to device with the runtime from src+ho to dev+dof, read back with
 * the driver's synchronous copy; then device to host with the runtime
 * (bytes put there by the driver) into dst+ho, guards checked. 1 if right. */
static int check_pair(struct __ppar_gpu_thread *t, __ppar_cu_deviceptr dev,
                      unsigned char *src, unsigned char *dst, size_t n,
                      size_t ho, size_t dof, unsigned seed) {
  fill(src + ho, n, seed);
  if (__ppar_gpu_h2d(t, dev + dof, src + ho, n, NULL) != PPAR_OK ||
      __ppar_gpu_sync(t) != PPAR_OK) {
    printf("h2d failed: %s\n", ppar_last_error());
    return 0;
  }
  memset(dst, 0, n + ho + 2 * GUARD);
  cu->memcpy_dtoh(dst, dev + dof, n);
  size_t bad = first_wrong(dst, n, seed);
  if (bad != n) {
    printf("H2D n=%zu ho=%zu dof=%zu: byte %zu is %u, expected %u\n", n, ho,
           dof, bad, dst[bad], pattern(bad, seed));
    return 0;
  }
  fill(src, n, seed + 1);
  cu->memcpy_htod(dev + dof, src, n);
  memset(dst, 0xA5, n + ho + 2 * GUARD);
  unsigned char *to = dst + GUARD + ho;
  if (__ppar_gpu_d2h(t, to, dev + dof, n, NULL) != PPAR_OK) {
    printf("d2h failed: %s\n", ppar_last_error());
    return 0;
  }
  bad = first_wrong(to, n, seed + 1);
  if (bad != n) {
    printf("D2H n=%zu ho=%zu dof=%zu: byte %zu is %u, expected %u\n", n, ho,
           dof, bad, to[bad], pattern(bad, seed + 1));
    return 0;
  }
  for (size_t i = 0; i < GUARD + ho; i++)
    if (dst[i] != 0xA5 || (i < GUARD && to[n + i] != 0xA5)) {
      printf("D2H n=%zu ho=%zu dof=%zu: wrote outside the destination\n", n,
             ho, dof);
      return 0;
    }
  return 1;
}

static const size_t vsizes[] = {(64 << 10) + 1, MiB - 3, 3 * MiB + 5,
                                13 * MiB + 12345, 37 * MiB + 77};
#define VMAX (38 * MiB)
static const size_t hoffs[] = {0, 1, 4093};
static const size_t doffs[] = {0, 3, 261};

static int verify(struct __ppar_gpu_thread *t, const char *name,
                  enum __ppar_xfer_mode mode, size_t chunk, int nchunks,
                  int threads) {
  __ppar_gpu_xfer_policy(mode, chunk, nchunks);
  __ppar_gpu_xfer_threads(threads);
  __ppar_cu_deviceptr dev;
  unsigned char *src = malloc(VMAX + 4096), *dst = malloc(VMAX + 4096 + 2 * GUARD);
  if (!src || !dst || __ppar_gpu_block_get(t, VMAX + 512, &dev) != PPAR_OK) {
    printf("verify %s: allocation failed\n", name);
    return 0;
  }
  int copies = 0, ok = 1;
  for (size_t s = 0; s < sizeof vsizes / sizeof *vsizes && ok; s++)
    for (size_t o = 0; o < 3 && ok; o++, copies++)
      ok = check_pair(t, dev, src, dst, vsizes[s], hoffs[o], doffs[(o + s) % 3],
                      (unsigned)(s * 3 + o));
  __ppar_gpu_block_put(t, dev);
  free(src);
  free(dst);
  printf("verify %s: %d copies %s\n", name, copies, ok ? "ok" : "WRONG");
  return ok;
}

/* Several user threads copying at once: each its own stream and device
 * block, all sharing the stagers and the memcpy threads. */
enum { CTHREADS = 4, CROUNDS = 3 };
struct cworker {
  int id, ok;
};

static void *cworker_main(void *arg) {
  struct cworker *w = arg;
  struct __ppar_gpu_thread *t = __ppar_gpu_thread(0);
  size_t n = 21 * MiB + (size_t)w->id * 4097;
  __ppar_cu_deviceptr dev;
  unsigned char *src = malloc(n + 4096), *dst = malloc(n + 4096 + 2 * GUARD);
  w->ok = t && src && dst && __ppar_gpu_block_get(t, n + 512, &dev) == PPAR_OK;
  for (int r = 0; r < CROUNDS && w->ok; r++)
    w->ok = check_pair(t, dev, src, dst, n - (size_t)r, (size_t)w->id,
                       (size_t)(w->id + r), (unsigned)(100 + w->id * 10 + r));
  if (t)
    __ppar_gpu_block_put(t, dev);
  free(src);
  free(dst);
  return NULL;
}

static int concurrent(void) {
  __ppar_gpu_xfer_policy(__PPAR_XFER_AUTO, 4 * MiB, 3);
  __ppar_gpu_xfer_threads(0);
  pthread_t th[CTHREADS];
  struct cworker w[CTHREADS];
  for (int i = 0; i < CTHREADS; i++) {
    w[i].id = i;
    pthread_create(&th[i], NULL, cworker_main, &w[i]);
  }
  int ok = 1;
  for (int i = 0; i < CTHREADS; i++) {
    pthread_join(th[i], NULL);
    ok &= w[i].ok;
  }
  printf("concurrent: %s\n", ok ? "ok" : "WRONG");
  return ok;
}

/* ---- Timing ------------------------------------------------------------- */

static struct __ppar_gpu_thread *t;
static __ppar_cu_deviceptr dev;
static unsigned char *src, *dst, *pinned;
static size_t n;

/* GB/s of the pool's memcpy with 1..16 threads, pageable to pinned (the
 * host-to-device staging copy) and pinned to pageable (device to host). */
static void memcpy_scaling(void) {
  static const int threads[] = {1, 2, 4, 6, 8, 10, 12, 16};
  for (size_t k = 0; k < sizeof threads / sizeof *threads; k++) {
    double to[REPS], from[REPS];
    for (int r = 0; r < REPS; r++) {
      double t0 = now();
      __ppar_xfer_copy(pinned, src, n, threads[k]);
      double t1 = now();
      __ppar_xfer_copy(dst, pinned, n, threads[k]);
      double t2 = now();
      to[r] = n / (t1 - t0) / 1e9;
      from[r] = n / (t2 - t1) / 1e9;
    }
    printf("memcpy %d threads: pageable->pinned %5.1f GB/s, pinned->pageable "
           "%5.1f GB/s\n",
           threads[k], median(to), median(from));
  }
}

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
  printf("%-22s H2D %6.1f GB/s %s\n", name, median(up),
         ok ? "verified" : "WRONG");
  printf("%-22s D2H %6.1f GB/s %s\n", name, median(down),
         ok ? "verified" : "WRONG");
}

static void staged(size_t chunk_mib, int nchunks, int threads) {
  char name[48];
  snprintf(name, sizeof name, "staged %zuMiBx%d t%d", chunk_mib, nchunks,
           threads);
  __ppar_gpu_xfer_policy(__PPAR_XFER_STAGED, chunk_mib * MiB, nchunks);
  __ppar_gpu_xfer_threads(threads);
  run(name, 0);
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
      ppar_synchronize(); /* a call with no data does not wait by itself */
    }
    double t2 = now();
    raw = (t1 - t0) / reps * 1e6, call = (t2 - t1) / reps * 1e6;
  }
  printf("warm call %.2f us, bare launch+sync %.2f us, host overhead %.2f "
         "us\n",
         call, raw, call - raw);
  /* Without a wait per call: chains of 1000 calls against 1000 launches. */
  double t0 = now();
  for (int i = 0; i < reps; i++) {
    cu->launch_kernel(l->fns[0], 1, 1, 1, 256, 1, 1, 0, s, args, NULL);
    if (i % 1000 == 999)
      cu->stream_synchronize(s);
  }
  double t1 = now();
  for (int i = 0; i < reps; i++) {
    struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&nop_m);
    __ppar_rt_gpu_copy_in(c);
    __ppar_rt_gpu_launch(c, 0, 1, 1, args);
    __ppar_rt_gpu_end(c);
    if (i % 1000 == 999)
      ppar_synchronize();
  }
  double t2 = now();
  printf("asynchronous call %.2f us, bare launch %.2f us (a wait per 1000)\n",
         (t2 - t1) / reps * 1e6, (t1 - t0) / reps * 1e6);
}

static void timing(void) {
  src = malloc(n), dst = malloc(n);
  fill(src, n, 0);
  memset(dst, 1, n); /* touch: no first-touch page faults in the timing */
  if (__ppar_gpu_block_get(t, n, &dev) ||
      cu->mem_alloc_host((void **)&pinned, n)) {
    printf("allocation failed: %s\n", ppar_last_error());
    exit(1);
  }
  memset(pinned, 0, n);
  printf("%zu MiB, median of %d, default threads %d\n", n >> 20, REPS,
         __ppar_xfer_default_threads());
  memcpy_scaling();
  __ppar_gpu_xfer_policy(__PPAR_XFER_PAGEABLE, 0, 0);
  run("pageable", 0);
  run("pinned (ceiling)", 1);
  static const size_t chunks[] = {4, 8, 16, 32};
  static const int threads[] = {8, 12, 16};
  for (size_t c = 0; c < sizeof chunks / sizeof *chunks; c++)
    for (size_t k = 0; k < sizeof threads / sizeof *threads; k++)
      staged(chunks[c], 4, threads[k]);
  staged(8, 3, 12);
  staged(8, 6, 12);
  staged(16, 3, 12);
  staged(4, 3, 1); /* the old single-threaded staging */
  __ppar_gpu_xfer_policy(__PPAR_XFER_AUTO, 8 * MiB, 4);
  __ppar_gpu_xfer_threads(0);
  run("auto", 0);
  /* Sizes around the thresholds: pageable vs auto. */
  static const size_t sizes[] = {128 << 10, 256 << 10, 1 << 20, 4 << 20,
                                 16 << 20, 64 << 20};
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes && sizes[i] <= n; i++) {
    size_t keep = n;
    n = sizes[i];
    char name[32];
    __ppar_gpu_xfer_policy(__PPAR_XFER_PAGEABLE, 0, 0);
    snprintf(name, sizeof name, "pageable %zuK", n >> 10);
    run(name, 0);
    __ppar_gpu_xfer_policy(__PPAR_XFER_AUTO, 8 * MiB, 4);
    snprintf(name, sizeof name, "auto %zuK", n >> 10);
    run(name, 0);
    n = keep;
  }
  warm_call();
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  n = (size_t)(argc > 1 ? atoi(argv[1]) : 256) << 20;
  int only_verify = argc > 2 && !strcmp(argv[2], "verify");
  if (!(t = __ppar_gpu_thread(0))) {
    printf("no device: %s\n", ppar_last_error());
    return 1;
  }
  cu = __ppar_cu();
  int ok = verify(t, "staged 1MiBx3 t4", __PPAR_XFER_STAGED, MiB, 3, 4);
  ok &= verify(t, "staged 8MiBx4 t8", __PPAR_XFER_STAGED, 8 * MiB, 4, 8);
  ok &= verify(t, "staged 4MiBx3 t1", __PPAR_XFER_STAGED, 4 * MiB, 3, 1);
  ok &= verify(t, "pageable", __PPAR_XFER_PAGEABLE, 0, 0, 0);
  ok &= verify(t, "auto", __PPAR_XFER_AUTO, 8 * MiB, 4, 0);
  ok &= concurrent();
  if (!only_verify)
    timing();
  return ok ? 0 : 1;
}
