/*
 * ppar_kernel.h - raw kernels: functions written per thread (included by
 * ppar.h; docs/gpu.md, "Raw kernels").
 *
 * A jit(kernel) function is the body of one thread, as in Numba's
 * @cuda.jit or CuPy's RawKernel; a launch runs it once per thread of a
 * grid:
 *
 *     PPAR_JIT(kernel, target=auto, inout(a[0:n]))
 *     void increment(float *a, int n) {
 *       long long i = ppar_thread_index();
 *       if (i < n)
 *         a[i] += 1.0f;
 *     }
 *     ...
 *     ppar_launch(increment, ppar_grid(n), a, n);
 *
 * With the plugin the threads are a CUDA grid (target=cuda|auto and a GPU),
 * else an OpenMP parallel loop over the thread indices. Without the plugin
 * ppar_launch is a serial loop that calls the function once per thread
 * index, in order, evaluating its arguments each time: give it arguments
 * without side effects.
 */
#ifndef PPAR_KERNEL_H
#define PPAR_KERNEL_H

/* The threads of a launch: `threads` in all, in blocks of `block` (0: the
 * default, PPAR_DEFAULT_BLOCK). */
typedef struct ppar_grid {
  long long threads;
  int block;
} ppar_grid_t;
enum { PPAR_DEFAULT_BLOCK = 256 };

/* n threads, in blocks of the default size; on the GPU the last block's
 * threads past n do not run the function. */
static inline ppar_grid_t ppar_grid(long long n) {
  ppar_grid_t g = {n, 0};
  return g;
}
/* blocks whole blocks of block threads (CUDA's <<<blocks, block>>>). */
static inline ppar_grid_t ppar_blocks(long long blocks, int block) {
  ppar_grid_t g = {blocks * block, block};
  return g;
}

/* Where the calling thread is in its launch. Outside a launch: thread 0 of
 * a grid of 1. On the GPU the plugin replaces these by CUDA's blockIdx,
 * blockDim and threadIdx; on the CPU they read the thread's slot below. */
#if !defined(PPAR_BUILDING_RUNTIME) /* the runtime needs none of it */
struct ppar__thread {
  long long index, size;
  int block;
};
/* One slot per thread for the whole program: a weak definition in each
 * translation unit, merged by the linker, so a kernel launched from
 * another file sees the index its launch set. */
__attribute__((weak)) __thread struct ppar__thread ppar__thread_at = {0, 1, 1};

/* index of this thread in the grid, 0 .. ppar_grid_size() - 1 */
static inline long long ppar_thread_index(void) { return ppar__thread_at.index; }
/* threads of the launch (ppar_grid's n) */
static inline long long ppar_grid_size(void) { return ppar__thread_at.size; }
/* threads per block, this thread's block and its index in the block */
static inline int ppar_block_dim(void) { return ppar__thread_at.block; }
static inline long long ppar_block_index(void) {
  return ppar__thread_at.index / ppar__thread_at.block;
}
static inline int ppar_thread_in_block(void) {
  return (int)(ppar__thread_at.index % ppar__thread_at.block);
}
/* Waits for every thread of the block (CUDA's __syncthreads). Only a GPU
 * has it: the plugin rejects a kernel that uses it unless it says
 * target=cuda, and such a kernel runs nowhere else (without a GPU the
 * launch ends the program with a message); called on the CPU it traps. */
static inline void ppar_syncthreads(void) { __builtin_trap(); }

/* PPAR_SHARED(T, name, n); in a kernel: an array of n T shared by the
 * threads of a block (CUDA's __shared__ T name[n]), uninitialised. Like
 * ppar_syncthreads, GPU only (the kernel must say target=cuda); without the
 * plugin, one static array for the serial threads. */
#ifdef __PPAR__
#define PPAR_SHARED(T, name, n)                                                \
  static T name[n] __attribute__((annotate("ppar_shared")))
#else
#define PPAR_SHARED(T, name, n) static T name[n]
#endif

