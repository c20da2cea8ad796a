/*
 * fake_cuda.c - a stand-in for libcuda.so.1 with one "device" whose memory
 * is host memory, so that the runtime's GPU bookkeeping (asynchronous calls
 * and their waits, streams and events, pinned host memory) runs on machines
 * without a GPU. Built as libcuda.so.1 into a directory put first in
 * LD_LIBRARY_PATH.
 *
 * Kernels are host functions of the test program, looked up by name with a
 * "fake_" prefix (export them: -Wl,--export-dynamic-symbol=fake_k_*): int fake_k(void
 * **params) runs at cuLaunchKernel and returns non-zero to fault. A fault
 * is reported as CUDA_ERROR_ILLEGAL_ADDRESS by every later call, sticky, as
 * the real driver does. fake_cuda_syncs() counts stream and event waits;
 * fake_cuda_stream_waits() counts cuStreamWaitEvent; fake_cuda_pinned()
 * counts pinned allocations and registrations. A program that exports
 * void fake_grid(const unsigned dims[6]) is told each launch's grid and
 * block at the launch.
 *
 * FAKE_CUDA_ASYNC=1: each stream runs its work on a thread of its own, in
 * order, FAKE_CUDA_DELAY_US (default 200) after it was queued, as a GPU
 * would: kernels, copies and cuStreamWaitEvent are queued, cuEventRecord
 * marks the point of its stream, cuStreamSynchronize and
 * cuEventSynchronize wait for their point. So a missing wait between two
 * streams, or a pinned buffer reused before its copy ran, gives wrong
 * answers. Copies from pageable host memory are taken at the call (the
 * driver stages them), copies to pageable host memory return when done;
 * pinned memory (cuMemHostAlloc, cuMemAllocHost, cuMemHostRegister) is read
 * and written when the copy runs. A kernel's parameters are copied at the
 * launch: the test program exports `int fake_k_nparams` for each kernel
 * fake_k (every parameter 8 bytes, as ppar's kernels have).
 *
 * Stream capture (both modes): between cuStreamBeginCapture_v2 and
 * cuStreamEndCapture, kernels and pinned copies queued on the stream are
 * kept, not run (their kernels need fake_k_nparams too); a wait
 * (cuStreamSynchronize), a pageable copy or a wait for an event recorded
 * outside the capture fails with CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED and
 * invalidates the capture, as on a GPU. cuGraphLaunch queues (or, without
 * FAKE_CUDA_ASYNC, runs) the kept work again. fake_cuda_launches() counts
 * cuLaunchKernel and cuLaunchKernelEx, fake_cuda_graph_launches()
 * cuGraphLaunch, fake_cuda_programmatic() the launches of cuLaunchKernelEx
 * that allow programmatic dependent launch (they run as any other: in
 * stream order, which the attribute only relaxes on a GPU).
 *
 * Copies between devices: cuMemcpyDtoDAsync and cuMemcpyPeerAsync (left
 * out when built with -DFAKE_CUDA_NO_PEER, as on a driver without it) are
 * counted in bytes, fake_cuda_dtod_bytes() and fake_cuda_peer_bytes(), so
 * a test sees what moved between devices; cuCtxEnablePeerAccess calls are
 * counted by fake_cuda_peer_enables().
 * fake_cuda_device() is the device of the calling thread's context.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int CUresult;
enum {
  OK = 0,
  INVALID_VALUE = 1,
  NOT_FOUND = 500,
  ILLEGAL_ADDRESS = 700,
  CAPTURE_UNSUPPORTED = 900,
  CAPTURE_INVALIDATED = 901
};

static int sticky;   /* a kernel faulted: every call fails from then on */
static long dtod_bytes, peer_bytes, peer_enables; /* copies between devices */
static long syncs;   /* stream and event waits */
static long pinned;  /* cuMemHostAlloc + cuMemHostRegister */
static __thread void *current;
static int ctx_object;
/* FAKE_CUDA_DEVICES=N devices (default 1), each with a context of its own;
 * FAKE_CUDA_BAD_DEVICE=d: launches on device d fail (invalid argument, not
 * sticky), to test errors that name the device. */
