// Asynchronous GPU calls on a GPU, driven by hand as generated code drives
// them, with hand-written kernels: a chain of 1,000 calls on resident data
// returns before the kernels ran and ppar_to_host sees all of them; calls
// of 4 threads, one reading what another's calls in flight write;
// ppar_device_free of data in flight; the per-call cost of a chain against
// a call that waits; a kernel's fault reported at the wait that sees it,
// naming the call (ppar_synchronize returns the code, a later call or exit
// ends the program); pinned host memory against malloc'ed; the first cache
// hit of a process (no NVRTC load).
//
// REQUIRES: cuda-gpu
// RUN: %clang -std=c11 -O2 -g -I%include -I%rt_src %s -L%libdir -lppar_rt -Wl,-rpath,%libdir -lpthread -o %t
// RUN: rm -rf %t.cache
// RUN: env PPAR_CACHE_DIR=%t.cache %t chain 2>&1 | FileCheck %s --check-prefix=CHAIN --match-full-lines
// RUN: env PPAR_CACHE_DIR=%t.cache PPAR_VERBOSE=1 %t chain 2>&1 | FileCheck %s --check-prefix=HIT --match-full-lines
// HIT:        ppar: total (gpu-async.c:300): kernels loaded from cache in {{0\.[0-9]+}} ms for sm_{{[0-9]+}}
// HIT:        chain: 1000 calls, ends 0, returned before the kernels ran: yes
// CHAIN:      chain: 1000 calls, ends 0, returned before the kernels ran: yes
// CHAIN-NEXT: to_host: 0, x ok
// CHAIN-NEXT: per call: chain {{[0-9.]+}} us, waiting call {{[0-9.]+}} us, chain faster: yes
// CHAIN-NEXT: total: ok
// CHAIN-NEXT: threads: 4 x 300 calls, cross-thread reads ok
// CHAIN-NEXT: device_free in flight: 0, to_host after it: -6
// CHAIN-NEXT: NVRTC loaded: {{yes|no}}
// HIT:        NVRTC loaded: no
// RUN: env PPAR_CACHE_DIR=%t.cache %t fault-sync 2>&1 | FileCheck %s --check-prefix=FSYNC --match-full-lines
// FSYNC:      fault: end 0
// FSYNC-NEXT: ppar: error: fault (gpu-async.c:200): the asynchronous GPU call failed: cuStreamSynchronize failed: CUDA_ERROR_{{[A-Z_]+}} ({{[0-9]+}}): {{.+}}; seen at ppar_synchronize
// FSYNC-NEXT: synchronize: -5
// RUN: env PPAR_CACHE_DIR=%t.cache not %t fault-call 2>&1 | FileCheck %s --check-prefix=FCALL --match-full-lines
// FCALL:      fault: end 0
// FCALL-NEXT: ppar: error: fault (gpu-async.c:200): the asynchronous GPU call failed: {{.+}}; seen when total (gpu-async.c:300) waited: {{.+}}
// RUN: env PPAR_CACHE_DIR=%t.cache not %t fault-exit 2>&1 | FileCheck %s --check-prefix=FEXIT --match-full-lines
// FEXIT:      fault: end 0
// FEXIT-NEXT: ppar: error: fault (gpu-async.c:200): the asynchronous GPU call failed: {{.+}}; seen at the program's exit
// RUN: env PPAR_CACHE_DIR=%t.cache %t pinned 2>&1 | FileCheck %s --check-prefix=PINNED --match-full-lines
// PINNED:     pinned: ok {{[0-9.]+}} GB/s, malloc: ok {{[0-9.]+}} GB/s, pinned faster: yes
#define _GNU_SOURCE
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char source[] =
    "#define FOR(i, n) for (long long i = blockIdx.x * (long long)blockDim.x"
    " + threadIdx.x; i < (n); i += (long long)gridDim.x * blockDim.x)\n"
    "extern \"C\" __global__ void k_inc(long long n, double *x) {\n"
    "  FOR(i, n) x[i] += 1; }\n"
    "extern \"C\" __global__ void k_fault(long long n, double *x) {\n"
    "  if (blockIdx.x == 0 && threadIdx.x == 0) *(volatile double *)8 = 1; }\n"
    "extern \"C\" __global__ void k_sum(long long n, const double *x,\n"
    "                                  double *s) {\n"
    "  double acc = 0; FOR(i, n) acc += x[i];\n"
    "  for (int o = 16; o > 0; o /= 2)\n"
    "    acc += __shfl_down_sync(0xffffffffu, acc, o);\n"
    "  if ((threadIdx.x & 31) == 0) atomicAdd(s, acc);\n"
    "}\n";
