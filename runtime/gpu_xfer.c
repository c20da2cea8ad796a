/*
 * gpu_xfer.c - what each thread keeps per device (a stream, a small pinned
 * buffer, cached device blocks) and the host<->device copies, large ones
 * staged through pinned buffers that several threads fill (xfer_pool.c).
 *
 * Why per thread: calls run on several threads at once, and a stream, a
 * pinned buffer and a block cache of one's own need no lock on the warm
 * path (the block cache has a mutex only so that an out-of-memory on
 * another thread can empty it). Why cache blocks: cuMemAlloc costs tens of
 * microseconds and cuMemFree synchronizes the device.
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "gpu_xfer.h"

#include "cuda_driver.h"
#include "error.h"
#include "pinned.h"
#include "task.h"
#include "trace.h"
#include "vec.h"
#include "xfer_pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Small copies go through the thread's pinned buffer: a memcpy there and a
 * truly asynchronous DMA beat the driver's pageable path, which waits for
 * the stream first. */
enum { PINNED_SIZE = 256 << 10 };
#define SMALL_COPY __PPAR_GPU_SMALL_COPY
/* Free blocks a thread keeps; more are given back to the driver. */
enum { KEEP_FREE_BLOCKS = 8 };
enum { MAX_CHUNKS = 8 };

struct block {
  __ppar_cu_deviceptr dev;
  size_t size;
  int used;
};

struct __ppar_gpu_thread {
  const struct __ppar_gpu_device *d;
  __ppar_cu_stream stream;
  void *calls; /* the call layer's free call objects */
  void (*release_calls)(struct __ppar_gpu_thread *t, void *list);
  void *async; /* gpu_async.c's record of the calls in flight */
  const struct __ppar_gpu_async_hooks *async_hooks;
  unsigned char *pinned;
  size_t pinned_used; /* bytes of pinned handed out since the last sync */
  pthread_mutex_t mu; /* blocks: another thread may trim the free ones */
  struct block *blocks;
  int nblocks;
  size_t cap;
  struct __ppar_gpu_thread *next; /* every thread's state: all_threads */
};

/* Set by every new thread state (the same pointer each time): atomic, since
 * several threads may make their first state at once. */
static const struct __ppar_cu_api *_Atomic cu;

static pthread_mutex_t all_mu = PTHREAD_MUTEX_INITIALIZER;
static struct __ppar_gpu_thread *all_threads; /* under all_mu */
static pthread_key_t thread_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

/* This thread's states, one slot per device. */
static _Thread_local struct __ppar_gpu_thread **mine;

/* ---- Transfer policy ------------------------------------------------------
 * Set once before use (tests and the benchmark change it between runs on
 * one thread); read without a lock. */
static struct {
  enum __ppar_xfer_mode mode;
  size_t chunk;
  int nchunks;
  int threads; /* memcpy threads of a staged copy; 0: the default */
} policy = {__PPAR_XFER_AUTO, 8 << 20, 4, 0};

/* AUTO, as measured on an H100 over PCIe 5 (docs/gpu-runtime.md): from
 * STAGE_MT_FROM on, staging with several memcpy threads moved 15-47 GB/s
 * against 7-15 GB/s for the driver's pageable path. Below it, waking the
 * memcpy threads costs more than they save (256 KiB: 3-5 GB/s), and one
 * thread's staging is bounded by its memcpy (about 9 GB/s): then the old
 * rule holds, pageable host to device, and device to host staged by the
 * calling thread alone below STAGE_D2H_BELOW, where the pageable path's
 * synchronous setup dominates (11.8 against 4.3 GB/s at 256 KiB). With one
 * memcpy thread (two cores or fewer) that rule holds at every size. */
#define STAGE_MT_FROM ((size_t)4 << 20)
#define STAGE_D2H_BELOW ((size_t)4 << 20)