enum { MAX_DEVICES = 8 };
static int ctx_of[MAX_DEVICES];
static int env_int(const char *name, int dflt) {
  const char *v = getenv(name);
  return v && *v ? atoi(v) : dflt;
}
static int device_count(void) {
  int n = env_int("FAKE_CUDA_DEVICES", 1);
  return n < 1 ? 1 : n > MAX_DEVICES ? MAX_DEVICES : n;
}

/* The device whose context is current on the calling thread: a kernel's
 * device (it runs on the launching thread, or with FAKE_CUDA_ASYNC=1 on its
 * stream's thread, which has the stream's context). */
int fake_cuda_device(void) {
  return current && current != (void *)&ctx_object ? (int)((int *)current - ctx_of) : 0;
}

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
CUresult cuDeviceGetCount(int *n) { *n = device_count(); return OK; }
CUresult cuDeviceGet(int *d, int i) {
  *d = i;
  return i >= 0 && i < device_count() ? OK : INVALID_VALUE;
}
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
  *c = d > 0 && d < MAX_DEVICES ? (void *)&ctx_of[d] : (void *)&ctx_object;
  return OK;
}
CUresult cuCtxSetCurrent(void *c) { current = c; return OK; }
CUresult cuCtxGetCurrent(void **c) { *c = current; return OK; }
CUresult cuModuleLoadData(void **m, const void *image) {
  (void)image;
  *m = &ctx_object;
  return OK;
}

/* ---- Asynchronous mode: a queue and a thread per stream -------------------
 * One lock and one condition for everything: the stand-in is for logic, not
 * speed. A stream's point n is reached when its first n operations ran. */
static int async_mode = -1; /* FAKE_CUDA_ASYNC, read at first use */
static long delay_us = 200;
static long stream_waits;
static pthread_mutex_t big = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;

enum op_kind { KERNEL, COPY, WAIT };
struct stream;
struct op {
  enum op_kind kind;
  int (*fn)(void **);
  long long args[16];
  void *params[16];
  void *dst;
  const void *src;
  size_t n;
  void *owned; /* a snapshot of pageable source bytes */
  struct stream *other;
  long point;
  struct op *next;
};
struct stream {
  struct op *head, *tail;
  long queued, done;
  int stop;
  int capturing, invalid;     /* between begin and end of a capture   */
  struct op *cap_head, *cap_tail;
  pthread_t thread;
  void *ctx; /* the context current at its creation: its device */
  struct stream *next_all; /* never freed in this mode: another stream's
                              queued wait may still read it */
};
static struct stream *all_streams; /* under big */
struct event {
  struct stream *s;
  long point;
};
struct kernel { /* cuModuleGetFunction's handle */
  int (*fn)(void **);
  int nparams;
};

static long launches, graph_launches;

long fake_cuda_stream_waits(void) {
  return __atomic_load_n(&stream_waits, __ATOMIC_SEQ_CST);
}
long fake_cuda_launches(void) {
  return __atomic_load_n(&launches, __ATOMIC_SEQ_CST);
}
long fake_cuda_graph_launches(void) {
  return __atomic_load_n(&graph_launches, __ATOMIC_SEQ_CST);
}

/* Keeps o in s's capture when s is capturing (1), else 0. */
static int captured(struct stream *s, struct op *o) {
  int yes = 0;
  pthread_mutex_lock(&big);
  if (s && s->capturing) {
    o->next = NULL;
    if (s->cap_tail)
      s->cap_tail->next = o;
    else
      s->cap_head = o;
    s->cap_tail = o;
    yes = 1;
  }
  pthread_mutex_unlock(&big);
  return yes;
}

/* s is capturing: an operation that cannot be captured invalidates it. */
static int capture_breaks(struct stream *s) {
  int yes = 0;
  pthread_mutex_lock(&big);
  if (s && s->capturing)
    yes = s->invalid = 1;
  pthread_mutex_unlock(&big);
  return yes;
}

static int is_async(void) {
  if (async_mode < 0) {
    const char *a = getenv("FAKE_CUDA_ASYNC"), *d = getenv("FAKE_CUDA_DELAY_US");
    if (d)
      delay_us = atol(d);
    async_mode = a && *a == '1';
  }
  return async_mode;
}