static const char *const kernels[] = {"k_inc", "k_fault", "k_sum"};
static struct __ppar_rt_module m_inc = {"inc", "gpu-async.c", 100, source,
                                        kernels, 3, __PPAR_RT_MODULE_CACHE, 0};
static struct __ppar_rt_module m_fault = {"fault", "gpu-async.c", 200, source,
                                          kernels, 3, __PPAR_RT_MODULE_CACHE,
                                          0};
static struct __ppar_rt_module m_total = {"total", "gpu-async.c", 300, source,
                                          kernels, 3, __PPAR_RT_MODULE_CACHE,
                                          0};

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int call(struct __ppar_rt_module *m, int k, double *x, long long n) {
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(m);
  if (!c)
    return -100;
  __ppar_rt_gpu_data(c, x, x + n, __PPAR_RT_ACCESS_READWRITE);
  if (__ppar_rt_gpu_copy_in(c) == 0) {
    double *d = __ppar_rt_gpu_ptr(c, x);
    __ppar_rt_gpu_launch(c, k, n, 1, (void *[]){&n, &d});
  }
  return __ppar_rt_gpu_end(c);
}

static double total(const double *x, long long n, int *end) {
  double s = 0;
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&m_total);
  __ppar_rt_gpu_data(c, x, x + n, __PPAR_RT_ACCESS_READ);
  if (__ppar_rt_gpu_copy_in(c) == 0) {
    const double *d = __ppar_rt_gpu_ptr(c, x);
    double *ds = __ppar_rt_gpu_scratch(c, &s, sizeof s);
    __ppar_rt_gpu_launch(c, 2, n, 1, (void *[]){&n, &d, &ds});
    __ppar_rt_gpu_fetch(c, &s, ds, sizeof s);
  }
  *end = __ppar_rt_gpu_end(c);
  return s;
}

static int nvrtc_loaded(void) {
  FILE *f = fopen("/proc/self/maps", "r");
  char line[1024];
  int found = 0;
  while (f && fgets(line, sizeof line, f))
    found |= strstr(line, "libnvrtc") != NULL;
  if (f)
    fclose(f);
  return found;
}

enum { N = 1 << 22 };
static double x[N];

static int all(const double *v, long long n, double want) {
  for (long long i = 0; i < n; i++)
    if (v[i] != want)
      return 0;
  return 1;
}

/* ---- Threads: each increments its own array; thread i also reads what
 * thread i-1's calls in flight wrote (a sum, which waits for them). ---- */
enum { T = 4, TN = 1 << 14 };
static double tx[T][TN];
static pthread_barrier_t bar;
static int cross_ok = 1;

static void *worker(void *arg) {
  int i = (int)(long)arg;
  for (int k = 0; k < 300; k++)
    call(&m_inc, 0, tx[i], TN);
  pthread_barrier_wait(&bar);
  int end;
  double s = total(tx[(i + T - 1) % T], TN, &end);
  if (end != 0 || s != 300.0 * TN)
    __atomic_store_n(&cross_ok, 0, __ATOMIC_SEQ_CST);
  pthread_barrier_wait(&bar);
  return NULL;
}