void __ppar_gpu_xfer_policy(enum __ppar_xfer_mode mode, size_t chunk,
                            int nchunks) {
  policy.mode = mode;
  if (chunk)
    policy.chunk = chunk;
  if (nchunks >= 2 && nchunks <= MAX_CHUNKS)
    policy.nchunks = nchunks;
}

void __ppar_gpu_xfer_threads(int threads) {
  policy.threads = threads < 0 ? 0
                   : threads > __PPAR_XFER_MAX_THREADS
                       ? __PPAR_XFER_MAX_THREADS
                       : threads;
}

static int xfer_threads(void) {
  return policy.threads ? policy.threads : __ppar_xfer_default_threads();
}

/* ---- Per-thread state ----------------------------------------------------- */

static void free_blocks_locked(struct __ppar_gpu_thread *t, int only_free) {
  int k = 0;
  for (int i = 0; i < t->nblocks; i++) {
    if (only_free && t->blocks[i].used)
      t->blocks[k++] = t->blocks[i];
    else
      cu->mem_free(t->blocks[i].dev);
  }
  t->nblocks = k;
}

/* A thread that used the GPU ends: its work is waited for and its memory
 * given back. */
static void thread_end(void *arg) {
  struct __ppar_gpu_thread **states = arg;
  int n = __ppar_cu_device_count();
  for (int i = 0; i < n; i++) {
    struct __ppar_gpu_thread *t = states[i];
    if (!t)
      continue;
    __ppar_gpu_make_current(t->d);
    /* Its calls in flight are waited for (and a failure reported) first. */
    if (t->async_hooks)
      t->async_hooks->ended(t);
    cu->stream_synchronize(t->stream);
    pthread_mutex_lock(&all_mu);
    for (struct __ppar_gpu_thread **p = &all_threads; *p; p = &(*p)->next)
      if (*p == t) {
        *p = t->next;
        break;
      }
    pthread_mutex_unlock(&all_mu);
    if (t->async_hooks)
      t->async_hooks->release(t->async);
    if (t->calls)
      t->release_calls(t, t->calls);
    pthread_mutex_lock(&t->mu);
    free_blocks_locked(t, 0);
    pthread_mutex_unlock(&t->mu);
    pthread_mutex_destroy(&t->mu);
    if (t->pinned)
      cu->mem_free_host(t->pinned);
    cu->stream_destroy(t->stream);
    free(t->blocks);
    free(t);
  }
  free(states);
}

static void make_key(void) {
  if (pthread_key_create(&thread_key, thread_end) != 0)
    __ppar_die("cannot create the GPU engine's thread key");
}

static struct __ppar_gpu_thread *new_thread_state(int ordinal) {
  const struct __ppar_gpu_device *d = __ppar_gpu_device(ordinal);
  if (!d || __ppar_gpu_make_current(d) != PPAR_OK)
    return NULL;
  cu = __ppar_cu();
  struct __ppar_gpu_thread *t = calloc(1, sizeof *t);
  if (!t) {
    __ppar_set_error(PPAR_ENOMEM, "out of memory");
    return NULL;
  }
  /* Non-blocking: never serialised with the legacy default stream that
   * other code on this thread may use. */
  __ppar_cu_result rc =
      cu->stream_create(&t->stream, __PPAR_CU_STREAM_NON_BLOCKING);
  if (rc != __PPAR_CU_SUCCESS) {
    __ppar_cu_fail(rc, "cuStreamCreate");
    free(t);
    return NULL;
  }
  t->d = d;
  pthread_mutex_init(&t->mu, NULL);
  pthread_mutex_lock(&all_mu);
  t->next = all_threads;
  all_threads = t;
  pthread_mutex_unlock(&all_mu);
  return t;
}