/* Pinned host ranges, under big. */
static struct { const char *p; size_t n; } pins[4096];
static int npins;
static void pin(const void *p, size_t n) {
  pthread_mutex_lock(&big);
  if (npins < 4096)
    pins[npins++].p = p, pins[npins - 1].n = n;
  pthread_mutex_unlock(&big);
}
static void unpin(const void *p) {
  pthread_mutex_lock(&big);
  for (int i = 0; i < npins; i++)
    if (pins[i].p == p) {
      pins[i] = pins[--npins];
      break;
    }
  pthread_mutex_unlock(&big);
}
static int is_pinned(const void *p, size_t n) {
  int yes = 0;
  pthread_mutex_lock(&big);
  for (int i = 0; i < npins && !yes; i++)
    yes = (const char *)p >= pins[i].p &&
          (const char *)p + n <= pins[i].p + pins[i].n;
  pthread_mutex_unlock(&big);
  return yes;
}

static void run_op(struct op *o, int delay) {
  if (o->kind == WAIT) {
    pthread_mutex_lock(&big);
    while (o->other->done < o->point)
      pthread_cond_wait(&changed, &big);
    pthread_mutex_unlock(&big);
    return;
  }
  if (delay && delay_us)
    usleep((useconds_t)delay_us);
  if (status())
    return; /* the context is dead: nothing runs any more */
  if (o->kind == KERNEL) {
    if (o->fn(o->params))
      __atomic_store_n(&sticky, ILLEGAL_ADDRESS, __ATOMIC_SEQ_CST);
  } else {
    memmove(o->dst, o->src, o->n);
  }
}

static void *stream_main(void *arg) {
  struct stream *s = arg;
  current = s->ctx; /* its kernels run on its device (fake_cuda_device) */
  pthread_mutex_lock(&big);
  for (;;) {
    while (!s->head && !s->stop)
      pthread_cond_wait(&changed, &big);
    if (!s->head)
      break;
    struct op *o = s->head;
    pthread_mutex_unlock(&big);
    run_op(o, 1);
    free(o->owned);
    pthread_mutex_lock(&big);
    s->head = o->next;
    if (!s->head)
      s->tail = NULL;
    free(o);
    s->done++;
    pthread_cond_broadcast(&changed);
  }
  pthread_mutex_unlock(&big);
  return NULL;
}

/* Queues o on s; its point. */
static long enqueue(struct stream *s, struct op *o) {
  pthread_mutex_lock(&big);
  o->next = NULL;
  if (s->tail)
    s->tail->next = o;
  else
    s->head = o;
  s->tail = o;
  long point = ++s->queued;
  pthread_cond_broadcast(&changed);
  pthread_mutex_unlock(&big);
  return point;
}

static void wait_point(struct stream *s, long point) {
  pthread_mutex_lock(&big);
  while (s->done < point)
    pthread_cond_wait(&changed, &big);
  pthread_mutex_unlock(&big);
}

/* A copy queued on s (NULL: run now); owned: src is a snapshot to free. */
static CUresult copy_async(void *dst, const void *src, size_t n, void *st,
                           int pageable_src, int pageable_dst) {
  if (status())
    return status();
  if ((pageable_src || pageable_dst) && capture_breaks(st))
    return CAPTURE_UNSUPPORTED;
  struct op *o = calloc(1, sizeof *o);
  o->kind = COPY, o->dst = dst, o->src = src, o->n = n;
  if (captured(st, o))
    return OK;
  if (!is_async() || !st) {
    free(o);
    memmove(dst, src, n);
    return OK;
  }
  if (pageable_src) {
    o->owned = malloc(n ? n : 1);
    memcpy(o->owned, src, n);
    o->src = o->owned;
  }
  long point = enqueue(st, o);
  if (pageable_dst)
    wait_point(st, point);
  return OK;
}

/* ---- Kernels, memory, copies -------------------------------------------- */

