// Streams of tasks, on the stand-in driver in its asynchronous mode
// (Inputs/fake_cuda.c, FAKE_CUDA_ASYNC=1: each stream runs its work later,
// on a thread of its own, so a missing wait between streams gives a wrong
// answer). Each host thread, so each worker of the task pool, has its own
// stream. A call on resident data that calls of another thread still have
// in flight makes its stream wait for theirs on the device
// (cuEventRecord + cuStreamWaitEvent), without a host wait; the host waits
// only at ppar_to_host, ppar_synchronize or for a result. Copies of tasks
// go through pinned staging (each chunk reused only after its DMA ran).
// A fault of a call that another stream waited for is seen at the next
// wait, naming the calls.
//
// REQUIRES: nvrtc
// RUN: rm -rf %t.dir && mkdir -p %t.dir/lib
// RUN: %clang -shared -fPIC -O1 %S/Inputs/fake_cuda.c -o %t.dir/lib/libcuda.so.1 -lpthread
// RUN: %clang -std=c11 -g -Wl,--export-dynamic-symbol=fake_k_* -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -Wl,--export-dynamic-symbol=fake_k_* -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// DEFINE: %{env} = env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache FAKE_CUDA_ASYNC=1 UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 TSAN_OPTIONS=halt_on_error=1
// RUN: %{env} %t threads 2>&1 | FileCheck %s --check-prefix=THREADS --match-full-lines
// RUN: %{env} %t.tsan threads 2>&1 | FileCheck %s --check-prefix=THREADS --match-full-lines
// THREADS:      A: 3 calls in flight
// THREADS-NEXT: B: call on the same data: end 0, host waits 0, stream waits 1
// THREADS-NEXT: to_host: 0, x[1]=9 x[999]=7993 (serial: 9 7993)
//
// RUN: %{env} PPAR_NUM_THREADS=1 %t tasks 2>&1 | FileCheck %s --check-prefix=TASKS --match-full-lines
// RUN: %{env} PPAR_NUM_THREADS=4 %t tasks 2>&1 | FileCheck %s --check-prefix=TASKS --match-full-lines
// RUN: %{env} PPAR_NUM_THREADS=4 %t.tsan tasks 2>&1 | FileCheck %s --check-prefix=TASKS --match-full-lines
// TASKS:      tasks: host waits while they ran: 0
// TASKS-NEXT: a0[7]=134 a1[7]=71 a2[7]=166 a3[7]=87 (serial: 134 71 166 87)
// TASKS-NEXT: with copies: y0[5]=6 y3[123456]=123460 (serial: 6 123460), ends 0
//
// RUN: %{env} FAKE_CUDA_DELAY_US=300000 %t fault 2>&1 | FileCheck %s --check-prefix=FAULT --match-full-lines
// FAULT:      A: a faulting call in flight
// FAULT-NEXT: B: call on the same data: end 0
// FAULT-NEXT: ppar: error: inc (gpu-streams-fake.c:100): the asynchronous GPU call failed: cuStreamSynchronize failed: CUDA_ERROR_ILLEGAL_ADDRESS (700): an illegal memory access was encountered; seen at ppar_synchronize (it waited on the GPU for calls of other threads, which may have failed instead)
// FAULT-NEXT: ppar: error: fault (gpu-streams-fake.c:200): the asynchronous GPU call failed: {{.*}}; seen at ppar_synchronize
// FAULT-NEXT: synchronize: -5
//
// Arrays side by side (rows of one 2-D array), one resident and the next
// resident or not: a call on both gets each row's own device copy. The
// base of the second row used to be taken for one past the end of the
// first, and its kernel read past the first row's device block.
// RUN: %{env} FAKE_CUDA_ASYNC=0 %t adjacent 2>&1 | FileCheck %s --check-prefix=ADJ --match-full-lines
// RUN: %{env} %t adjacent 2>&1 | FileCheck %s --check-prefix=ADJ --match-full-lines
// ADJ:      both resident: m[0][5]=15 (serial: 15), end 0
// ADJ-NEXT: second resident: m[0][5]=15 (serial: 15), end 0
#define _POSIX_C_SOURCE 200809L
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* ---- Kernels of the stand-in (host functions, 8-byte parameters) ------- */