struct __ppar_gpu_thread *__ppar_gpu_thread(int ordinal) {
  struct __ppar_gpu_thread *t;
  if (__builtin_expect(mine != NULL, 1) && (t = mine[ordinal]) != NULL) {
    if (__ppar_gpu_make_current(t->d) != PPAR_OK)
      return NULL;
    return t;
  }
  int n = __ppar_cu_device_count();
  if (ordinal < 0 || ordinal >= n) {
    __ppar_set_error(PPAR_ENODEV, "no CUDA device %d: %s", ordinal,
                     n ? "no such device" : __ppar_cu_why_none());
    return NULL;
  }
  if (!mine) {
    pthread_once(&key_once, make_key);
    if (!(mine = calloc((size_t)n, sizeof *mine))) {
      __ppar_set_error(PPAR_ENOMEM, "out of memory");
      return NULL;
    }
    pthread_setspecific(thread_key, mine);
  }
  if (!(t = new_thread_state(ordinal)))
    return NULL;
  mine[ordinal] = t;
  return t;
}

const struct __ppar_gpu_device *
__ppar_gpu_thread_device(const struct __ppar_gpu_thread *t) {
  return t->d;
}

__ppar_cu_stream __ppar_gpu_thread_stream(const struct __ppar_gpu_thread *t) {
  return t->stream;
}

void **__ppar_gpu_thread_calls(struct __ppar_gpu_thread *t,
                               void (*release)(struct __ppar_gpu_thread *t,
                                               void *list)) {
  t->release_calls = release;
  return &t->calls;
}

void __ppar_gpu_thread_set_async(struct __ppar_gpu_thread *t, void *async,
                                 const struct __ppar_gpu_async_hooks *hooks) {
  pthread_mutex_lock(&all_mu);
  t->async = async;
  t->async_hooks = hooks;
  pthread_mutex_unlock(&all_mu);
}

void *__ppar_gpu_thread_async(const struct __ppar_gpu_thread *t) {
  return t->async;
}

int __ppar_gpu_threads_each(int (*fn)(struct __ppar_gpu_thread *t, void *arg),
                            void *arg) {
  int rc = 0;
  pthread_mutex_lock(&all_mu);
  for (struct __ppar_gpu_thread *t = all_threads; t && !rc; t = t->next)
    rc = fn(t, arg);
  pthread_mutex_unlock(&all_mu);
  return rc;
}

int __ppar_gpu_captures;
static void (*capture_break)(struct __ppar_gpu_thread *t, const char *fn,
                             const char *why);

void __ppar_gpu_on_capture_break(void (*hook)(struct __ppar_gpu_thread *t,
                                              const char *fn,
                                              const char *why)) {
  __atomic_store_n(&capture_break, hook, __ATOMIC_RELEASE);
}

/* One load when no thread captures. */
static inline void break_capture(struct __ppar_gpu_thread *t, const char *fn,
                                 const char *why) {
  if (__builtin_expect(__atomic_load_n(&__ppar_gpu_captures, __ATOMIC_RELAXED),
                       0)) {
    void (*hook)(struct __ppar_gpu_thread *, const char *, const char *) =
        __atomic_load_n(&capture_break, __ATOMIC_ACQUIRE);
    if (hook)
      hook(t, fn, why);
  }
}

int __ppar_gpu_sync(struct __ppar_gpu_thread *t) {
  break_capture(t, NULL, "waits for the GPU");
  __ppar_cu_result rc = cu->stream_synchronize(t->stream);
  /* Every copy that read the pinned buffer has run, or (after an error,
   * which the driver makes sticky for the context) never will. */
  t->pinned_used = 0;
  if (rc != __PPAR_CU_SUCCESS)
    return __ppar_cu_fail(rc, "cuStreamSynchronize");
  if (t->async_hooks)
    t->async_hooks->synced(t);
  return PPAR_OK;
}

void *__ppar_gpu_pinned_small(struct __ppar_gpu_thread *t, size_t n) {
  if (!t->pinned) {
    __ppar_cu_result rc = cu->mem_alloc_host((void **)&t->pinned, PINNED_SIZE);
    if (rc != __PPAR_CU_SUCCESS) {
      t->pinned = NULL;
      return NULL;
    }
  }
  size_t at = (t->pinned_used + 63) & ~(size_t)63;
  if (n > PINNED_SIZE || at > PINNED_SIZE - n)
    return NULL;
  t->pinned_used = at + n;
  return t->pinned + at;
}

