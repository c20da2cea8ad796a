// Record and replay (ppar_record, ppar_replay, ppar_record_free), driven by
// hand as generated code drives GPU calls, on the stand-in driver
// (Inputs/fake_cuda.c, which captures streams into graphs), in order
// (FAKE_CUDA_ASYNC=0) and asynchronously (each stream's work runs later on
// a thread of its own). A step of 10 calls on resident data is captured
// once (its kernels launched once, as a graph) and replayed with one graph
// launch each and no host wait; new contents of the resident data are
// used by the next replay; a replay after the data left the device is
// refused. A step with a call that returns a value is captured up to it,
// and replays by running the step again. Without a GPU a replay runs the
// step again too. Every answer is the serial one (ASan, UBSan, TSan).
//
// REQUIRES: nvrtc
// RUN: rm -rf %t.dir && mkdir -p %t.dir/lib
// RUN: %clang -shared -fPIC -O1 %S/Inputs/fake_cuda.c -o %t.dir/lib/libcuda.so.1 -lpthread
// RUN: %clang -std=c11 -g -Wl,--export-dynamic-symbol=fake_k_* -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -Wl,--export-dynamic-symbol=fake_k_* -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// DEFINE: %{env} = env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 TSAN_OPTIONS=halt_on_error=1
// RUN: %{env} FAKE_CUDA_ASYNC=0 %t graph 2>&1 | FileCheck %s --check-prefixes=GRAPH,ANSWER --match-full-lines
// RUN: %{env} FAKE_CUDA_ASYNC=1 %t graph 2>&1 | FileCheck %s --check-prefixes=GRAPH,ANSWER --match-full-lines
// RUN: %{env} FAKE_CUDA_ASYNC=1 %t.tsan graph 2>&1 | FileCheck %s --check-prefixes=GRAPH,ANSWER --match-full-lines
// GRAPH:       record: 0, kernels launched 10, graph launches 1, host waits 0
// NOGPU:       record: 0
// GRAPH-NEXT:  replays: 0, kernels launched 0, graph launches 5, host waits 0
// ANSWER:      after 6 steps: x[0]=1073741823 x[1]=2147483647 (serial: 1073741823 2147483647)
// ANSWER-NEXT: new contents, one replay: x[0]=31 x[1]=63 (serial: 31 63)
// GRAPH-NEXT:  ppar: error: ppar_replay: the resident data at {{.*}} (8000 bytes) that the recorded calls use is no longer on the device where it was recorded (ppar_device_free, or ppar_to_device again?): record the step again
// GRAPH-NEXT:  replay after ppar_device_free: -1
// ANSWER-NEXT: done
//
// RUN: %{env} PPAR_VERBOSE=1 FAKE_CUDA_ASYNC=1 %t interrupt 2>&1 | FileCheck %s --check-prefix=STOP --match-full-lines
// STOP:      ppar: ppar_record: total (gpu-record-fake.c:500) has a result or scratch values: a replay runs the step again
// STOP:      record: 0, sum 1000, graph launches 1
// STOP-NEXT: replays: 0, kernels launched 6, graph launches 0
// STOP-NEXT: x[0]=6 x[999]=1005 (serial: 6 1005)
//
// A step that creates a task (its calls run on a worker's stream) is
// captured up to it; the task's call on the same data waits for the
// captured calls on the device.
// RUN: %{env} PPAR_VERBOSE=1 FAKE_CUDA_ASYNC=1 PPAR_NUM_THREADS=2 %t task 2>&1 | FileCheck %s --check-prefix=TASK --match-full-lines
// RUN: %{env} FAKE_CUDA_ASYNC=1 PPAR_NUM_THREADS=2 %t.tsan task 2>&1 | FileCheck %s --check-prefix=TASK2 --match-full-lines
// TASK:       ppar: ppar_record: bump (t.c:7) creates a task: a replay runs the step again
// TASK:       x[0]=9 x[999]=1008 (serial: 9 1008)
// TASK2:      x[0]=9 x[999]=1008 (serial: 9 1008)
//
// Without a GPU (no driver) the calls run on the CPU and a replay runs
// the step again.
// RUN: env CUDA_VISIBLE_DEVICES= ASAN_OPTIONS=detect_leaks=1 %t graph 2>/dev/null | FileCheck %s --check-prefixes=NOGPU,ANSWER --match-full-lines
#define _POSIX_C_SOURCE 200809L
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* ---- Kernels of the stand-in, and the same on the CPU ------------------- */