static int chain(void) {
  int end;
  total(x, N, &end); /* modules loaded before the timing */
  ppar_to_device(x, sizeof x);
  int bad = 0;
  double t0 = now_us();
  for (int i = 0; i < 1000; i++)
    bad |= call(&m_inc, 0, x, N);
  double t1 = now_us();
  /* 1000 kernels over 32 MiB take tens of ms, far longer than queuing
   * them: the wait finds most of them still to run. */
  int early = ppar_synchronize() == 0 && now_us() - t1 > 2000;
  double chain_us;
  printf("chain: 1000 calls, ends %d, returned before the kernels ran: %s\n",
         bad, early ? "yes" : "no");
  int rc = ppar_to_host(x);
  printf("to_host: %d, x %s\n", rc, all(x, N, 1000) ? "ok" : "WRONG");
  /* Per call: a chain of tiny calls, and the same calls each waited for. */
  static double tiny[256];
  ppar_to_device(tiny, sizeof tiny);
  for (int i = 0; i < 100; i++)
    call(&m_inc, 0, tiny, 256);
  ppar_synchronize();
  t0 = now_us();
  for (int i = 0; i < 1000; i++)
    call(&m_inc, 0, tiny, 256);
  ppar_synchronize();
  chain_us = (now_us() - t0) / 1000;
  t0 = now_us();
  for (int i = 0; i < 1000; i++) {
    call(&m_inc, 0, tiny, 256);
    ppar_synchronize();
  }
  double sync_us = (now_us() - t0) / 1000;
  printf("per call: chain %.2f us, waiting call %.2f us, chain faster: %s\n",
         chain_us, sync_us, chain_us < sync_us ? "yes" : "no");
  ppar_device_free(tiny);
  call(&m_inc, 0, x, N);
  double s = total(x, N, &end);
  printf("total: %s\n", end == 0 && s == 1001.0 * N ? "ok" : "WRONG");

  pthread_barrier_init(&bar, NULL, T);
  for (int i = 0; i < T; i++)
    ppar_to_device(tx[i], sizeof tx[i]);
  pthread_t th[T];
  for (long i = 0; i < T; i++)
    pthread_create(&th[i], NULL, worker, (void *)i);
  for (int i = 0; i < T; i++)
    pthread_join(th[i], NULL);
  int tok = cross_ok;
  for (int i = 0; i < T; i++) {
    tok &= ppar_to_host(tx[i]) == 0 && all(tx[i], TN, 300);
    ppar_device_free(tx[i]);
  }
  printf("threads: %d x 300 calls, cross-thread reads %s\n", T,
         tok ? "ok" : "WRONG");

  call(&m_inc, 0, x, N);
  rc = ppar_device_free(x);
  printf("device_free in flight: %d, to_host after it: %d\n", rc,
         ppar_to_host(x));
  printf("NVRTC loaded: %s\n", nvrtc_loaded() ? "yes" : "no");
  return 0;
}

static int pinned(void) {
  long long n = 1 << 24; /* 128 MiB */
  size_t bytes = (size_t)n * sizeof(double);
  double *p = ppar_host_alloc(bytes), *m = malloc(bytes);
  memset(p, 0, bytes);
  memset(m, 0, bytes);
  call(&m_inc, 0, p, n); /* warm: module, device blocks */
  call(&m_inc, 0, m, n);
  double tp = 1e30, tm = 1e30;
  for (int r = 0; r < 5; r++) {
    double t0 = now_us();
    call(&m_inc, 0, p, n);
    double t1 = now_us();
    call(&m_inc, 0, m, n);
    double t2 = now_us();
    tp = t1 - t0 < tp ? t1 - t0 : tp;
    tm = t2 - t1 < tm ? t2 - t1 : tm;
  }
  /* in and out: 2 * bytes cross PCIe per call */
  printf("pinned: %s %.1f GB/s, malloc: %s %.1f GB/s, pinned faster: %s\n",
         all(p, n, 6) ? "ok" : "WRONG", 2e-3 * bytes / tp,
         all(m, n, 6) ? "ok" : "WRONG", 2e-3 * bytes / tm,
         tp < tm ? "yes" : "no");
  ppar_host_free(p);
  free(m);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 1;
  const char *how = argv[1];
  if (!strcmp(how, "chain"))
    return chain();
  if (!strcmp(how, "pinned"))
    return pinned();
  ppar_to_device(x, sizeof x);
  int end = call(&m_fault, 1, x, N);
  printf("fault: end %d\n", end);
  fflush(stdout);
  if (!strcmp(how, "fault-sync"))
    printf("synchronize: %d\n", ppar_synchronize());
  else if (!strcmp(how, "fault-call"))
    total(x, N, &end);
  return 0;
}