/* ---- Device blocks -------------------------------------------------------- */

/* Sizes are rounded so that slightly different calls reuse one block. */
static size_t round_size(size_t n) {
  if (n <= (1u << 20)) {
    size_t r = 4096;
    while (r < n)
      r <<= 1;
    return r;
  }
  size_t g = (size_t)2 << 20;
  return (n + g - 1) / g * g;
}

static int push_block(struct __ppar_gpu_thread *t, __ppar_cu_deviceptr dev,
                      size_t size) {
  if (__ppar_vec_reserve(&t->blocks, &t->cap, (size_t)t->nblocks + 1,
                         sizeof *t->blocks))
    return -1;
  t->blocks[t->nblocks++] = (struct block){dev, size, 1};
  return 0;
}

int __ppar_gpu_block_get(struct __ppar_gpu_thread *t, size_t n,
                         __ppar_cu_deviceptr *dev) {
  if (n == 0)
    n = 1;
  pthread_mutex_lock(&t->mu);
  struct block *best = NULL;
  for (int i = 0; i < t->nblocks; i++) {
    struct block *b = &t->blocks[i];
    if (!b->used && b->size >= n && (!best || b->size < best->size))
      best = b;
  }
  if (best) {
    best->used = 1;
    *dev = best->dev;
    pthread_mutex_unlock(&t->mu);
    return PPAR_OK;
  }
  pthread_mutex_unlock(&t->mu);

  size_t size = round_size(n);
  __ppar_cu_result rc = cu->mem_alloc(dev, size);
  if (rc == __PPAR_CU_ERROR_OUT_OF_MEMORY) {
    __ppar_gpu_trim(t->d->ordinal);
    rc = cu->mem_alloc(dev, size);
  }
  if (rc != __PPAR_CU_SUCCESS) {
    char err[200];
    size_t free_bytes = 0, total = 0;
    cu->mem_get_info(&free_bytes, &total);
    return __ppar_set_error(__ppar_cu_code(rc),
                            "cuMemAlloc of %zu bytes on device %d failed: %s "
                            "(%zu of %zu MiB free)",
                            size, t->d->ordinal,
                            __ppar_cu_strerror(rc, err, sizeof err),
                            free_bytes >> 20, total >> 20);
  }
  pthread_mutex_lock(&t->mu);
  int bad = push_block(t, *dev, size);
  pthread_mutex_unlock(&t->mu);
  if (bad) {
    cu->mem_free(*dev);
    return __ppar_set_error(PPAR_ENOMEM, "out of memory");
  }
  return PPAR_OK;
}

void __ppar_gpu_block_put(struct __ppar_gpu_thread *t,
                          __ppar_cu_deviceptr dev) {
  pthread_mutex_lock(&t->mu);
  int nfree = 0, smallest = -1;
  for (int i = 0; i < t->nblocks; i++) {
    struct block *b = &t->blocks[i];
    if (b->dev == dev)
      b->used = 0;
    if (!b->used) {
      nfree++;
      if (smallest < 0 || b->size < t->blocks[smallest].size)
        smallest = i;
    }
  }
  if (nfree > KEEP_FREE_BLOCKS) {
    cu->mem_free(t->blocks[smallest].dev);
    t->blocks[smallest] = t->blocks[--t->nblocks];
  }
  pthread_mutex_unlock(&t->mu);
}

void __ppar_gpu_trim(int ordinal) {
  pthread_mutex_lock(&all_mu);
  for (struct __ppar_gpu_thread *t = all_threads; t; t = t->next) {
    if (t->d->ordinal != ordinal)
      continue;
    pthread_mutex_lock(&t->mu);
    free_blocks_locked(t, 1);
    pthread_mutex_unlock(&t->mu);
  }
  pthread_mutex_unlock(&all_mu);
}