CUresult cuModuleGetFunction(void **f, void *m, const char *name) {
  (void)m;
  char sym[256];
  snprintf(sym, sizeof sym, "fake_%s", name);
  void *fn = dlsym(RTLD_DEFAULT, sym);
  if (!fn)
    return NOT_FOUND;
  snprintf(sym, sizeof sym, "fake_%s_nparams", name);
  const int *np = dlsym(RTLD_DEFAULT, sym);
  if (!np && is_async()) {
    fprintf(stderr, "fake_cuda: FAKE_CUDA_ASYNC=1 needs %s\n", sym);
    abort();
  }
  static struct kernel kernels[256]; /* modules are never unloaded */
  static int nkernels;
  pthread_mutex_lock(&big);
  struct kernel *k = NULL;
  for (int i = 0; i < nkernels && !k; i++)
    if (kernels[i].fn == (int (*)(void **))fn)
      k = &kernels[i];
  if (!k && nkernels < 256) {
    k = &kernels[nkernels++];
    k->fn = (int (*)(void **))fn;
    k->nparams = np ? *np : -1;
  }
  pthread_mutex_unlock(&big);
  *f = k;
  return k ? OK : NOT_FOUND;
}
CUresult cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz,
                        unsigned bx, unsigned by, unsigned bz, unsigned shared,
                        void *stream, void **params, void **extra) {
  (void)shared, (void)extra;
  __atomic_fetch_add(&launches, 1, __ATOMIC_SEQ_CST);
  if (status())
    return status();
  int bad = env_int("FAKE_CUDA_BAD_DEVICE", -1);
  if (bad >= 0 && current == (bad ? (void *)&ctx_of[bad] : (void *)&ctx_object))
    return INVALID_VALUE;
  /* A program that wants the grid exports fake_grid(dims). */
  void (*grid)(const unsigned *) = (void (*)(const unsigned *))dlsym(RTLD_DEFAULT, "fake_grid");
  if (grid)
    grid((const unsigned[]){gx, gy, gz, bx, by, bz});
  const struct kernel *k = f;
  struct stream *st = stream;
  int capturing;
  pthread_mutex_lock(&big);
  capturing = st && st->capturing;
  pthread_mutex_unlock(&big);
  if (!capturing && (!is_async() || !st)) {
    if (k->fn(params))
      __atomic_store_n(&sticky, ILLEGAL_ADDRESS, __ATOMIC_SEQ_CST);
    return OK; /* a fault shows at the next wait, as on a GPU */
  }
  if (k->nparams < 0) {
    fprintf(stderr, "fake_cuda: capturing a kernel needs its fake_*_nparams\n");
    abort();
  }
  struct op *o = calloc(1, sizeof *o);
  o->kind = KERNEL;
  o->fn = k->fn;
  for (int i = 0; i < k->nparams && i < 16; i++) {
    memcpy(&o->args[i], params[i], 8);
    o->params[i] = &o->args[i];
  }
  if (!captured(st, o))
    enqueue(st, o);
  return OK;
}
/* cuda.h's CUlaunchConfig and CUlaunchAttribute. */
struct launch_attr {
  int id;
  char pad[4];
  union {
    char bytes[64];
    void *align;
    int value;
  } v;
};
struct launch_config {
  unsigned gx, gy, gz, bx, by, bz, shared;
  void *stream;
  struct launch_attr *attrs;
  unsigned nattrs;
};
static long programmatic;
long fake_cuda_programmatic(void) {
  return __atomic_load_n(&programmatic, __ATOMIC_SEQ_CST);
}
CUresult cuLaunchKernelEx(const struct launch_config *c, void *f,
                          void **params, void **extra) {
  for (unsigned i = 0; i < c->nattrs; i++) {
    if (c->attrs[i].id != 6) /* PROGRAMMATIC_STREAM_SERIALIZATION */
      return INVALID_VALUE;
    if (c->attrs[i].v.value)
      __atomic_fetch_add(&programmatic, 1, __ATOMIC_SEQ_CST);
  }
  return cuLaunchKernel(f, c->gx, c->gy, c->gz, c->bx, c->by, c->bz, c->shared,
                        c->stream, params, extra);
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
  return copy_async((void *)d, s, n, NULL, 0, 0);
}
CUresult cuMemcpyDtoH_v2(void *d, uintptr_t s, size_t n) {
  return copy_async(d, (const void *)s, n, NULL, 0, 0);
}
CUresult cuMemcpyHtoDAsync_v2(uintptr_t d, const void *s, size_t n, void *st) {
  return copy_async((void *)d, s, n, st, !is_pinned(s, n), 0);
}
CUresult cuMemcpyDtoHAsync_v2(void *d, uintptr_t s, size_t n, void *st) {
  return copy_async(d, (const void *)s, n, st, 0, !is_pinned(d, n));
}
CUresult cuMemcpyDtoDAsync_v2(uintptr_t d, uintptr_t s, size_t n, void *st) {
  __atomic_add_fetch(&dtod_bytes, (long)n, __ATOMIC_SEQ_CST);
  return copy_async((void *)d, (const void *)s, n, st, 0, 0);
}
long fake_cuda_dtod_bytes(void) {
  return __atomic_load_n(&dtod_bytes, __ATOMIC_SEQ_CST);
}
long fake_cuda_peer_bytes(void) {
  return __atomic_load_n(&peer_bytes, __ATOMIC_SEQ_CST);
}
long fake_cuda_peer_enables(void) {
  return __atomic_load_n(&peer_enables, __ATOMIC_SEQ_CST);
}
#ifndef FAKE_CUDA_NO_PEER
CUresult cuMemcpyPeerAsync(uintptr_t d, void *dctx, uintptr_t s, void *sctx,
                           size_t n, void *st) {
  if (!dctx || !sctx || dctx == sctx)
    return INVALID_VALUE; /* the runtime copies on one device with DtoD */
  __atomic_add_fetch(&peer_bytes, (long)n, __ATOMIC_SEQ_CST);
  return copy_async((void *)d, (const void *)s, n, st, 0, 0);
}
CUresult cuCtxEnablePeerAccess(void *peer, unsigned flags) {
  (void)flags;
  if (!peer || peer == current)
    return INVALID_VALUE;
  __atomic_add_fetch(&peer_enables, 1, __ATOMIC_SEQ_CST);
  return OK;
}
#endif
CUresult cuMemAllocHost_v2(void **p, size_t n) {
  *p = malloc(n);
  if (*p)
    pin(*p, n);
  return *p ? OK : 2;
}
CUresult cuMemFreeHost(void *p) {
  unpin(p);
  free(p);
  return OK;
}
CUresult cuMemHostAlloc(void **p, size_t n, unsigned flags) {
  (void)flags;
  __atomic_fetch_add(&pinned, 1, __ATOMIC_SEQ_CST);
  return cuMemAllocHost_v2(p, n);
}
CUresult cuMemHostRegister_v2(void *p, size_t n, unsigned flags) {
  (void)flags;
  __atomic_fetch_add(&pinned, 1, __ATOMIC_SEQ_CST);
  pin(p, n);
  return OK;
}
CUresult cuMemHostUnregister(void *p) {
  unpin(p);
  return OK;
}

