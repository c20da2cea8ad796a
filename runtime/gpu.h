/*
 * gpu.h - building blocks of the GPU engine: the CUDA driver and devices
 * (cuda_driver.c), per-thread streams and transfers (gpu_xfer.c), resident
 * data (device.c), NVRTC (nvrtc.c), the on-disk kernel cache (kcache.c) and
 * GPU trace events (trace.c). The ABI entry points built on them are in
 * gpu_module.c and gpu_call.c. Internal: nothing here is exported.
 * See docs/gpu-runtime.md.
 *
 * Every function returns PPAR_OK (0) or a negative PPAR_E* code of ppar.h
 * unless it says otherwise.
 */
#ifndef PPAR_RT_GPU_H
#define PPAR_RT_GPU_H

#include "visibility.h"

#include <stddef.h>
#include <stdint.h>

const char *ppar_last_error(void); /* ppar.h */

/* ppar_last_error() without its "ppar: " prefix: the cause of the last
 * failure, to quote inside another message. */
static inline const char *__ppar_last_cause(void) {
  const char *e = ppar_last_error();
  return e[0] == 'p' && e[1] == 'p' && e[2] == 'a' && e[3] == 'r' &&
                 e[4] == ':' && e[5] == ' '
             ? e + 6
             : e;
}

/* ---- NVRTC (nvrtc.c) ----------------------------------------------------
 * libnvrtc is dlopen'ed on first use (libnvrtc.so.13, .so.12, .so, then the
 * same names under /usr/local/cuda/lib64), never linked. */

/* The NVRTC version, e.g. 13 and 0. PPAR_ENODEV (with ppar_last_error set)
 * when NVRTC cannot be loaded. */
PPAR_INTERNAL int __ppar_nvrtc_version(int *major, int *minor);

/* Text that describes every option __ppar_nvrtc_compile passes to NVRTC
 * besides the architecture; it changes whenever the options change, so a
 * kernel cache key that includes it never matches an image built with other
 * options. */
PPAR_INTERNAL const char *__ppar_nvrtc_options_text(void);

/* What __ppar_nvrtc_compile makes: a CUBIN (else PTX), with fast math
 * (`fastmath`: --use_fast_math; else --fmad=false, rounding as the host). */
enum { __PPAR_NVRTC_CUBIN = 1, __PPAR_NVRTC_FAST_MATH = 2 };

/* Compile the CUDA C++ source for sm_<major><minor>: a CUBIN for that
 * architecture when mode has __PPAR_NVRTC_CUBIN, else PTX for
 * compute_<major><minor> (NUL
 * terminated; *size counts the NUL, as cuModuleLoadData wants). name is the
 * kernel's name, for messages and the log file.
 * On success *image is malloc'ed (free it) and *log, when log is not NULL,
 * is set to NULL. On failure *image is NULL, ppar_last_error says what
 * happened in one line and, when NVRTC produced a log, *log is a malloc'ed
 * copy of it; a compile error also writes the log to
 * $TMPDIR/ppar-nvrtc-<name>-<pid>.log (TMPDIR unset or relative: /tmp),
 * named in the message. Codes: PPAR_EINVAL (bad arguments), PPAR_ENODEV (no
 * NVRTC), PPAR_ENOMEM, PPAR_EDRIVER (NVRTC failed: compile error,
 * unsupported architecture, ...). Thread-safe. */
PPAR_INTERNAL int __ppar_nvrtc_compile(const char *source, const char *name,
                                       int sm_major, int sm_minor,
                                       int mode, void **image,
                                       size_t *size, char **log);

/* ---- SHA-256 (kcache.c) ------------------------------------------------- */

#define __PPAR_SHA256_SIZE 32

struct __ppar_sha256 {
  uint32_t state[8];
  uint64_t bytes;          /* bytes hashed so far */
  unsigned char block[64]; /* the partial block   */
  size_t used;             /* bytes in block      */
};

PPAR_INTERNAL void __ppar_sha256_init(struct __ppar_sha256 *s);
PPAR_INTERNAL void __ppar_sha256_update(struct __ppar_sha256 *s,
                                        const void *data, size_t size);
PPAR_INTERNAL void __ppar_sha256_final(struct __ppar_sha256 *s,
                                       unsigned char out[__PPAR_SHA256_SIZE]);