/* ---- Staging through pinned chunks ---------------------------------------
 * A stager is nchunks pinned buffers of chunk bytes and an event for each.
 * Host to device: the memcpy of the user's bytes into chunk i (split over
 * the transfer threads, xfer_pool.c) runs while the DMA of chunk i-1 runs;
 * device to host: the DMAs of the next chunks run while chunk i is copied
 * out. Stagers are shared by all threads of a device through a free list,
 * so pinned memory grows with the number of large copies at once, not with
 * the number of threads; one copy holds its stager from start to end, and
 * each chunk's event says when a DMA queued by an earlier user (on any
 * stream) has let go of it. */
struct stager {
  unsigned char *chunk[MAX_CHUNKS];
  __ppar_cu_event ev[MAX_CHUNKS];
  int pending[MAX_CHUNKS]; /* ev[i] recorded after a DMA on chunk[i] */
  int n;
  size_t size;
  int ordinal;
  struct stager *next;
};

static pthread_mutex_t stagers_mu = PTHREAD_MUTEX_INITIALIZER;
static struct stager *stagers; /* free ones, under stagers_mu */

static void stager_free(struct stager *s) {
  for (int i = 0; i < s->n; i++) {
    if (s->pending[i])
      cu->event_synchronize(s->ev[i]);
    if (s->ev[i])
      cu->event_destroy(s->ev[i]);
    if (s->chunk[i])
      cu->mem_free_host(s->chunk[i]);
  }
  free(s);
}

/* A free stager of the current policy for t's device, or a new one. */
static struct stager *stager_get(struct __ppar_gpu_thread *t) {
  pthread_mutex_lock(&stagers_mu);
  struct stager **p = &stagers, *s = NULL, *stale = NULL;
  while (*p) {
    struct stager *c = *p;
    if (c->ordinal != t->d->ordinal) {
      p = &c->next;
      continue;
    }
    *p = c->next;
    if (c->n == policy.nchunks && c->size == policy.chunk) {
      s = c;
      break;
    }
    c->next = stale; /* the policy changed: drop it */
    stale = c;
  }
  pthread_mutex_unlock(&stagers_mu);
  while (stale) {
    struct stager *c = stale;
    stale = c->next;
    stager_free(c);
  }
  if (s)
    return s;
  if (!(s = calloc(1, sizeof *s)))
    return NULL;
  s->n = policy.nchunks;
  s->size = policy.chunk;
  s->ordinal = t->d->ordinal;
  for (int i = 0; i < s->n; i++)
    if (cu->mem_alloc_host((void **)&s->chunk[i], s->size) !=
            __PPAR_CU_SUCCESS ||
        cu->event_create(&s->ev[i], __PPAR_CU_EVENT_DISABLE_TIMING) !=
            __PPAR_CU_SUCCESS) {
      s->n = i + 1;
      stager_free(s);
      return NULL;
    }
  return s;
}

static void stager_put(struct stager *s) {
  pthread_mutex_lock(&stagers_mu);
  s->next = stagers;
  stagers = s;
  pthread_mutex_unlock(&stagers_mu);
}

/* Wait until chunk i is no longer read or written by a queued DMA. */
static __ppar_cu_result chunk_wait(struct stager *s, int i) {
  if (!s->pending[i])
    return __PPAR_CU_SUCCESS;
  s->pending[i] = 0;
  return cu->event_synchronize(s->ev[i]);
}

/* The chunk length for a copy of n bytes: the stager's chunk, but small
 * enough that a medium copy still makes four chunks (down to MIN_CHUNK), so
 * that its memcpy overlaps its DMA too. */
#define MIN_CHUNK ((size_t)1 << 20)
static size_t chunk_len(const struct stager *s, size_t n) {
  size_t c = (n / 4 + 65535) & ~(size_t)65535;
  if (c < MIN_CHUNK)
    c = MIN_CHUNK;
  return c < s->size ? c : s->size;
}

