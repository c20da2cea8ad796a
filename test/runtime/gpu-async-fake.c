// Asynchronous GPU calls, driven by hand as generated code drives them, on
// a stand-in driver (Inputs/fake_cuda.c: one device whose memory is host
// memory, kernels are host functions of this file, waits are counted).
// A call on resident data that returns nothing ends without waiting; the
// host waits at ppar_to_host, ppar_device_free, a call with a result or
// with data that is not resident, ppar_synchronize and exit, and a
// kernel's fault is reported there, naming the call. Also: a second
// process loads the kernels from the cache without loading NVRTC, and the
// program's pinned memory (ppar_host_alloc, ppar_host_register) is pooled
// and copied without staging.
//
// REQUIRES: nvrtc
// RUN: rm -rf %t.dir && mkdir -p %t.dir/lib
// RUN: %clang -shared -fPIC -O1 %S/Inputs/fake_cuda.c -o %t.dir/lib/libcuda.so.1
// RUN: %clang -std=c11 -g -Wl,--export-dynamic-symbol=fake_k_* -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -Wl,--export-dynamic-symbol=fake_k_* -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// DEFINE: %{env} = env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1
// RUN: %{env} PPAR_VERBOSE=1 %t chain 2>&1 | FileCheck %s --check-prefix=CHAIN --match-full-lines --implicit-check-not="than predicted"
// CHAIN:      ppar: total (gpu-async-fake.c:300): kernel compiled in {{[0-9.]+}} ms for sm_90
// CHAIN:      ppar: inc (gpu-async-fake.c:100): kernels loaded from cache in {{[0-9.]+}} ms for sm_90
// CHAIN:      chain: 1000 calls, ends 0, waits 0
// CHAIN-NEXT: ppar: waiting for 1000 asynchronous GPU calls (the first of inc, gpu-async-fake.c:100) at ppar_to_host
// CHAIN-NEXT: to_host: 0, waited 1, x[0]=1000 x[999]=1000
// CHAIN-NEXT: synchronize with nothing in flight: 0, waits 0
// CHAIN-NEXT: ppar: total (gpu-async-fake.c:300): waits for 1 asynchronous GPU call (the first of inc, gpu-async-fake.c:100): the call returns a value the host needs
// CHAIN-NEXT: total: 1.001e+06 (end 0), waited 1
// CHAIN-NEXT: ppar: inc (gpu-async-fake.c:100): waits for 1 asynchronous GPU call (the first of inc, gpu-async-fake.c:100): the call uses data that is not resident
// CHAIN-NEXT: not resident: y[0]=1 (end 0), waited 1
// CHAIN-NEXT: ppar: waiting for 1 asynchronous GPU call (the first of inc, gpu-async-fake.c:100) at ppar_synchronize
// CHAIN-NEXT: synchronize: 0, waited 1
// CHAIN-NEXT: ppar: waiting for 1 asynchronous GPU call (the first of inc, gpu-async-fake.c:100) at ppar_device_free
// CHAIN-NEXT: device_free in flight: 0, waited 1, to_host after it: -6
// CHAIN-NEXT: second reason, logged once: waited 1
// CHAIN-NEXT: NVRTC loaded: yes
// CHAIN-NEXT: done
//
// The cache entry written above is loaded by a second process without
// loading NVRTC (the key names NVRTC's file, not its version).
// RUN: %{env} PPAR_VERBOSE=1 %t chain 2>&1 | FileCheck %s --check-prefix=HIT --match-full-lines
// HIT:        ppar: total (gpu-async-fake.c:300): kernels loaded from cache in {{[0-9.]+}} ms for sm_90
// HIT:        NVRTC loaded: no
//
// Faults: reported at the wait that sees them, naming the first call in
// flight; the API function returns the code, a call or exit ends the
// program with status 2.
// RUN: %{env} %t fault-sync 2>&1 | FileCheck %s --check-prefix=FSYNC --match-full-lines
// FSYNC:      fault: end 0
// FSYNC-NEXT: ppar: error: inc (gpu-async-fake.c:100): the asynchronous GPU call failed: cuStreamSynchronize failed: CUDA_ERROR_ILLEGAL_ADDRESS (700): an illegal memory access was encountered; seen at ppar_synchronize (2 calls were in flight, from this one to fault (gpu-async-fake.c:200): the failure may be in any of them)
// FSYNC-NEXT: synchronize: -5 'ppar: inc (gpu-async-fake.c:100): the asynchronous GPU call failed: {{.*}}; seen at ppar_synchronize (2 calls {{.*}})'
// FSYNC-NEXT: synchronize again: 0
// RUN: %{env} %t fault-to-host 2>&1 | FileCheck %s --check-prefix=FHOST --match-full-lines
// FHOST:      fault: end 0
// FHOST-NEXT: ppar: error: fault (gpu-async-fake.c:200): the asynchronous GPU call failed: {{.*}}; seen at ppar_to_host
// FHOST-NEXT: to_host: -5
// RUN: %{env} not %t fault-call 2>&1 | FileCheck %s --check-prefix=FCALL --match-full-lines
// FCALL:      fault: end 0
// FCALL-NEXT: ppar: error: fault (gpu-async-fake.c:200): the asynchronous GPU call failed: {{.*}}; seen when total (gpu-async-fake.c:300) waited: the call failed after it
// FCALL-NOT:  total
// RUN: %{env} not %t fault-exit > %t.out 2>&1; FileCheck %s --check-prefix=FEXIT --match-full-lines < %t.out
// FEXIT:      fault: end 0
// FEXIT-NEXT: leaving main
// FEXIT-NEXT: ppar: error: fault (gpu-async-fake.c:200): the asynchronous GPU call failed: {{.*}}; seen at the program's exit
//
// Threads: data written by one thread's calls in flight is waited for by
// another thread's ppar_to_host and calls (their streams are not ordered).
// RUN: %{env} %t threads 2>&1 | FileCheck %s --check-prefix=THREADS --match-full-lines
// RUN: %{env} TSAN_OPTIONS=halt_on_error=1 %t.tsan threads 2>&1 | FileCheck %s --check-prefix=THREADS --match-full-lines
// THREADS:      worker: 200 calls in flight
// THREADS-NEXT: main to_host: 0, x[0]=200, worker's record empty=1
// THREADS-NEXT: worker: 200 more
// THREADS-NEXT: main call on the same data: end 0, worker's record empty=1
// THREADS-NEXT: main to_host: 0, x[0]=401
//
// The same on the stand-in's asynchronous streams (each runs its work
// later, on a thread of its own): the answers need the waits between
// streams (the main thread's call on the worker's data waits for the
// worker's stream on the device).
// RUN: %{env} FAKE_CUDA_ASYNC=1 %t threads 2>&1 | FileCheck %s --check-prefix=THREADS --match-full-lines
// RUN: %{env} FAKE_CUDA_ASYNC=1 TSAN_OPTIONS=halt_on_error=1 %t.tsan threads 2>&1 | FileCheck %s --check-prefix=THREADS --match-full-lines
// RUN: %{env} FAKE_CUDA_ASYNC=1 %t fault-sync 2>&1 | FileCheck %s --check-prefix=FSYNC --match-full-lines
// RUN: %{env} FAKE_CUDA_ASYNC=1 %t pinned 2>&1 | FileCheck %s --check-prefix=PINNED --match-full-lines
//
// Pinned host memory through the driver: pooled by size class, registered
// ranges, copies without staging (the trace names them), double free.
// RUN: %{env} PPAR_TRACE=%t.json %t pinned 2>&1 | FileCheck %s --check-prefix=PINNED --match-full-lines
// PINNED:      alloc: pinned 1, again after free: same block=1 pinned 1
// PINNED-NEXT: other class: pinned 2
// PINNED-NEXT: register: 0 pinned 3, overlap: -1, unregister: 0 again: -6
// PINNED-NEXT: call on pinned data: end 0 y[0]=1 y[last]=1
// RUN: FileCheck %s --check-prefix=PTRACE < %t.json
// PTRACE-DAG: {"name": "H2D pinned", "cat": "copy", {{.*}}"bytes": 1048576{{.*}}
// PTRACE-DAG: {"name": "D2H pinned", "cat": "copy", {{.*}}"bytes": 1048576{{.*}}
// PTRACE-DAG: {"name": "k_inc", "cat": "launch", {{.*}}
// PTRACE-DAG: {"name": "ppar_synchronize", "cat": "wait", {{.*}}
// RUN: %{env} not %t double-free 2>&1 | FileCheck %s --check-prefix=DFREE --match-full-lines
// DFREE: ppar: error: ppar_host_free({{.+}}): this block was already freed
#define _GNU_SOURCE
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Kernels of the stand-in driver: host functions, run at launch. */
/* For the stand-in's asynchronous mode (FAKE_CUDA_ASYNC=1). */
int fake_k_inc_nparams = 2, fake_k_fault_nparams = 2, fake_k_sum_nparams = 3;
#include "Inputs/fake_kernels.h"
int fake_k_sum(void **p) {
  long long n = *(long long *)p[0];
  const double *x = *(double **)p[1];
  double *s = *(double **)p[2];
  for (long long i = 0; i < n; i++)
    *s += x[i];
  return 0;
}