int fake_k_inc_nparams = 2, fake_k_dbl_nparams = 2, fake_k_sum_nparams = 3;
static void inc_cpu(long long n, double *x) {
  for (long long i = 0; i < n; i++)
    x[i] += 1;
}
static void dbl_cpu(long long n, double *x) {
  for (long long i = 0; i < n; i++)
    x[i] *= 2;
}
int fake_k_inc(void **p) {
  inc_cpu(*(long long *)p[0], *(double **)p[1]);
  return 0;
}
int fake_k_dbl(void **p) {
  dbl_cpu(*(long long *)p[0], *(double **)p[1]);
  return 0;
}
int fake_k_sum(void **p) {
  long long n = *(long long *)p[0];
  const double *x = *(double **)p[1];
  double *s = *(double **)p[2];
  for (long long i = 0; i < n; i++)
    *s += x[i];
  return 0;
}

static const char source[] =
    "extern \"C\" __global__ void k_inc(long long n, double *x) {}\n"
    "extern \"C\" __global__ void k_dbl(long long n, double *x) {}\n"
    "extern \"C\" __global__ void k_sum(long long n, const double *x,\n"
    "                                  double *s) {}\n";
static const char *const kernels[] = {"k_inc", "k_dbl", "k_sum"};
enum { K_INC, K_DBL, K_SUM };
#define MODULE(var, name, line)                                                \
  static struct __ppar_rt_module var = {name, "gpu-record-fake.c", line,      \
                                        source, kernels, 3,                    \
                                        __PPAR_RT_MODULE_CACHE, 0}
MODULE(m_inc, "inc", 100);
MODULE(m_dbl, "dbl", 300);
MODULE(m_total, "total", 500);

enum { N = 1000 };
static double x[N];

static long (*syncs)(void), (*launches)(void), (*graphs)(void);
static long count(long (*f)(void)) { return f ? f() : 0; }

/* Without a GPU the hand-written calls compute on x itself (generated code
 * would use the host copy of resident data): no resident data then. */
static void to_device(void) {
  if (syncs)
    ppar_to_device(x, sizeof x);
}
static void to_host(void) {
  if (syncs)
    ppar_to_host(x);
}

/* Kernel k on x[0:n]; on the CPU when the GPU cannot (generated code runs
 * the function's CPU version then). */
static int call(struct __ppar_rt_module *m, int k, double *x, long long n) {
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(m);
  if (!c) {
    (k == K_INC ? inc_cpu : dbl_cpu)(n, x);
    return 0;
  }
  __ppar_rt_gpu_data(c, x, x + n, __PPAR_RT_ACCESS_READWRITE);
  if (__ppar_rt_gpu_copy_in(c) == 0) {
    double *d = __ppar_rt_gpu_ptr(c, x);
    __ppar_rt_gpu_launch(c, k, n, 1, (void *[]){&n, &d});
  }
  return __ppar_rt_gpu_end(c);
}

static double total(const double *x, long long n) {
  double s = 0;
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&m_total);
  if (!c) {
    for (long long i = 0; i < n; i++)
      s += x[i];
    return s;
  }
  __ppar_rt_gpu_data(c, x, x + n, __PPAR_RT_ACCESS_READ);
  if (__ppar_rt_gpu_copy_in(c) == 0) {
    const double *d = __ppar_rt_gpu_ptr(c, x);
    double *ds = __ppar_rt_gpu_reduction(c, &s, sizeof s);
    __ppar_rt_gpu_launch(c, K_SUM, n, 1, (void *[]){&n, &d, &ds});
    __ppar_rt_gpu_fetch(c, &s, ds, sizeof s);
  }
  __ppar_rt_gpu_end(c);
  return s;
}

/* One time step: x = 2x + 1, five times (10 calls): 32x + 31. */
static void step(void *arg) {
  (void)arg;
  for (int i = 0; i < 5; i++) {
    call(&m_dbl, K_DBL, x, N);
    call(&m_inc, K_INC, x, N);
  }
}