/* Queue the DMA of chunk i (of length c) of a device-to-host copy into
 * buffer i % s->n and record its event. */
static __ppar_cu_result d2h_issue(struct __ppar_gpu_thread *t,
                                  struct stager *s, __ppar_cu_deviceptr src,
                                  size_t n, size_t c, size_t i) {
  size_t off = i * c, len = n - off < c ? n - off : c;
  int j = (int)(i % (size_t)s->n);
  __ppar_cu_result rc =
      cu->memcpy_dtoh_async(s->chunk[j], src + off, len, t->stream);
  if (rc == __PPAR_CU_SUCCESS)
    rc = cu->event_record(s->ev[j], t->stream);
  if (rc == __PPAR_CU_SUCCESS)
    s->pending[j] = 1;
  return rc;
}

/* After a failure: let no queued DMA touch the chunks once the stager goes
 * back to the free list (a failed DMA may have been queued without its
 * event). */
static int staged_fail(struct __ppar_gpu_thread *t, struct stager *s,
                       __ppar_cu_result rc, const char *what) {
  int code = __ppar_cu_fail(rc, what);
  cu->stream_synchronize(t->stream);
  for (int j = 0; j < s->n; j++)
    chunk_wait(s, j);
  return code;
}

static int staged_h2d(struct __ppar_gpu_thread *t, struct stager *s,
                      __ppar_cu_deviceptr dst, const unsigned char *src,
                      size_t n, int threads) {
  size_t c = chunk_len(s, n);
  __ppar_cu_result rc;
  for (size_t off = 0, i = 0; off < n; i++, off += c) {
    int j = (int)(i % (size_t)s->n);
    size_t len = n - off < c ? n - off : c;
    if ((rc = chunk_wait(s, j)) != __PPAR_CU_SUCCESS)
      return staged_fail(t, s, rc, "cuEventSynchronize");
    __ppar_xfer_copy(s->chunk[j], src + off, len, threads);
    if ((rc = cu->memcpy_htod_async(dst + off, s->chunk[j], len, t->stream)) !=
        __PPAR_CU_SUCCESS)
      return staged_fail(t, s, rc, "cuMemcpyHtoDAsync");
    if ((rc = cu->event_record(s->ev[j], t->stream)) != __PPAR_CU_SUCCESS)
      return staged_fail(t, s, rc, "cuEventRecord");
    s->pending[j] = 1;
  }
  return PPAR_OK;
}

/* Host bytes are written chunk by chunk, each after its DMA was seen to
 * succeed: a failure after the first chunk leaves dst partly written, which
 * the caller reports as fatal for a call's copy-out (abi_gpu_call.c,
 * copy_out). */
static int staged_d2h(struct __ppar_gpu_thread *t, struct stager *s,
                      unsigned char *dst, __ppar_cu_deviceptr src, size_t n,
                      int threads) {
  size_t c = chunk_len(s, n), m = (n + c - 1) / c; /* m chunks to move */
  __ppar_cu_result rc;
  for (int j = 0; j < s->n; j++)
    if ((rc = chunk_wait(s, j)) != __PPAR_CU_SUCCESS)
      return staged_fail(t, s, rc, "cuEventSynchronize");
  for (size_t i = 0; i < m && i < (size_t)s->n; i++)
    if ((rc = d2h_issue(t, s, src, n, c, i)) != __PPAR_CU_SUCCESS)
      return staged_fail(t, s, rc, "cuMemcpyDtoHAsync");
  for (size_t i = 0; i < m; i++) {
    int j = (int)(i % (size_t)s->n);
    size_t off = i * c, len = n - off < c ? n - off : c;
    if ((rc = chunk_wait(s, j)) != __PPAR_CU_SUCCESS)
      return staged_fail(t, s, rc, "cuMemcpyDtoHAsync");
    __ppar_xfer_copy(dst + off, s->chunk[j], len, threads);
    if (i + (size_t)s->n < m &&
        (rc = d2h_issue(t, s, src, n, c, i + (size_t)s->n)) !=
            __PPAR_CU_SUCCESS)
      return staged_fail(t, s, rc, "cuMemcpyDtoHAsync");
  }
  return PPAR_OK;
}