/* One call: out = SHA-256(data[0..size)). */
PPAR_INTERNAL void __ppar_sha256(const void *data, size_t size,
                                 unsigned char out[__PPAR_SHA256_SIZE]);

/* ---- Kernel cache (kcache.c) --------------------------------------------
 * One file per compiled image, <dir>/<64 hex digits of the key>.ppk; see
 * docs/gpu-runtime.md for the format and the rules that decide whether an
 * entry is used. */

/* The identity of a compiled image: SHA-256 of its inputs. */
struct __ppar_kcache_key {
  unsigned char digest[__PPAR_SHA256_SIZE];
  char hex[2 * __PPAR_SHA256_SIZE + 1]; /* digest in hex, the file name stem */
};

/* Derive the key from everything that decides the image: the kernel
 * source, the NVRTC options text (__ppar_nvrtc_options_text), the NVRTC
 * version, the architecture and the mode of __ppar_nvrtc_compile (CUBIN or
 * PTX, fast math). */
PPAR_INTERNAL void __ppar_kcache_key_init(struct __ppar_kcache_key *key,
                                          const char *source,
                                          const char *options_text,
                                          int nvrtc_major, int nvrtc_minor,
                                          int sm_major, int sm_minor,
                                          int mode);

/* Load the image stored under key from the cache directory dir (NULL: the
 * configured one, PPAR_CACHE_DIR or its default). PPAR_OK with a malloc'ed
 * *image of *size bytes; PPAR_ENOENT when there is no usable entry (none, or
 * one that breaks a rule: it is ignored and PPAR_VERBOSE=1 says why in one
 * line); PPAR_EINVAL, PPAR_ENOMEM. ppar_last_error is left alone: a miss is
 * not a failure. Thread- and process-safe. */
PPAR_INTERNAL int __ppar_kcache_load(const char *dir,
                                     const struct __ppar_kcache_key *key,
                                     void **image, size_t *size);

/* Store image under key in dir (NULL: the configured one), creating the
 * directory (mode 0700) when missing and replacing any entry atomically:
 * readers and concurrent writers see the old entry or the new one, never a
 * mix. PPAR_OK; PPAR_ENOENT when it could not be stored (no or unsafe cache
 * directory, I/O error; PPAR_VERBOSE=1 says why); PPAR_EINVAL (also for an
 * empty image), PPAR_ENOMEM. ppar_last_error is left alone: the kernel still
 * runs without a cache. */
PPAR_INTERNAL int __ppar_kcache_store(const char *dir,
                                      const struct __ppar_kcache_key *key,
                                      const void *image, size_t size);

/* The path of key's entry in dir (NULL: the configured one), malloc'ed; NULL
 * when no cache directory is known or memory runs out. For messages and
 * tests. */
PPAR_INTERNAL char *__ppar_kcache_entry_path(
    const char *dir, const struct __ppar_kcache_key *key);

/* ---- CUDA driver (cuda_driver.c) ----------------------------------------
 * The few driver API types the runtime needs, declared here because cuda.h
 * is not a build dependency. CUresult and CUdevice are ints; the handles are
 * opaque pointers; CUdeviceptr is 64 bits wide on every 64-bit platform. */
typedef int __ppar_cu_result;
typedef int __ppar_cu_device;
typedef struct __ppar_cu_ctx_st *__ppar_cu_context;
typedef struct __ppar_cu_mod_st *__ppar_cu_module;
typedef struct __ppar_cu_func_st *__ppar_cu_function;
typedef struct __ppar_cu_stream_st *__ppar_cu_stream;
typedef struct __ppar_cu_event_st *__ppar_cu_event;
typedef unsigned long long __ppar_cu_deviceptr;

enum {
  __PPAR_CU_SUCCESS = 0,
  __PPAR_CU_ERROR_INVALID_VALUE = 1,
  __PPAR_CU_ERROR_OUT_OF_MEMORY = 2,
  __PPAR_CU_ATTR_SM_COUNT = 16,   /* CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT */
  __PPAR_CU_ATTR_CC_MAJOR = 75,   /* ..._COMPUTE_CAPABILITY_MAJOR             */
  __PPAR_CU_ATTR_CC_MINOR = 76,   /* ..._COMPUTE_CAPABILITY_MINOR             */
  __PPAR_CU_STREAM_NON_BLOCKING = 1,
  __PPAR_CU_EVENT_DISABLE_TIMING = 2
};