/* NVRTC compiles this (the stand-in ignores the image). */
static const char source[] =
    "extern \"C\" __global__ void k_inc(long long n, double *x) {}\n"
    "extern \"C\" __global__ void k_fault(long long n, double *x) {}\n"
    "extern \"C\" __global__ void k_sum(long long n, const double *x,\n"
    "                                  double *s) {}\n";
static const char *const kernels[] = {"k_inc", "k_fault", "k_sum"};
static struct __ppar_rt_module m_inc = {"inc", "gpu-async-fake.c", 100,
                                        source, kernels, 3,
                                        __PPAR_RT_MODULE_CACHE, 0};
static struct __ppar_rt_module m_fault = {"fault", "gpu-async-fake.c", 200,
                                          source, kernels, 3,
                                          __PPAR_RT_MODULE_CACHE, 0};
static struct __ppar_rt_module m_total = {"total", "gpu-async-fake.c", 300,
                                          source, kernels, 3,
                                          __PPAR_RT_MODULE_CACHE, 0};

static long (*syncs)(void);
static long (*pinned)(void);

/* x[i] += 1 as a GPU call (kernel k of m). */
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

/* The sum of x as a GPU call with a reduction: the host needs its value. */
static double total(const double *x, long long n, int *end) {
  double s = 0;
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&m_total);
  __ppar_rt_gpu_data(c, x, x + n, __PPAR_RT_ACCESS_READ);
  if (__ppar_rt_gpu_copy_in(c) == 0) {
    const double *d = __ppar_rt_gpu_ptr(c, x);
    double *ds = __ppar_rt_gpu_reduction(c, &s, sizeof s);
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

enum { N = 1000 };
static double x[N], y[N];

static int chain(void) {
  int end;
  total(x, N, &end); /* its module loaded before the counts start */
  ppar_to_device(x, sizeof x);
  long w0 = syncs();
  int bad = 0;
  for (int i = 0; i < 1000; i++)
    bad |= call(&m_inc, 0, x, N);
  printf("chain: 1000 calls, ends %d, waits %ld\n", bad, syncs() - w0);
  fflush(stdout);
  w0 = syncs();
  int rc = ppar_to_host(x);
  printf("to_host: %d, waited %d, x[0]=%g x[999]=%g\n", rc, syncs() > w0,
         x[0], x[N - 1]);
  w0 = syncs();
  rc = ppar_synchronize();
  printf("synchronize with nothing in flight: %d, waits %ld\n", rc,
         syncs() - w0);
  fflush(stdout);
  /* A result: the call waits (and so for the calls before it). */
  call(&m_inc, 0, x, N);
  w0 = syncs();
  double s = total(x, N, &end);
  printf("total: %g (end %d), waited %d\n", s, end, syncs() > w0);
  fflush(stdout);
  /* Data that is not resident is copied out: the call waits. */
  call(&m_inc, 0, x, N);
  w0 = syncs();
  end = call(&m_inc, 0, y, N);
  printf("not resident: y[0]=%g (end %d), waited %d\n", y[0], end,
         syncs() > w0);
  fflush(stdout);
  call(&m_inc, 0, x, N);
  w0 = syncs();
  rc = ppar_synchronize();
  printf("synchronize: %d, waited %d\n", rc, syncs() > w0);
  fflush(stdout);
  call(&m_inc, 0, x, N);
  w0 = syncs();
  rc = ppar_device_free(x);
  long waited = syncs() - w0;
  printf("device_free in flight: %d, waited %d, to_host after it: %d\n", rc,
         waited > 0, ppar_to_host(x));
  /* Each reason is logged once: these waits print nothing. */
  ppar_to_device(x, sizeof x);
  call(&m_inc, 0, x, N);
  w0 = syncs();
  ppar_to_host(x);
  call(&m_inc, 0, x, N);
  ppar_synchronize();
  printf("second reason, logged once: waited %d\n", syncs() > w0);
  printf("NVRTC loaded: %s\n", nvrtc_loaded() ? "yes" : "no");
  ppar_device_free(x);
  printf("done\n");
  return 0;
}

/* A kernel faults in a call that returned 0: the fault shows at the next
 * wait. fault-sync has a call in flight before it, so the line names the
 * range of calls the failure may be in. */
static void fault(const char *how) {
  ppar_to_device(x, sizeof x);
  if (!strcmp(how, "fault-sync"))
    call(&m_inc, 0, x, N);
  int end = call(&m_fault, 1, x, N);
  printf("fault: end %d\n", end);
  fflush(stdout);
}

/* ---- Threads ------------------------------------------------------------ */

static pthread_barrier_t step;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 200; i++)
    call(&m_inc, 0, x, N);
  printf("worker: 200 calls in flight\n");
  fflush(stdout);
  pthread_barrier_wait(&step); /* main: ppar_to_host */
  pthread_barrier_wait(&step);
  for (int i = 0; i < 200; i++)
    call(&m_inc, 0, x, N);
  printf("worker: 200 more\n");
  fflush(stdout);
  pthread_barrier_wait(&step); /* main: a call on x */
  pthread_barrier_wait(&step);
  return NULL;
}

