/*
 * ppar.h - annotations and runtime API of ppar.
 *
 * With the plugin (clang -fplugin=libppar.so, which defines __PPAR__) the
 * PPAR_* macros expand to annotations the plugin rewrites. Without it they
 * expand to nothing, or to a serial fallback, so annotated C stays C: the
 * same file compiles with any C compiler and runs serially.
 */
#ifndef PPAR_H
#define PPAR_H

#include <stddef.h>
#if !defined(__PPAR__) && !defined(PPAR_USE_RUNTIME) && !defined(PPAR_BUILDING_RUNTIME)
#include <stdlib.h> /* the serial ppar_host_alloc */
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Annotations ------------------------------------------------------- */

#define PPAR__STR(x) #x
#define PPAR__PRAGMA(text) _Pragma(PPAR__STR(text))

#ifdef __PPAR__
/* PPAR_JIT(parallel, nogil) double f(...) { ... } */
#define PPAR_JIT(...) __attribute__((ppar_jit(#__VA_ARGS__)))
/* PPAR_VECTORIZE(target=parallel) double f(double a, double b) { ... } */
#define PPAR_VECTORIZE(...) __attribute__((ppar_vectorize(#__VA_ARGS__)))
/* PPAR_DELAYED(nogil) double load(int part) { ... } */
#define PPAR_DELAYED(...) __attribute__((ppar_delayed(#__VA_ARGS__)))
/* PPAR_PRANGE for (i = 0; i < n; i++) ...  (inside a PPAR_JIT(parallel) function) */
#define PPAR_PRANGE PPAR__PRAGMA(ppar prange)
#else
#define PPAR_JIT(...)
#define PPAR_VECTORIZE(...)
#define PPAR_DELAYED(...)
#define PPAR_PRANGE
#endif

/* PPAR_VECTORIZE_DECL(f, R, A1, ..., Ak) declares
 *     void f_vec(size_t n, const A1 *a1, ..., const Ak *ak, R *out);
 * for translation units that call the f_vec generated from a
 * PPAR_VECTORIZE function f. Without the plugin it defines a serial f_vec
 * (static inline, one per translation unit) that calls f element by element.
 * Up to 8 arguments. Write it like a definition, with no `;` after it. */
#define PPAR__NARG(...) PPAR__NARG_(__VA_ARGS__, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define PPAR__NARG_(_1, _2, _3, _4, _5, _6, _7, _8, N, ...) N
#define PPAR__CAT(a, b) PPAR__CAT_(a, b)
#define PPAR__CAT_(a, b) a##b

#define PPAR__PARAMS1(A1) const A1 *a1
#define PPAR__PARAMS2(A1, A2) PPAR__PARAMS1(A1), const A2 *a2
#define PPAR__PARAMS3(A1, A2, A3) PPAR__PARAMS2(A1, A2), const A3 *a3
#define PPAR__PARAMS4(A1, A2, A3, A4) PPAR__PARAMS3(A1, A2, A3), const A4 *a4
#define PPAR__PARAMS5(A1, A2, A3, A4, A5) \
  PPAR__PARAMS4(A1, A2, A3, A4), const A5 *a5
#define PPAR__PARAMS6(A1, A2, A3, A4, A5, A6) \
  PPAR__PARAMS5(A1, A2, A3, A4, A5), const A6 *a6
#define PPAR__PARAMS7(A1, A2, A3, A4, A5, A6, A7) \
  PPAR__PARAMS6(A1, A2, A3, A4, A5, A6), const A7 *a7
#define PPAR__PARAMS8(A1, A2, A3, A4, A5, A6, A7, A8) \
  PPAR__PARAMS7(A1, A2, A3, A4, A5, A6, A7), const A8 *a8

#define PPAR__ARGS1 a1[i]
#define PPAR__ARGS2 PPAR__ARGS1, a2[i]
#define PPAR__ARGS3 PPAR__ARGS2, a3[i]
#define PPAR__ARGS4 PPAR__ARGS3, a4[i]
#define PPAR__ARGS5 PPAR__ARGS4, a5[i]
#define PPAR__ARGS6 PPAR__ARGS5, a6[i]
#define PPAR__ARGS7 PPAR__ARGS6, a7[i]
#define PPAR__ARGS8 PPAR__ARGS7, a8[i]

#define PPAR__VEC_PROTO(f, R, ...)                                             \
  void f##_vec(size_t n,                                                       \
               PPAR__CAT(PPAR__PARAMS, PPAR__NARG(__VA_ARGS__))(__VA_ARGS__),  \
               R *out)