int fake_k_inc_nparams = 2, fake_k_dbl_nparams = 2, fake_k_add_nparams = 3,
    fake_k_fault_nparams = 2;
#include "Inputs/fake_kernels.h"
int fake_k_dbl(void **p) {
  long long n = *(long long *)p[0];
  double *x = *(double **)p[1];
  for (long long i = 0; i < n; i++)
    x[i] *= 2;
  return 0;
}
int fake_k_add(void **p) { /* x += y */
  long long n = *(long long *)p[0];
  double *x = *(double **)p[1];
  const double *y = *(double **)p[2];
  for (long long i = 0; i < n; i++)
    x[i] += y[i];
  return 0;
}

static const char source[] =
    "extern \"C\" __global__ void k_inc(long long n, double *x) {}\n"
    "extern \"C\" __global__ void k_dbl(long long n, double *x) {}\n"
    "extern \"C\" __global__ void k_add(long long n, double *x,\n"
    "                                  const double *y) {}\n"
    "extern \"C\" __global__ void k_fault(long long n, double *x) {}\n";
static const char *const kernels[] = {"k_inc", "k_dbl", "k_add", "k_fault"};
enum { K_INC, K_DBL, K_ADD, K_FAULT };
#define MODULE(var, name, line)                                                \
  static struct __ppar_rt_module var = {name, "gpu-streams-fake.c", line,     \
                                        source, kernels, 4,                    \
                                        __PPAR_RT_MODULE_CACHE, 0}
MODULE(m_inc, "inc", 100);
MODULE(m_fault, "fault", 200);
MODULE(m_dbl, "dbl", 300);
MODULE(m_add, "add", 400);

static long (*syncs)(void), (*stream_waits)(void);

/* Kernel k of m on x[0:n] (read-write), and y[0:n] (read) when given. */
static int call(struct __ppar_rt_module *m, int k, double *x, const double *y,
                long long n) {
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(m);
  if (!c)
    return -100;
  __ppar_rt_gpu_data(c, x, x + n, __PPAR_RT_ACCESS_READWRITE);
  if (y)
    __ppar_rt_gpu_data(c, y, y + n, __PPAR_RT_ACCESS_READ);
  if (__ppar_rt_gpu_copy_in(c) == 0) {
    double *d = __ppar_rt_gpu_ptr(c, x);
    const double *e = y ? __ppar_rt_gpu_ptr(c, y) : NULL;
    __ppar_rt_gpu_launch(c, k, n, 1, (void *[]){&n, &d, &e});
  }
  return __ppar_rt_gpu_end(c);
}

enum { N = 1000 };
static double x[N];

/* ---- Two threads, one resident array ------------------------------------ */

static pthread_barrier_t step;
static int fault_mode;

static void *thread_a(void *arg) {
  (void)arg;
  if (fault_mode) {
    call(&m_fault, K_FAULT, x, NULL, N);
    printf("A: a faulting call in flight\n");
  } else {
    for (int i = 0; i < 3; i++)
      call(&m_dbl, K_DBL, x, NULL, N);
    printf("A: 3 calls in flight\n");
  }
  fflush(stdout);
  pthread_barrier_wait(&step); /* B calls */
  pthread_barrier_wait(&step); /* main waits */
  pthread_barrier_wait(&step); /* then the threads may end */
  return NULL;
}