/* ---- Streams and events ------------------------------------------------- */

CUresult cuStreamCreate(void **s, unsigned flags) {
  (void)flags;
  struct stream *st = calloc(1, sizeof *st);
  st->ctx = current;
  if (is_async()) {
    pthread_mutex_lock(&big);
    st->next_all = all_streams;
    all_streams = st;
    pthread_mutex_unlock(&big);
    pthread_create(&st->thread, NULL, stream_main, st);
  }
  *s = st;
  return OK;
}
CUresult cuStreamDestroy_v2(void *s) {
  struct stream *st = s;
  if (is_async()) {
    pthread_mutex_lock(&big);
    st->stop = 1;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&big);
    pthread_join(st->thread, NULL); /* its queue runs out first */
    return OK;
  }
  free(st);
  return OK;
}
CUresult cuStreamSynchronize(void *s) {
  if (capture_breaks(s))
    return CAPTURE_UNSUPPORTED;
  __atomic_fetch_add(&syncs, 1, __ATOMIC_SEQ_CST);
  if (is_async() && s) {
    struct stream *st = s;
    pthread_mutex_lock(&big);
    long point = st->queued;
    pthread_mutex_unlock(&big);
    wait_point(st, point);
  }
  return status();
}
CUresult cuStreamWaitEvent(void *s, void *e, unsigned flags) {
  (void)flags;
  __atomic_fetch_add(&stream_waits, 1, __ATOMIC_SEQ_CST);
  struct event *ev = e;
  if (status())
    return status();
  if (capture_breaks(s))
    return CAPTURE_UNSUPPORTED;
  if (!is_async() || !s || !ev->s)
    return OK;
  struct op *o = calloc(1, sizeof *o);
  o->kind = WAIT;
  pthread_mutex_lock(&big);
  o->other = ev->s;
  o->point = ev->point;
  pthread_mutex_unlock(&big);
  enqueue(s, o);
  return OK;
}
CUresult cuEventCreate(void **e, unsigned flags) {
  (void)flags;
  *e = calloc(1, sizeof(struct event));
  return OK;
}
CUresult cuEventDestroy_v2(void *e) { free(e); return OK; }
CUresult cuEventRecord(void *e, void *s) {
  struct event *ev = e;
  pthread_mutex_lock(&big);
  int capturing = s && ((struct stream *)s)->capturing;
  ev->s = capturing ? NULL : s; /* a node of the graph: not modelled */
  ev->point = s && !capturing ? ((struct stream *)s)->queued : 0;
  pthread_mutex_unlock(&big);
  return status();
}
CUresult cuEventSynchronize(void *e) {
  __atomic_fetch_add(&syncs, 1, __ATOMIC_SEQ_CST);
  struct event *ev = e;
  pthread_mutex_lock(&big);
  struct stream *s = ev->s;
  long point = ev->point;
  pthread_mutex_unlock(&big);
  if (is_async() && s)
    wait_point(s, point);
  return status();
}
/* ---- Stream capture and graphs ------------------------------------------- */