/* ---- Copies ----------------------------------------------------------------- */

/* How a copy of n bytes above the small-copy limit moves: 0 through the
 * driver's pageable path, else staged with that many memcpy threads. */
static int staging_threads(size_t n, int to_host) {
  if (policy.mode == __PPAR_XFER_PAGEABLE)
    return 0;
  int threads = xfer_threads();
  if (policy.mode == __PPAR_XFER_STAGED)
    return threads;
  if (threads > 1 && n >= STAGE_MT_FROM)
    return threads;
  /* In a task, other tasks' streams may copy at the same time: the
   * driver's pageable path would hold this thread (and its stream's
   * overlap) for the whole copy, staging through the pinned chunks lets
   * each stream's DMA run beside the others. */
  if (__ppar_task_current())
    return 1;
  return to_host && n < STAGE_D2H_BELOW ? 1 : 0;
}

/* Under PPAR_TRACE a copy is timed on the host and waited for, so that its
 * time is the transfer's. */
static void trace_copy(struct __ppar_gpu_thread *t, const char *name,
                       const char *fn, double start, size_t n) {
  if (__ppar_gpu_sync(t) == PPAR_OK)
    __ppar_trace_gpu("copy", name, fn, NULL, t->d->ordinal, start,
                     __ppar_trace_clock(), (double)n);
}

/* One piece of a copy: all of it in one pinned block, or in none. */
static int h2d_piece(struct __ppar_gpu_thread *t, __ppar_cu_deviceptr dst,
                     const void *src, size_t n, const char *fn) {
  if (n == 0)
    return PPAR_OK;
  int tracing = __ppar_trace_gpu_on();
  double start = tracing ? __ppar_trace_clock() : 0;
  int rc = PPAR_OK, threads;
  __ppar_cu_result cr;
  /* The program's pinned memory (ppar_host_alloc, ppar_host_register) goes
   * straight to the DMA engine: no staging, truly asynchronous. */
  if (n > SMALL_COPY && __ppar_pinned_holds(src, n)) {
    if ((cr = cu->memcpy_htod_async(dst, src, n, t->stream)) !=
        __PPAR_CU_SUCCESS)
      return __ppar_cu_fail(cr, "cuMemcpyHtoDAsync");
    if (tracing)
      trace_copy(t, "H2D pinned", fn, start, n);
    return PPAR_OK;
  }
  void *small = n <= SMALL_COPY ? __ppar_gpu_pinned_small(t, n) : NULL;
  if (!small && n <= SMALL_COPY && t->pinned &&
      (rc = __ppar_gpu_sync(t)) == PPAR_OK)
    small = __ppar_gpu_pinned_small(t, n); /* full: reclaimed by the wait */
  if (rc != PPAR_OK)
    return rc;
  if (small) {
    memcpy(small, src, n);
    if ((cr = cu->memcpy_htod_async(dst, small, n, t->stream)) !=
        __PPAR_CU_SUCCESS)
      return __ppar_cu_fail(cr, "cuMemcpyHtoDAsync");
  } else if ((threads = staging_threads(n, 0)) > 0) {
    struct stager *s = stager_get(t);
    if (!s)
      return __ppar_set_error(PPAR_ENOMEM, "out of pinned host memory for "
                                           "the staging buffers");
    rc = staged_h2d(t, s, dst, src, n, threads);
    stager_put(s);
    if (rc != PPAR_OK)
      return rc;
  } else {
    /* Pageable: returns once src has been copied out by the driver. */
    if ((cr = cu->memcpy_htod_async(dst, src, n, t->stream)) !=
        __PPAR_CU_SUCCESS)
      return __ppar_cu_fail(cr, "cuMemcpyHtoDAsync");
  }
  if (tracing)
    trace_copy(t, "H2D", fn, start, n);
  return PPAR_OK;
}

