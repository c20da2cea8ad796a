/*
 * fake_cuda.c - a stand-in for libcuda.so.1 with one "device" whose memory
 * is host memory, so that the runtime's GPU bookkeeping (asynchronous calls
 * and their waits, pinned host memory) runs on machines without a GPU.
 * Built as libcuda.so.1 into a directory put first in LD_LIBRARY_PATH.
 *
 * Kernels are host functions of the test program, looked up by name with a
 * "fake_" prefix (export them: -Wl,--export-dynamic-symbol=fake_k_*): int fake_k(void
 * **params) runs at cuLaunchKernel and returns non-zero to fault. A fault
 * is reported as CUDA_ERROR_ILLEGAL_ADDRESS by every later call, sticky, as
 * the real driver does. fake_cuda_syncs() counts stream and event waits;
 * fake_cuda_pinned() counts pinned allocations and registrations. A
 * program that exports void fake_grid(const unsigned dims[6]) is told each
 * launch's grid and block before the kernel runs.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
enum { OK = 0, INVALID_VALUE = 1, NOT_FOUND = 500, ILLEGAL_ADDRESS = 700 };

static int sticky;   /* a kernel faulted: every call fails from then on */
static long syncs;   /* stream and event waits */
static long pinned;  /* cuMemHostAlloc + cuMemHostRegister */
static __thread void *current;
static int ctx_object;

long fake_cuda_syncs(void) { return __atomic_load_n(&syncs, __ATOMIC_SEQ_CST); }
long fake_cuda_pinned(void) { return __atomic_load_n(&pinned, __ATOMIC_SEQ_CST); }

static CUresult status(void) { return __atomic_load_n(&sticky, __ATOMIC_SEQ_CST); }