#ifdef __PPAR__
#define PPAR_VECTORIZE_DECL(f, R, ...) PPAR__VEC_PROTO(f, R, __VA_ARGS__);
#else
#define PPAR_VECTORIZE_DECL(f, R, ...)                                         \
  static inline PPAR__VEC_PROTO(f, R, __VA_ARGS__) {                          \
    for (size_t i = 0; i < n; i++)                                             \
      out[i] = f(PPAR__CAT(PPAR__ARGS, PPAR__NARG(__VA_ARGS__)));              \
  }
#endif

/* ---- Runtime API (link -lppar_rt) -------------------------------------- */

/* Return codes: 0 on success, one of these on failure. */
enum {
  PPAR_OK = 0,
  PPAR_EINVAL = -1,   /* bad argument                                  */
  PPAR_ENOMEM = -2,   /* out of host or device memory                  */
  PPAR_ENODEV = -3,   /* no GPU, no driver, or no such device          */
  PPAR_ENOTSUP = -4,  /* not supported (yet) by this build of ppar     */
  PPAR_EDRIVER = -5,  /* the CUDA driver or NVRTC reported a failure   */
  PPAR_ENOENT = -6    /* no such resident data                         */
};

/* How ppar_distribute spreads an object over the ranks of an MPI run
 * (docs/distributed.md): PPAR_BLOCK, one contiguous part per rank;
 * PPAR_CYCLIC, units dealt to the ranks in turn. How ppar_distribute_2d
 * spreads a matrix of tiles over a grid of Pr x Pc ranks (Pr the largest
 * divisor of the number of ranks not above its square root):
 * PPAR_BLOCK_2D, a rectangle of tiles per rank; PPAR_CYCLIC_2D, tile
 * (i, j) on grid rank (i mod Pr, j mod Pc), as ScaLAPACK deals them. */
enum { PPAR_BLOCK = 1, PPAR_CYCLIC = 2, PPAR_BLOCK_2D = 3, PPAR_CYCLIC_2D = 4 };

#if defined(__PPAR__) || defined(PPAR_USE_RUNTIME) || defined(PPAR_BUILDING_RUNTIME)
void ppar_compute(void);
/* Under MPI, tasks that write [p, p + bytes) run on the rank that owns the
 * unit (unit bytes, an element or a row) where their write starts. Call it
 * on every rank, in the same order, before the tasks; elsewhere it does
 * nothing. 0, or PPAR_EINVAL for a null or empty object or a bad how. */
int ppar_distribute(const void *p, size_t bytes, int how, size_t unit);
/* The same for a matrix of tiles_r x tiles_c tiles of tile_bytes each,
 * stored tile after tile by rows of tiles from p (a double A[T][T][B][B],
 * say): tasks that write tile (i, j) run on its owner by how
 * (PPAR_BLOCK_2D or PPAR_CYCLIC_2D). 0, or PPAR_EINVAL for a null pointer,
 * no tiles or a bad how. */
int ppar_distribute_2d(const void *p, size_t tile_bytes, int tiles_r,
                       int tiles_c, int how);
int ppar_device_count(void);
int ppar_get_device(void);
void ppar_set_device(int dev);
int ppar_to_device(const void *host, size_t bytes);
int ppar_to_host(void *host);
int ppar_device_free(const void *host);
const char *ppar_last_error(void);

/* ---- GPU: asynchronous calls and pinned host memory -------------------- */

/* A target=cuda call whose data is all resident (ppar_to_device) and that
 * returns nothing the host needs (no reduction result) returns before its
 * kernels have run; calls of one thread run in order. The host waits when
 * it needs something: ppar_to_host or ppar_device_free of data such a call
 * uses, a call with a result or with data that is not resident, program
 * exit, or ppar_synchronize, which waits for the calls in flight of every
 * thread. 0 when they all succeeded; else a failure is printed as one line
 * naming the first call in flight ("ppar: error: f (x.c:12): the
 * asynchronous GPU call failed: ...") and its code (PPAR_EDRIVER) is
 * returned. 0 at once where no code runs on a GPU. */
int ppar_synchronize(void);

/* bytes of page-locked ("pinned") host memory, which the GPU copies to and
 * from directly and fastest; freed blocks are kept for reuse by size, so
 * allocating again is cheap. Plain malloc without a GPU. NULL when out of
 * memory. Free it with ppar_host_free (NULL: nothing). */
void *ppar_host_alloc(size_t bytes);
void ppar_host_free(void *p);
/* Pin an existing buffer (cuMemHostRegister) until ppar_host_unregister:
 * copies of it then go straight to the GPU as for ppar_host_alloc memory.
 * 0 on success (also without a GPU, where it does nothing); PPAR_EINVAL for
 * a NULL or empty range or one overlapping pinned memory; PPAR_EDRIVER when
 * the driver refuses; ppar_host_unregister of a pointer not registered:
 * PPAR_ENOENT (0 without a GPU). */
