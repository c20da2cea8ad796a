/*
 * gpu_xfer.h - per-thread GPU state and host<->device transfers
 * (gpu_xfer.c). Internal: nothing here is exported. See
 * docs/gpu-runtime.md.
 *
 * Every function returns PPAR_OK (0) or a negative PPAR_E* code of ppar.h
 * unless it says otherwise.
 */
#ifndef PPAR_RT_GPU_XFER_H
#define PPAR_RT_GPU_XFER_H

#include "cuda_driver.h"
#include "visibility.h"

#include <stddef.h>
#include <stdint.h>

/* Each thread has, per device it uses, one non-blocking stream, a small
 * pinned buffer for small copies, and a cache of device blocks, so that a
 * warm call allocates nothing. */
struct __ppar_gpu_thread;

/* Copies up to this size go through the thread's pinned buffer. */
#define __PPAR_GPU_SMALL_COPY ((size_t)64 << 10)

/* This thread's state for device ordinal, created on first use, with the
 * device's context made current. NULL with ppar_last_error set. */
PPAR_INTERNAL struct __ppar_gpu_thread *__ppar_gpu_thread(int ordinal);
PPAR_INTERNAL const struct __ppar_gpu_device *
__ppar_gpu_thread_device(const struct __ppar_gpu_thread *t);
PPAR_INTERNAL __ppar_cu_stream
__ppar_gpu_thread_stream(const struct __ppar_gpu_thread *t);
/* The thread's free list of call objects, which the GPU call layer
 * (abi_gpu_call.c) owns: when the thread ends, release(t, list) frees it,
 * with the device's context current and the stream idle. */
PPAR_INTERNAL void **
__ppar_gpu_thread_calls(struct __ppar_gpu_thread *t,
                        void (*release)(struct __ppar_gpu_thread *t,
                                        void *list));

/* The thread's record of asynchronous calls in flight, which gpu_async.c
 * owns: set once (under the lock that __ppar_gpu_threads_each holds, so
 * that other threads may read it there). After every successful wait for
 * the stream, synced(t) runs (everything queued before has finished); when
 * the thread ends, ended(t) runs first, before its stream and memory go,
 * and release(async) once no other thread can reach the record. */
struct __ppar_gpu_async_hooks {
  void (*synced)(struct __ppar_gpu_thread *t);
  void (*ended)(struct __ppar_gpu_thread *t);
  void (*release)(void *async);
};
PPAR_INTERNAL void
__ppar_gpu_thread_set_async(struct __ppar_gpu_thread *t, void *async,
                            const struct __ppar_gpu_async_hooks *hooks);
PPAR_INTERNAL void *__ppar_gpu_thread_async(const struct __ppar_gpu_thread *t);
/* fn(t, arg) for every thread's state, under a lock that keeps each state
 * alive; stops at and returns the first non-zero result. */
PPAR_INTERNAL int __ppar_gpu_threads_each(
    int (*fn)(struct __ppar_gpu_thread *t, void *arg), void *arg);

/* Stream capture (record.c): how many threads capture their stream now
 * (atomic), and what runs first when a copy or a wait of thread state t
 * meets a capture (fn: the user's function or NULL; why: what it does). A
 * capture cannot hold a wait or a copy through reused buffers: the hook
 * ends it there. Set once by record.c before the first capture. */
PPAR_INTERNAL extern int __ppar_gpu_captures;
PPAR_INTERNAL void __ppar_gpu_on_capture_break(
    void (*hook)(struct __ppar_gpu_thread *t, const char *fn,
                 const char *why));

/* Waits for everything queued on the thread's stream. */
PPAR_INTERNAL int __ppar_gpu_sync(struct __ppar_gpu_thread *t);

/* n bytes of device memory from the thread's cache (else cuMemAlloc; on
 * out of memory every thread's cache of that device is emptied and the
 * allocation tried again). Give it back with __ppar_gpu_block_put. */
PPAR_INTERNAL int __ppar_gpu_block_get(struct __ppar_gpu_thread *t, size_t n,
                                       __ppar_cu_deviceptr *dev);
PPAR_INTERNAL void __ppar_gpu_block_put(struct __ppar_gpu_thread *t,
                                        __ppar_cu_deviceptr dev);
/* Frees every cached, unused block of every thread on device ordinal. */
PPAR_INTERNAL void __ppar_gpu_trim(int ordinal);

/* Host to device, queued on the thread's stream: src may be reused when it
 * returns, except the program's pinned memory (pinned.h), which the DMA
 * engine reads straight until the stream is next waited for. Small copies go through the pinned buffer, large ones through
 * the pinned staging chunks (filled and drained by several memcpy threads,
 * xfer_pool.h) or the driver's pageable path (see
 * docs/gpu-runtime.md). */
PPAR_INTERNAL int __ppar_gpu_h2d(struct __ppar_gpu_thread *t,
                                 __ppar_cu_deviceptr dst, const void *src,
                                 size_t n, const char *fn);
/* Device to host after everything queued before it; dst is written when it
 * returns. */
PPAR_INTERNAL int __ppar_gpu_d2h(struct __ppar_gpu_thread *t, void *dst,
                                 __ppar_cu_deviceptr src, size_t n,
                                 const char *fn);
/* (fn: the user's function, for the trace; NULL outside a call.) */
/* n bytes of the thread's pinned buffer for data a queued copy reads; valid
 * until the stream is next synchronized. NULL when it is full. */
PPAR_INTERNAL void *__ppar_gpu_pinned_small(struct __ppar_gpu_thread *t,
                                            size_t n);

/* How large host<->device copies move (set by tests and benchmarks; the
 * default is what measured fastest, docs/gpu-runtime.md). */
enum __ppar_xfer_mode {
  __PPAR_XFER_AUTO = 0,   /* the default policy                         */
  __PPAR_XFER_PAGEABLE,   /* cuMemcpy*Async on the user's memory        */
  __PPAR_XFER_STAGED      /* through the pinned chunks                  */
};
PPAR_INTERNAL void __ppar_gpu_xfer_policy(enum __ppar_xfer_mode mode,
                                          size_t chunk, int nchunks);
/* Threads that copy between the user's memory and the pinned chunks of one
 * staged copy (the caller included; 0: the default, xfer_pool.h). */
PPAR_INTERNAL void __ppar_gpu_xfer_threads(int threads);

#endif /* PPAR_RT_GPU_XFER_H */