static int threads(void) {
  ppar_to_device(x, sizeof x);
  pthread_barrier_init(&step, NULL, 2);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_barrier_wait(&step);
  int rc = ppar_to_host(x);
  printf("main to_host: %d, x[0]=%g, worker's record empty=%d\n", rc, x[0],
         ppar_synchronize() == 0);
  fflush(stdout);
  pthread_barrier_wait(&step);
  pthread_barrier_wait(&step);
  int end = call(&m_inc, 0, x, N);
  printf("main call on the same data: end %d, worker's record empty=%d\n",
         end, ppar_synchronize() == 0);
  pthread_barrier_wait(&step);
  pthread_join(t, NULL);
  rc = ppar_to_host(x);
  printf("main to_host: %d, x[0]=%g\n", rc, x[0]);
  ppar_device_free(x);
  pthread_barrier_destroy(&step);
  return 0;
}

/* ---- Pinned memory ------------------------------------------------------ */

static int pinned_memory(void) {
  size_t n = 1 << 20;
  double *a = ppar_host_alloc(n);
  long p1 = pinned();
  ppar_host_free(a);
  double *b = ppar_host_alloc(n - 100); /* same class */
  printf("alloc: pinned %ld, again after free: same block=%d pinned %ld\n",
         p1, a == b, pinned());
  double *c = ppar_host_alloc(3 * n);
  printf("other class: pinned %ld\n", pinned());
  char *buf = malloc(n);
  int r1 = ppar_host_register(buf, n);
  long p3 = pinned();
  int r2 = ppar_host_register(buf + 10, 100);
  int u1 = ppar_host_unregister(buf);
  int u2 = ppar_host_unregister(buf);
  printf("register: %d pinned %ld, overlap: %d, unregister: %d again: %d\n",
         r1, p3, r2, u1, u2);
  long long m = (long long)(n / sizeof(double));
  memset(b, 0, n);
  int end = call(&m_inc, 0, b, m);
  printf("call on pinned data: end %d y[0]=%g y[last]=%g\n", end, b[0],
         b[m - 1]);
  ppar_to_device(x, sizeof x);
  call(&m_inc, 0, x, N);
  ppar_synchronize();
  ppar_device_free(x);
  ppar_host_free(b);
  ppar_host_free(c);
  free(buf);
  return 0;
}