static int d2h_piece(struct __ppar_gpu_thread *t, void *dst,
                     __ppar_cu_deviceptr src, size_t n, const char *fn) {
  if (n == 0)
    return PPAR_OK;
  int tracing = __ppar_trace_gpu_on();
  /* Traced: wait for the kernels before it first, so that the event's
   * time is the copy's alone. */
  if (tracing && __ppar_gpu_sync(t) != PPAR_OK)
    return PPAR_EDRIVER;
  double start = tracing ? __ppar_trace_clock() : 0;
  int rc = PPAR_OK, threads;
  __ppar_cu_result cr;
  void *small = NULL;
  if (n > SMALL_COPY && __ppar_pinned_holds(dst, n)) {
    if ((cr = cu->memcpy_dtoh_async(dst, src, n, t->stream)) !=
        __PPAR_CU_SUCCESS)
      return __ppar_cu_fail(cr, "cuMemcpyDtoHAsync");
    if ((rc = __ppar_gpu_sync(t)) != PPAR_OK)
      return rc;
    if (tracing)
      trace_copy(t, "D2H pinned", fn, start, n);
    return PPAR_OK;
  }
  if (n <= SMALL_COPY)
    small = __ppar_gpu_pinned_small(t, n);
  if (small) {
    if ((cr = cu->memcpy_dtoh_async(small, src, n, t->stream)) !=
        __PPAR_CU_SUCCESS)
      return __ppar_cu_fail(cr, "cuMemcpyDtoHAsync");
    if ((rc = __ppar_gpu_sync(t)) != PPAR_OK)
      return rc;
    memcpy(dst, small, n);
  } else if ((threads = staging_threads(n, 1)) > 0) {
    struct stager *s = stager_get(t);
    if (!s)
      return __ppar_set_error(PPAR_ENOMEM, "out of pinned host memory for "
                                           "the staging buffers");
    rc = staged_d2h(t, s, dst, src, n, threads);
    stager_put(s);
    if (rc != PPAR_OK)
      return rc;
  } else {
    if ((cr = cu->memcpy_dtoh_async(dst, src, n, t->stream)) !=
        __PPAR_CU_SUCCESS)
      return __ppar_cu_fail(cr, "cuMemcpyDtoHAsync");
    if ((rc = __ppar_gpu_sync(t)) != PPAR_OK)
      return rc;
  }
  if (tracing)
    trace_copy(t, "D2H", fn, start, n);
  return PPAR_OK;
}

/* Copies go piece by piece at the edges of pinned blocks
 * (__ppar_pinned_piece): the driver refuses one whose pinned host side
 * runs past its block. */
int __ppar_gpu_h2d(struct __ppar_gpu_thread *t, __ppar_cu_deviceptr dst,
                   const void *src, size_t n, const char *fn) {
  /* Copies go through buffers reused later, or wait: a recording stops
   * capturing first (record.h). */
  break_capture(t, fn, "copies host data to the GPU");
  while (n) {
    size_t k = __ppar_pinned_piece(src, n);
    int rc = h2d_piece(t, dst, src, k, fn);
    if (rc != PPAR_OK)
      return rc;
    dst += k, src = (const char *)src + k, n -= k;
  }
  return PPAR_OK;
}

int __ppar_gpu_d2h(struct __ppar_gpu_thread *t, void *dst,
                   __ppar_cu_deviceptr src, size_t n, const char *fn) {
  break_capture(t, fn, "copies GPU data to the host");
  while (n) {
    size_t k = __ppar_pinned_piece(dst, n);
    int rc = d2h_piece(t, dst, src, k, fn);
    if (rc != PPAR_OK)
      return rc;
    dst = (char *)dst + k, src += k, n -= k;
  }
  return PPAR_OK;
}