static int graph(void) {
  for (int i = 0; i < N; i++)
    x[i] = i;
  to_device();
  ppar_synchronize();
  long l0 = count(launches), g0 = count(graphs), s0 = count(syncs);
  ppar_recording *rec = NULL;
  int rc = ppar_record(&rec, step, NULL);
  if (syncs)
    printf("record: %d, kernels launched %ld, graph launches %ld, host waits "
           "%ld\n",
           rc, count(launches) - l0, count(graphs) - g0, count(syncs) - s0);
  else
    printf("record: %d\n", rc);
  l0 = count(launches), g0 = count(graphs), s0 = count(syncs);
  rc = 0;
  for (int r = 0; r < 5; r++)
    rc |= ppar_replay(rec);
  if (syncs)
    printf("replays: %d, kernels launched %ld, graph launches %ld, host "
           "waits %ld\n",
           rc, count(launches) - l0, count(graphs) - g0, count(syncs) - s0);
  to_host();
  printf("after 6 steps: x[0]=%.0f x[1]=%.0f (serial: 1073741823 "
         "2147483647)\n",
         x[0], x[1]);
  /* The contents may change between replays. */
  for (int i = 0; i < N; i++)
    x[i] = i;
  to_device();
  ppar_replay(rec);
  to_host();
  printf("new contents, one replay: x[0]=%g x[1]=%g (serial: 31 63)\n", x[0],
         x[1]);
  fflush(stdout);
  if (syncs) {
    ppar_device_free(x);
    /* The graph's kernels would use freed device memory: refused. */
    rc = ppar_replay(rec);
    printf("replay after ppar_device_free: %d\n", rc);
  }
  ppar_record_free(rec);
  printf("done\n");
  return 0;
}

/* A step with a reduction in the middle: captured up to it. */
static double sum;
static void step_with_total(void *arg) {
  (void)arg;
  call(&m_inc, K_INC, x, N);
  sum = total(x, N);
  call(&m_inc, K_INC, x, N);
}

static int interrupt(void) {
  for (int i = 0; i < N; i++)
    x[i] = i;
  to_device();
  ppar_synchronize();
  long g0 = count(graphs);
  ppar_recording *rec = NULL;
  int rc = ppar_record(&rec, step_with_total, NULL);
  printf("record: %d, sum %g, graph launches %ld\n", rc, sum - 499500,
         count(graphs) - g0);
  long l0 = count(launches);
  g0 = count(graphs);
  rc = ppar_replay(rec) | ppar_replay(rec);
  printf("replays: %d, kernels launched %ld, graph launches %ld\n", rc,
         count(launches) - l0, count(graphs) - g0);
  to_host();
  printf("x[0]=%g x[999]=%g (serial: 6 1005)\n", x[0], x[N - 1]);
  ppar_record_free(rec);
  if (syncs)
    ppar_device_free(x);
  return 0;
}

/* inc, a task that incs (forced at once), inc. */
static void bump_task(void *args, void *res) {
  (void)args, (void)res;
  call(&m_inc, K_INC, x, N);
}
static void step_with_task(void *arg) {
  (void)arg;
  call(&m_inc, K_INC, x, N);
  struct __ppar_rt_access acc = {x, x + N, __PPAR_RT_ACCESS_READWRITE};
  struct __ppar_rt_task *t = __ppar_rt_task_create(
      "bump", "t.c", 7, bump_task, NULL, 0, 0, &acc, 1, NULL, 0,
      __PPAR_RT_TASK_NOGIL | __PPAR_RT_TASK_EAGER);
  __ppar_rt_task_force(t);
  __ppar_rt_task_release(t);
  call(&m_inc, K_INC, x, N);
}

static int with_task(void) {
  for (int i = 0; i < N; i++)
    x[i] = i;
  to_device();
  ppar_recording *rec = NULL;
  int rc = ppar_record(&rec, step_with_task, NULL);
  rc |= ppar_replay(rec) | ppar_replay(rec);
  to_host();
  printf("x[0]=%g x[999]=%g (serial: 9 1008)%s\n", x[0], x[N - 1],
         rc ? " (a call failed)" : "");
  ppar_record_free(rec);
  if (syncs)
    ppar_device_free(x);
  return 0;
}

int main(int argc, char **argv) {
  void *lib = ppar_device_count() == 1
                  ? dlopen("libcuda.so.1", RTLD_NOW | RTLD_NOLOAD)
                  : NULL;
  if (lib) {
    syncs = (long (*)(void))dlsym(lib, "fake_cuda_syncs");
    launches = (long (*)(void))dlsym(lib, "fake_cuda_launches");
    graphs = (long (*)(void))dlsym(lib, "fake_cuda_graph_launches");
  }
  if (argc < 2)
    return 1;
  if (!strcmp(argv[1], "graph"))
    return graph();
  if (!strcmp(argv[1], "interrupt"))
    return interrupt();
  if (!strcmp(argv[1], "task"))
    return with_task();
  return 1;
}