int main(int argc, char **argv) {
  /* The runtime opened the driver (RTLD_LOCAL): ask that copy. */
  void *lib = ppar_device_count() == 1
                  ? dlopen("libcuda.so.1", RTLD_NOW | RTLD_NOLOAD)
                  : NULL;
  syncs = lib ? (long (*)(void))dlsym(lib, "fake_cuda_syncs") : NULL;
  pinned = lib ? (long (*)(void))dlsym(lib, "fake_cuda_pinned") : NULL;
  if (argc < 2 || !syncs || !pinned) {
    printf("the stand-in driver is not loaded\n");
    return 1;
  }
  const char *how = argv[1];
  if (!strcmp(how, "chain"))
    return chain();
  if (!strcmp(how, "threads"))
    return threads();
  if (!strcmp(how, "pinned"))
    return pinned_memory();
  if (!strcmp(how, "double-free")) {
    void *p = ppar_host_alloc(4096);
    ppar_host_free(p);
    ppar_host_free(p);
    return 0;
  }
  fault(how);
  if (!strcmp(how, "fault-sync")) {
    int rc = ppar_synchronize();
    printf("synchronize: %d '%s'\n", rc, ppar_last_error());
    printf("synchronize again: %d\n", ppar_synchronize());
  } else if (!strcmp(how, "fault-to-host")) {
    printf("to_host: %d\n", ppar_to_host(x));
  } else if (!strcmp(how, "fault-call")) {
    int end;
    double s = total(x, N, &end);
    printf("total: %g end %d\n", s, end);
  } else if (!strcmp(how, "fault-exit")) {
    printf("leaving main\n");
  }
  return 0;
}