struct graph {
  struct op *head;
};

static struct op *clone_ops(const struct op *o) {
  struct op *head = NULL, **tail = &head;
  for (; o; o = o->next) {
    struct op *c = malloc(sizeof *c);
    *c = *o;
    for (int i = 0; i < 16; i++)
      c->params[i] = &c->args[i];
    c->owned = NULL;
    c->next = NULL;
    *tail = c;
    tail = &c->next;
  }
  return head;
}

static void free_ops(struct op *o) {
  while (o) {
    struct op *next = o->next;
    free(o);
    o = next;
  }
}

CUresult cuStreamBeginCapture_v2(void *s, int mode) {
  (void)mode;
  struct stream *st = s;
  if (!st)
    return INVALID_VALUE;
  pthread_mutex_lock(&big);
  st->capturing = 1;
  st->invalid = 0;
  st->cap_head = st->cap_tail = NULL;
  pthread_mutex_unlock(&big);
  return OK;
}
CUresult cuStreamEndCapture(void *s, void **g) {
  struct stream *st = s;
  pthread_mutex_lock(&big);
  struct op *ops = st->cap_head;
  int invalid = st->invalid;
  st->capturing = st->invalid = 0;
  st->cap_head = st->cap_tail = NULL;
  pthread_mutex_unlock(&big);
  *g = NULL;
  if (invalid) {
    free_ops(ops);
    return CAPTURE_INVALIDATED;
  }
  struct graph *gr = malloc(sizeof *gr);
  gr->head = ops;
  *g = gr;
  return OK;
}
CUresult cuGraphInstantiateWithFlags(void **e, void *g,
                                     unsigned long long flags) {
  (void)flags;
  struct graph *x = malloc(sizeof *x);
  x->head = clone_ops(((struct graph *)g)->head);
  *e = x;
  return OK;
}
CUresult cuGraphLaunch(void *e, void *s) {
  __atomic_fetch_add(&graph_launches, 1, __ATOMIC_SEQ_CST);
  if (status())
    return status();
  struct op *ops = clone_ops(((struct graph *)e)->head);
  while (ops) {
    struct op *o = ops;
    ops = o->next;
    if (captured(s, o))
      continue;
    if (is_async() && s) {
      enqueue(s, o);
      continue;
    }
    run_op(o, 0);
    free(o);
  }
  return OK;
}
static CUresult graph_free(void *g) {
  if (g)
    free_ops(((struct graph *)g)->head);
  free(g);
  return OK;
}
CUresult cuGraphExecDestroy(void *e) { return graph_free(e); }
CUresult cuGraphDestroy(void *g) { return graph_free(g); }

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