/* Sets the calling thread's slot for thread t of grid g (generated launch
 * code, and the serial ppar_launch below). */
static inline void ppar__thread_enter(ppar_grid_t g, long long t) {
  ppar__thread_at.index = t;
  ppar__thread_at.size = g.threads;
  ppar__thread_at.block = g.block > 0 ? g.block : PPAR_DEFAULT_BLOCK;
}
static inline void ppar__thread_leave(void) {
  ppar__thread_at.index = 0;
  ppar__thread_at.size = 1;
  ppar__thread_at.block = 1;
}

/* Atomic read-modify-write of *p, returning the old value: CUDA's
 * atomicAdd, atomicMin, ... in a kernel, __atomic builtins on the CPU
 * (clang's take float and double too). C11 atomic_fetch_add and friends on
 * _Atomic objects, and ++, --, +=, -= on them, work as well. Atomics are
 * relaxed: they order nothing but themselves. */
#ifdef __PPAR__
#define ppar_atomic_add(p, v) __atomic_fetch_add((p), (v), __ATOMIC_RELAXED)
#define ppar_atomic_sub(p, v) __atomic_fetch_sub((p), (v), __ATOMIC_RELAXED)
#define ppar_atomic_min(p, v) __atomic_fetch_min((p), (v), __ATOMIC_RELAXED)
#define ppar_atomic_max(p, v) __atomic_fetch_max((p), (v), __ATOMIC_RELAXED)
#else
/* Serial: one thread at a time, so a plain update is atomic (and works
 * for floating point with any compiler). */
#define PPAR__RMW(p, v, NEW)                                                   \
  __extension__({                                                              \
    __typeof__(*(p)) *ppar__p = (p), ppar__o = *ppar__p, ppar__v = (v);        \
    *ppar__p = (NEW);                                                          \
    ppar__o;                                                                   \
  })
#define ppar_atomic_add(p, v) PPAR__RMW(p, v, ppar__o + ppar__v)
#define ppar_atomic_sub(p, v) PPAR__RMW(p, v, ppar__o - ppar__v)
#define ppar_atomic_min(p, v) PPAR__RMW(p, v, ppar__v < ppar__o ? ppar__v : ppar__o)
#define ppar_atomic_max(p, v) PPAR__RMW(p, v, ppar__v > ppar__o ? ppar__v : ppar__o)
#endif

/* ppar_launch(f, grid, args...): runs the jit(kernel) function f(args...)
 * once per thread of grid. With the plugin it calls f_launch(grid,
 * args...), which the plugin writes after f (declared from there on, so
 * wrong arguments are errors naming its prototype; a function that is not
 * jit(kernel) has no f_launch). */
#ifdef __PPAR__
#define ppar_launch(f, ...) f##_launch(__VA_ARGS__) /* the grid, then f's */
#else
static inline ppar_grid_t ppar__grid(ppar_grid_t g) { return g; }
#define ppar_launch(f, grid, ...)                                              \
  do {                                                                         \
    ppar_grid_t ppar__g = ppar__grid(grid);                                    \
    for (long long ppar__t = 0; ppar__t < ppar__g.threads; ppar__t++) {        \
      ppar__thread_enter(ppar__g, ppar__t);                                    \
      f(__VA_ARGS__);                                                          \
    }                                                                          \
    ppar__thread_leave();                                                      \
  } while (0)
#endif

/* PPAR_KERNEL_DECL(f, params...) declares the jit(kernel) function f of
 * another file, so that this one may ppar_launch it: f itself, and with the
 * plugin its f_launch. For kernels with parameters; no `;` after it. */
#ifdef __PPAR__
#define PPAR_KERNEL_DECL(f, ...)                                               \
  void f(__VA_ARGS__);                                                         \
  void f##_launch(ppar_grid_t, __VA_ARGS__);
#else
#define PPAR_KERNEL_DECL(f, ...) void f(__VA_ARGS__);
#endif

#endif /* !PPAR_BUILDING_RUNTIME */

#endif /* PPAR_KERNEL_H */