static void *thread_b(void *arg) {
  (void)arg;
  pthread_barrier_wait(&step);
  long s0 = syncs(), w0 = stream_waits();
  int end = call(&m_inc, K_INC, x, NULL, N);
  if (fault_mode)
    printf("B: call on the same data: end %d\n", end);
  else
    printf("B: call on the same data: end %d, host waits %ld, stream waits "
           "%ld\n",
           end, syncs() - s0, stream_waits() - w0);
  fflush(stdout);
  pthread_barrier_wait(&step);
  pthread_barrier_wait(&step);
  return NULL;
}

/* B's call must run after A's on the device: (8i) + 1, not 8(i + 1). */
static int threads(int faulting) {
  fault_mode = faulting;
  /* Modules loaded first, so that B's call comes while A's are queued. */
  static double warm[4];
  call(&m_dbl, K_DBL, warm, NULL, 4);
  call(&m_inc, K_INC, warm, NULL, 4);
  for (int i = 0; i < N; i++)
    x[i] = i;
  ppar_to_device(x, sizeof x);
  pthread_barrier_init(&step, NULL, 3);
  pthread_t a, b;
  pthread_create(&a, NULL, thread_a, NULL);
  pthread_create(&b, NULL, thread_b, NULL);
  pthread_barrier_wait(&step);
  pthread_barrier_wait(&step);
  if (faulting) {
    int rc = ppar_synchronize();
    printf("synchronize: %d\n", rc);
  } else {
    int rc = ppar_to_host(x);
    printf("to_host: %d, x[1]=%g x[999]=%g (serial: 9 7993)\n", rc, x[1],
           x[N - 1]);
  }
  fflush(stdout);
  pthread_barrier_wait(&step);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_barrier_destroy(&step);
  if (!faulting)
    ppar_device_free(x);
  return 0;
}

/* ---- Tasks ---------------------------------------------------------------- */

static double a[4][N];
struct one { double *x; int k; };
static void one_task(void *args, void *res) {
  struct one *o = args;
  *(int *)res = call(o->k == K_DBL ? &m_dbl : &m_inc, o->k, o->x, NULL, N);
}
struct two { double *x; const double *y; };
static void add_task(void *args, void *res) {
  struct two *t = args;
  *(int *)res = call(&m_add, K_ADD, t->x, t->y, N);
}

/* A task graph: per array, dbl then inc, three times; then a0 += a1 and
 * a2 += a3, which read another chain's array. */
static struct __ppar_rt_task *one(double *v, int k) {
  struct __ppar_rt_access acc = {v, v + N, __PPAR_RT_ACCESS_READWRITE};
  return __ppar_rt_task_create(k == K_DBL ? "dbl" : "inc", "t.c", 1, one_task,
                               &(struct one){v, k}, sizeof(struct one),
                               sizeof(int), &acc, 1, NULL, 0, 0);
}
static struct __ppar_rt_task *add(double *v, const double *w) {
  struct __ppar_rt_access acc[2] = {{v, v + N, __PPAR_RT_ACCESS_READWRITE},
                                    {w, w + N, __PPAR_RT_ACCESS_READ}};
  return __ppar_rt_task_create("add", "t.c", 2, add_task,
                               &(struct two){v, w}, sizeof(struct two),
                               sizeof(int), acc, 2, NULL, 0,
                               __PPAR_RT_TASK_NOGIL);
}

/* Copy-in + kernel + copy-out, four at once: staged through pinned chunks
 * (1.6 MB each) or the thread's pinned buffer (small). */
enum { BIG = 200000 };
static double ys[4][BIG];
static void xfer_task(void *args, void *res) {
  struct one *o = args;
  *(int *)res = call(&m_inc, K_INC, o->x, NULL, o->k);
}