CUresult cuInit(unsigned f) { (void)f; return OK; }
CUresult cuGetErrorName(CUresult rc, const char **s) {
  *s = rc == ILLEGAL_ADDRESS ? "CUDA_ERROR_ILLEGAL_ADDRESS"
       : rc == NOT_FOUND     ? "CUDA_ERROR_NOT_FOUND"
                             : "CUDA_ERROR_INVALID_VALUE";
  return OK;
}
CUresult cuGetErrorString(CUresult rc, const char **s) {
  *s = rc == ILLEGAL_ADDRESS ? "an illegal memory access was encountered"
       : rc == NOT_FOUND     ? "named symbol not found"
                             : "invalid argument";
  return OK;
}
CUresult cuDeviceGetCount(int *n) { *n = 1; return OK; }
CUresult cuDeviceGet(int *d, int i) { *d = i; return i == 0 ? OK : INVALID_VALUE; }
CUresult cuDeviceGetAttribute(int *v, int attr, int d) {
  (void)d;
  *v = attr == 75 ? 9 : attr == 76 ? 0 : 4; /* sm_90, 4 multiprocessors */
  return OK;
}
CUresult cuDeviceGetName(char *s, int n, int d) {
  (void)d;
  snprintf(s, (size_t)n, "fake GPU");
  return OK;
}
CUresult cuDevicePrimaryCtxRetain(void **c, int d) {
  (void)d;
  *c = &ctx_object;
  return OK;
}
CUresult cuCtxSetCurrent(void *c) { current = c; return OK; }
CUresult cuCtxGetCurrent(void **c) { *c = current; return OK; }
CUresult cuModuleLoadData(void **m, const void *image) {
  (void)image;
  *m = &ctx_object;
  return OK;
}
CUresult cuModuleGetFunction(void **f, void *m, const char *name) {
  (void)m;
  char sym[256];
  snprintf(sym, sizeof sym, "fake_%s", name);
  *f = dlsym(RTLD_DEFAULT, sym);
  return *f ? OK : NOT_FOUND;
}
CUresult cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz,
                        unsigned bx, unsigned by, unsigned bz, unsigned shared,
                        void *stream, void **params, void **extra) {
  (void)shared, (void)stream, (void)extra;
  if (status())
    return status();
  /* A program that wants the grid exports fake_grid(dims). */
  void (*grid)(const unsigned *) = (void (*)(const unsigned *))dlsym(RTLD_DEFAULT, "fake_grid");
  if (grid)
    grid((const unsigned[]){gx, gy, gz, bx, by, bz});
  if (((int (*)(void **))f)(params))
    __atomic_store_n(&sticky, ILLEGAL_ADDRESS, __ATOMIC_SEQ_CST);
  return OK; /* a fault shows at the next wait, as on a GPU */
}
CUresult cuMemAlloc_v2(uintptr_t *p, size_t n) {
  void *q = NULL;
  if (posix_memalign(&q, 256, n ? n : 1))
    return 2;
  *p = (uintptr_t)q;
  return OK;
}
CUresult cuMemFree_v2(uintptr_t p) { free((void *)p); return OK; }
CUresult cuMemGetInfo_v2(size_t *f, size_t *t) {
  *f = *t = (size_t)1 << 30;
  return OK;
}
CUresult cuMemcpyHtoD_v2(uintptr_t d, const void *s, size_t n) {
  if (status())
    return status();
  memcpy((void *)d, s, n);
  return OK;
}
CUresult cuMemcpyDtoH_v2(void *d, uintptr_t s, size_t n) {
  if (status())
    return status();
  memcpy(d, (const void *)s, n);
  return OK;
}
CUresult cuMemcpyHtoDAsync_v2(uintptr_t d, const void *s, size_t n, void *st) {
  (void)st;
  return cuMemcpyHtoD_v2(d, s, n);
}
CUresult cuMemcpyDtoHAsync_v2(void *d, uintptr_t s, size_t n, void *st) {
  (void)st;
  return cuMemcpyDtoH_v2(d, s, n);
}
CUresult cuMemcpyDtoDAsync_v2(uintptr_t d, uintptr_t s, size_t n, void *st) {
  (void)st;
  if (status())
    return status();
  memmove((void *)d, (const void *)s, n);
  return OK;
}
CUresult cuMemAllocHost_v2(void **p, size_t n) {
  *p = malloc(n);
  return *p ? OK : 2;
}
CUresult cuMemFreeHost(void *p) { free(p); return OK; }
CUresult cuMemHostAlloc(void **p, size_t n, unsigned flags) {
  (void)flags;
  __atomic_fetch_add(&pinned, 1, __ATOMIC_SEQ_CST);
  return cuMemAllocHost_v2(p, n);
}
CUresult cuMemHostRegister_v2(void *p, size_t n, unsigned flags) {
  (void)p, (void)n, (void)flags;
  __atomic_fetch_add(&pinned, 1, __ATOMIC_SEQ_CST);
  return OK;
}
CUresult cuMemHostUnregister(void *p) { (void)p; return OK; }
CUresult cuStreamCreate(void **s, unsigned flags) {
  (void)flags;
  *s = malloc(1);
  return OK;
}
CUresult cuStreamDestroy_v2(void *s) { free(s); return OK; }
CUresult cuStreamSynchronize(void *s) {
  (void)s;
  __atomic_fetch_add(&syncs, 1, __ATOMIC_SEQ_CST);
  return status();
}
CUresult cuEventCreate(void **e, unsigned flags) {
  (void)flags;
  *e = malloc(1);
  return OK;
}
CUresult cuEventDestroy_v2(void *e) { free(e); return OK; }
CUresult cuEventRecord(void *e, void *s) { (void)e, (void)s; return status(); }
CUresult cuEventSynchronize(void *e) {
  (void)e;
  __atomic_fetch_add(&syncs, 1, __ATOMIC_SEQ_CST);
  return status();
}
CUresult cuEventElapsedTime(float *ms, void *a, void *b) {
  (void)a, (void)b;
  *ms = 0.001f;
  return OK;
}

/* NVRTC opens libcuda.so.1 too and asks it for this private table; none
 * here (it then compiles without the driver). */
CUresult cuGetExportTable(const void **table, const void *id) {
  (void)id;
  *table = NULL;
  return 801; /* CUDA_ERROR_NOT_SUPPORTED */
}