/* Every driver entry point the runtime calls, looked up once. */
struct __ppar_cu_api {
  __ppar_cu_result (*init)(unsigned flags);
  __ppar_cu_result (*get_error_name)(__ppar_cu_result, const char **);
  __ppar_cu_result (*get_error_string)(__ppar_cu_result, const char **);
  __ppar_cu_result (*device_get_count)(int *);
  __ppar_cu_result (*device_get)(__ppar_cu_device *, int ordinal);
  __ppar_cu_result (*device_get_attribute)(int *, int attr, __ppar_cu_device);
  __ppar_cu_result (*device_get_name)(char *, int, __ppar_cu_device);
  __ppar_cu_result (*primary_ctx_retain)(__ppar_cu_context *,
                                         __ppar_cu_device);
  __ppar_cu_result (*ctx_set_current)(__ppar_cu_context);
  __ppar_cu_result (*ctx_get_current)(__ppar_cu_context *);
  __ppar_cu_result (*module_load_data)(__ppar_cu_module *, const void *);
  __ppar_cu_result (*module_get_function)(__ppar_cu_function *,
                                          __ppar_cu_module, const char *);
  __ppar_cu_result (*launch_kernel)(__ppar_cu_function, unsigned, unsigned,
                                    unsigned, unsigned, unsigned, unsigned,
                                    unsigned shared, __ppar_cu_stream,
                                    void **params, void **extra);
  __ppar_cu_result (*mem_alloc)(__ppar_cu_deviceptr *, size_t);
  __ppar_cu_result (*mem_free)(__ppar_cu_deviceptr);
  __ppar_cu_result (*mem_get_info)(size_t *free_bytes, size_t *total);
  __ppar_cu_result (*memcpy_htod)(__ppar_cu_deviceptr, const void *, size_t);
  __ppar_cu_result (*memcpy_dtoh)(void *, __ppar_cu_deviceptr, size_t);
  __ppar_cu_result (*memcpy_htod_async)(__ppar_cu_deviceptr, const void *,
                                        size_t, __ppar_cu_stream);
  __ppar_cu_result (*memcpy_dtoh_async)(void *, __ppar_cu_deviceptr, size_t,
                                        __ppar_cu_stream);
  __ppar_cu_result (*memcpy_dtod_async)(__ppar_cu_deviceptr,
                                        __ppar_cu_deviceptr, size_t,
                                        __ppar_cu_stream);
  __ppar_cu_result (*mem_alloc_host)(void **, size_t);
  __ppar_cu_result (*mem_free_host)(void *);
  __ppar_cu_result (*stream_create)(__ppar_cu_stream *, unsigned flags);
  __ppar_cu_result (*stream_destroy)(__ppar_cu_stream);
  __ppar_cu_result (*stream_synchronize)(__ppar_cu_stream);
  __ppar_cu_result (*event_create)(__ppar_cu_event *, unsigned flags);
  __ppar_cu_result (*event_destroy)(__ppar_cu_event);
  __ppar_cu_result (*event_record)(__ppar_cu_event, __ppar_cu_stream);
  __ppar_cu_result (*event_synchronize)(__ppar_cu_event);
  __ppar_cu_result (*event_elapsed_time)(float *ms, __ppar_cu_event,
                                         __ppar_cu_event);
};

/* The driver table once libcuda.so.1 is loaded, cuInit succeeded and a
 * device exists; NULL otherwise (the first call probes, thread-safe). */
PPAR_INTERNAL const struct __ppar_cu_api *__ppar_cu(void);
/* Devices the driver reports; 0 without driver or device. */
PPAR_INTERNAL int __ppar_cu_device_count(void);
/* Why there is no device, for messages ("" when there is one). */
PPAR_INTERNAL const char *__ppar_cu_why_none(void);
/* "CUDA_ERROR_OUT_OF_MEMORY (2): out of memory" into buf. */
PPAR_INTERNAL const char *__ppar_cu_strerror(__ppar_cu_result rc, char *buf,
                                             size_t size);
/* PPAR_ENOMEM for out of memory, else PPAR_EDRIVER. */
PPAR_INTERNAL int __ppar_cu_code(__ppar_cu_result rc);
/* ppar_last_error = "<what> failed: <__ppar_cu_strerror>"; the code. */
PPAR_INTERNAL int __ppar_cu_fail(__ppar_cu_result rc, const char *what);