static int tasks(void) {
  for (int k = 0; k < 4; k++) {
    for (int i = 0; i < N; i++)
      a[k][i] = i + k;
    ppar_to_device(a[k], sizeof a[k]);
  }
  struct __ppar_rt_task *ts[64];
  int nt = 0;
  long s0 = syncs();
  for (int r = 0; r < 3; r++)
    for (int k = 0; k < 4; k++) {
      ts[nt++] = one(a[k], K_DBL);
      ts[nt++] = one(a[k], K_INC);
    }
  ts[nt++] = add(a[0], a[1]);
  ts[nt++] = add(a[2], a[3]);
  ppar_compute();
  printf("tasks: host waits while they ran: %ld\n", syncs() - s0);
  for (int i = 0; i < nt; i++)
    __ppar_rt_task_release(ts[i]);
  for (int k = 0; k < 4; k++)
    ppar_to_host(a[k]);
  /* ((v*2+1)*2+1)*2+1 = 8v + 7; a0 += a1, a2 += a3. */
  double want[4];
  for (int k = 0; k < 4; k++)
    want[k] = 8.0 * (7 + k) + 7;
  want[0] += want[1];
  want[2] += want[3];
  printf("a0[7]=%g a1[7]=%g a2[7]=%g a3[7]=%g (serial: %g %g %g %g)\n",
         a[0][7], a[1][7], a[2][7], a[3][7], want[0], want[1], want[2],
         want[3]);
  for (int k = 0; k < 4; k++)
    ppar_device_free(a[k]);

  for (int k = 0; k < 4; k++)
    for (int i = 0; i < BIG; i++)
      ys[k][i] = i + k;
  int ends = 0;
  for (int k = 0; k < 4; k++) {
    struct __ppar_rt_access acc = {ys[k], ys[k] + BIG,
                                   __PPAR_RT_ACCESS_READWRITE};
    ts[k] = __ppar_rt_task_create("xfer", "t.c", 3, xfer_task,
                                  &(struct one){ys[k], k ? BIG : 10},
                                  sizeof(struct one), sizeof(int), &acc, 1,
                                  NULL, 0, __PPAR_RT_TASK_NOGIL);
  }
  ppar_compute();
  for (int k = 0; k < 4; k++) {
    ends |= *(int *)__ppar_rt_task_force(ts[k]);
    __ppar_rt_task_release(ts[k]);
  }
  printf("with copies: y0[5]=%g y3[123456]=%g (serial: 6 123460), ends %d\n",
         ys[0][5], ys[3][123456], ends);
  return 0;
}

/* ---- Arrays side by side --------------------------------------------------- */

static double m[2][N];

static int adjacent(void) {
  for (int both = 1; both >= 0; both--) {
    for (int i = 0; i < N; i++)
      m[0][i] = i, m[1][i] = 2 * i;
    if (both)
      ppar_to_device(m[0], sizeof m[0]);
    ppar_to_device(m[1], sizeof m[1]);
    int end = call(&m_add, K_ADD, m[0], m[1], N); /* m[0] += m[1] */
    if (both)
      ppar_to_host(m[0]);
    printf("%s: m[0][5]=%g (serial: 15), end %d\n",
           both ? "both resident" : "second resident", m[0][5], end);
    if (both)
      ppar_device_free(m[0]);
    ppar_device_free(m[1]);
  }
  return 0;
}

int main(int argc, char **argv) {
  void *lib = ppar_device_count() == 1
                  ? dlopen("libcuda.so.1", RTLD_NOW | RTLD_NOLOAD)
                  : NULL;
  syncs = lib ? (long (*)(void))dlsym(lib, "fake_cuda_syncs") : NULL;
  stream_waits =
      lib ? (long (*)(void))dlsym(lib, "fake_cuda_stream_waits") : NULL;
  if (argc < 2 || !syncs || !stream_waits) {
    printf("the stand-in driver is not loaded\n");
    return 1;
  }
  if (!strcmp(argv[1], "threads"))
    return threads(0);
  if (!strcmp(argv[1], "fault"))
    return threads(1);
  if (!strcmp(argv[1], "tasks"))
    return tasks();
  if (!strcmp(argv[1], "adjacent"))
    return adjacent();
  return 1;
}