int ppar_host_register(void *p, size_t bytes);
int ppar_host_unregister(void *p);
#else
/* Serial fallbacks: a program built without the plugin (and without
 * PPAR_USE_RUNTIME) needs no runtime library; it has no tasks and no GPU. */
static inline void ppar_compute(void) {}
static inline int ppar_distribute(const void *p, size_t bytes, int how,
                                  size_t unit) {
  (void)p; (void)bytes; (void)how; (void)unit; return PPAR_OK;
}
static inline int ppar_distribute_2d(const void *p, size_t tile_bytes,
                                     int tiles_r, int tiles_c, int how) {
  (void)p; (void)tile_bytes; (void)tiles_r; (void)tiles_c; (void)how;
  return PPAR_OK;
}
static inline int ppar_device_count(void) { return 0; }
static inline int ppar_get_device(void) { return 0; }
static inline void ppar_set_device(int dev) { (void)dev; }
static inline int ppar_to_device(const void *host, size_t bytes) {
  (void)host; (void)bytes; return PPAR_ENODEV;
}
static inline int ppar_to_host(void *host) { (void)host; return PPAR_ENODEV; }
static inline int ppar_device_free(const void *host) {
  (void)host; return PPAR_ENODEV;
}
static inline const char *ppar_last_error(void) {
  return "ppar: built without the plugin: no GPU support";
}
static inline int ppar_synchronize(void) { return PPAR_OK; }
static inline void *ppar_host_alloc(size_t bytes) { return malloc(bytes); }
static inline void ppar_host_free(void *p) { free(p); }
static inline int ppar_host_register(void *p, size_t bytes) {
  (void)p; (void)bytes; return PPAR_OK;
}
static inline int ppar_host_unregister(void *p) { (void)p; return PPAR_OK; }
#endif

/* ---- GPU: record and replay ---------------------------------------------

   ppar_record(&rec, step, arg) runs step(arg) once and records its GPU
   calls; ppar_replay(rec) does the same work again, cheaply: on a GPU, the
   calls of the step (all their data resident, no value returned to the
   host) are captured into a CUDA graph, and a replay queues them with one
   launch and returns without waiting, like an asynchronous call. What is
   fixed between replays: the pointers, sizes and scalar arguments of the
   calls, and the resident data they use (it must stay resident, at the
   same place). What may change: the contents of that data. Only the GPU
   calls are replayed: a step for replay must do nothing else the program
   needs (host code, I/O). A step that does something that cannot be
   captured (a call with data that is not resident or with a result, a
   task, a wait, a function running on the CPU) is recorded up to there,
   and its replay runs the step again, as it does without a GPU, under
   PPAR_DISABLE_JIT=1 or PPAR_CHECK=1, and without the plugin.
   ppar_record_free(rec) frees it (NULL: nothing). 0, or PPAR_EINVAL (a
   NULL argument; ppar_record inside a step; ppar_replay after the data
   moved), PPAR_ENOMEM, PPAR_EDRIVER; failures of the replayed calls are
   seen at the next wait, as for asynchronous calls. */
#if defined(__PPAR__) || defined(PPAR_USE_RUNTIME) || defined(PPAR_BUILDING_RUNTIME)
typedef struct ppar_recording ppar_recording;
int ppar_record(ppar_recording **rec, void (*step)(void *arg), void *arg);
int ppar_replay(ppar_recording *rec);
void ppar_record_free(ppar_recording *rec);
#else
typedef struct ppar_recording {
  void (*step)(void *arg);
  void *arg;
} ppar_recording;
static inline int ppar_record(ppar_recording **rec, void (*step)(void *arg),
                              void *arg) {
  if (!rec || !step)
    return PPAR_EINVAL;
  if (!(*rec = (ppar_recording *)malloc(sizeof **rec)))
    return PPAR_ENOMEM;
  (*rec)->step = step;
  (*rec)->arg = arg;
  step(arg);
  return PPAR_OK;
}
static inline int ppar_replay(ppar_recording *rec) {
  if (!rec)
    return PPAR_EINVAL;
  rec->step(rec->arg);
  return PPAR_OK;
}
static inline void ppar_record_free(ppar_recording *rec) { free(rec); }
#endif

#ifdef __cplusplus
}
#endif

#include "ppar_random.h" /* counter-based random numbers, CPU and GPU alike */

/* ---- Raw kernels: jit(kernel) functions written per thread ------------- */
#include "ppar_kernel.h" /* ppar_launch, ppar_thread_index, ppar_atomic_add */

#endif /* PPAR_H */