/* One device, opened on first use: its attributes and retained primary
 * context. */
struct __ppar_gpu_device {
  int ordinal;
  __ppar_cu_device dev;
  __ppar_cu_context ctx;
  int cc_major, cc_minor; /* compute capability       */
  int sms;                /* multiprocessors, >= 1    */
  char name[96];
  int ready; /* atomic: the fields above are set */
};

/* The device with this ordinal, opened (thread-safe); NULL with
 * ppar_last_error set when there is none or it cannot be opened. */
PPAR_INTERNAL const struct __ppar_gpu_device *__ppar_gpu_device(int ordinal);
/* Make d's primary context current on this thread (cheap when it is). */
PPAR_INTERNAL int __ppar_gpu_make_current(const struct __ppar_gpu_device *d);

/* ---- Streams, memory and transfers (gpu_xfer.c) -------------------------
 * Each thread has, per device it uses, one non-blocking stream, a small
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
/* The free list of call objects (gpu_call.c owns what it points to, and
 * frees a list with __ppar_gpu_calls_free when its thread ends). */
PPAR_INTERNAL void **__ppar_gpu_thread_calls(struct __ppar_gpu_thread *t);
PPAR_INTERNAL void __ppar_gpu_calls_free(struct __ppar_gpu_thread *t,
                                         void *list);

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
 * returns. Small copies go through the pinned buffer, large ones through
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

/* ---- Modules (gpu_module.c) ---------------------------------------------- */
struct __ppar_rt_module; /* ppar_rt_abi.h */

/* A module loaded on one device. */
struct __ppar_gpu_loaded {
  __ppar_cu_module mod;
  __ppar_cu_function *fns; /* one per m->kernels[i] */
  int nkernels;
  int sms; /* the device's multiprocessors, for grid sizes */
};

/* m loaded on device ordinal: the first time compiled (or taken from the
 * disk cache) and loaded, afterwards one atomic load. NULL when it cannot
 * run there; the reason was printed once for the module (or the program
 * ended, under PPAR_TARGET=cuda). Thread-safe. */
PPAR_INTERNAL const struct __ppar_gpu_loaded *
__ppar_gpu_module_get(struct __ppar_rt_module *m, int ordinal);

/* Print "ppar: f (x.c:12): <message>; running the CPU version" for m's
 * function; when fatal, or under PPAR_TARGET=cuda, end the program with
 * "ppar: error: f (x.c:12): <message>" instead. */
PPAR_INTERNAL void __ppar_gpu_report(const struct __ppar_rt_module *m,
                                     int fatal, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- Resident data (device.c) -------------------------------------------
 * Host ranges made resident with ppar_to_device. A call that uses one holds
 * a reference, so ppar_device_free from another thread frees the device
 * memory only after the call ended. */
struct __ppar_resident;

/* The resident block of device ordinal that holds all of [lo, hi), with a
 * reference taken; *dev is the device address of lo. NULL when none. */
PPAR_INTERNAL struct __ppar_resident *
__ppar_resident_find(int ordinal, const void *lo, const void *hi,
                     __ppar_cu_deviceptr *dev);
PPAR_INTERNAL void __ppar_resident_release(struct __ppar_resident *r);

/* Whether device ordinal holds resident data. */
PPAR_INTERNAL int __ppar_resident_on(int ordinal);

/* ---- GPU trace events (trace.c, PPAR_TRACE) -----------------------------
 * Recorded only when tracing; strings must live as long as the process. */

/* Non-zero when PPAR_TRACE is set (initialises the trace on first use). */
PPAR_INTERNAL int __ppar_trace_gpu_on(void);
/* The trace clock, microseconds. */
PPAR_INTERNAL double __ppar_trace_clock(void);
/* One event on this thread's GPU row: cat "compile", "cache", "copy" or
 * "kernel"; name the event's title; fn the user's function; detail an
 * optional text argument (NULL: none); bytes >= 0 adds bytes and GB/s. */
PPAR_INTERNAL void __ppar_trace_gpu(const char *cat, const char *name,
                                    const char *fn, const char *detail,
                                    int device, double start, double end,
                                    double bytes);

#endif /* PPAR_RT_GPU_H */
