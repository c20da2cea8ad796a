/*
 * ppar_rt_abi.h - the entry points that plugin-generated code calls.
 *
 * The plugin puts this text into the predefines of every translation unit it
 * rewrites, so generated code needs no #include (which would shift the user's
 * lines). Keep it self-contained: no #include, no dependence on user macros.
 * Users never call these; their API is ppar.h.
 */
#ifndef PPAR_RT_ABI_H
#define PPAR_RT_ABI_H

#ifdef __cplusplus
extern "C" {
#endif

/* Variants a dispatcher can run; __ppar_rt_choose returns one of them. */
enum {
  __PPAR_RT_SERIAL = 0, /* the user's original body, as written            */
  __PPAR_RT_CPU = 1,    /* the generated multi-core variant                 */
  __PPAR_RT_CHECK = 2,  /* PPAR_CHECK: the multi-core variant that also runs
                           each loop serially and compares the results      */
  __PPAR_RT_CUDA = 3    /* the GPU variant: its parallel loops are kernels  */
};

/* Where the user asked the function to run (jit target=, vectorize
 * target=). */
enum {
  __PPAR_RT_TARGET_CPU = 0,
  __PPAR_RT_TARGET_CUDA = 1, /* GPU; without one, the CPU, said once      */
  __PPAR_RT_TARGET_AUTO = 2  /* GPU when present, else the CPU, silently  */
};

/* One per annotated function, a static object in the user's translation
 * unit. The plugin fills in the constant fields; `state` belongs to the
 * runtime and starts at 0. */
struct __ppar_rt_fn {
  const char *name;  /* the user's function name         */
  const char *file;  /* presumed file of the definition  */
  unsigned line;     /* line of the definition           */
  unsigned variants; /* bit (1u << __PPAR_RT_*) for each generated variant */
  int target;        /* __PPAR_RT_TARGET_*                                  */
  int state;
};

/* Called on entry of every annotated function: which variant to run. Honours
 * PPAR_DISABLE_JIT and PPAR_TARGET; cheap after the first call. Returns
 * __PPAR_RT_CUDA only when fn has that variant, its target (or PPAR_TARGET)
 * asks for the GPU, PPAR_TARGET is not cpu and a device is present. Without
 * a device, target cuda says once on stderr that the CPU runs it
 * ("ppar: f (x.c:12): no CUDA device (why); running on the CPU") and
 * PPAR_TARGET=cuda ends the program with that line. */
int __ppar_rt_choose(struct __ppar_rt_fn *fn);

/* Thread count for generated OpenMP loops (num_threads clause):
 * PPAR_NUM_THREADS, else OMP_NUM_THREADS, else the number of cores. */
int __ppar_rt_num_threads(void);

/* PPAR_CHECK=1: generated code runs a parallel loop's serial copy and then
 * the parallel loop on the same input, and compares what they wrote:
 *
 *   if ((c = __ppar_rt_check_begin(...))) {   saves what the loop writes;
 *     ...serial copy of the loop...          null: no memory, not checked
 *     __ppar_rt_check_mid(c); }
 *                                     (mid keeps the serial results and
 *                                      restores the input)
 *   ...parallel loop...
 *   __ppar_rt_check_scalar(c, ...);   a reduction or last-private scalar
 *   __ppar_rt_check_end(c);           compares the regions, reports, frees
 *
 * The first difference of a loop is reported on stderr (function, loop line,
 * element index, both values); at exit a program with a difference exits
 * with status 3. */
struct __ppar_rt_region {
  const void *lo, *hi; /* the bytes [lo, hi) the loop may write   */
  char kind;           /* 'f' floating, 'i' signed, 'u' unsigned, 'b' other */
  unsigned char size;  /* bytes per element                        */
  const char *name;    /* the variable, for the report             */
};
struct __ppar_rt_check;

/* ppar.h's: a function's PPAR_CHECK variant for the GPU compares only
 * when there is one. */
int ppar_device_count(void);

/* Non-zero when PPAR_CHECK is set (and PPAR_DISABLE_JIT is not). */
int __ppar_rt_checking(void);
struct __ppar_rt_check *__ppar_rt_check_begin(const char *fn, const char *file,
                                              unsigned line,
                                              const struct __ppar_rt_region *regions,
                                              int count);
void __ppar_rt_check_mid(struct __ppar_rt_check *c);
/* reduction: 0 compares exactly; 1, a reduction, within the relative
 * tolerance PPAR_CHECK_RTOL; 2, a single-precision reduction, within at
 * least 1e-5 (its rounding alone reaches 1e-7). */
void __ppar_rt_check_scalar(struct __ppar_rt_check *c, const char *name,
                            double parallel, double serial, int reduction);
void __ppar_rt_check_end(struct __ppar_rt_check *c);

/* Floating-point reductions of parallel loops are combined in a fixed
 * order by the generated code (docs/reductions.md): one partial per thread,
 * indexed by OpenMP's thread number (declared here as omp.h does, so that
 * generated code needs no #include), or under jit(reproducible) one per
 * chunk of 1024 iterations, in memory from __ppar_rt_partials (never NULL:
 * out of memory ends the program with one line). */
int omp_get_thread_num(void);
void *__ppar_rt_partials(long long count, __SIZE_TYPE__ size);
void __ppar_rt_partials_free(void *p);

/* Helpers of the run-time overlap checks (loop versioning): the extremes of
 * an index over a loop nest, and whether two byte ranges [lo, hi) are
 * disjoint. Inline, so a check costs a few compares; `unused`, since the
 * predefines count as the main file for -Wunused-function. */
__attribute__((unused)) static __inline__ long long
__ppar_rt_min(long long a, long long b) {
  return a < b ? a : b;
}
__attribute__((unused)) static __inline__ long long
__ppar_rt_max(long long a, long long b) {
  return a > b ? a : b;
}
__attribute__((unused)) static __inline__ int
__ppar_rt_disjoint(const void *a_lo, const void *a_hi, const void *b_lo,
                   const void *b_hi) {
  return (__UINTPTR_TYPE__)a_hi <= (__UINTPTR_TYPE__)b_lo ||
         (__UINTPTR_TYPE__)b_hi <= (__UINTPTR_TYPE__)a_lo;
}

/* ---- GPU kernels (SPEC section 3, target=cuda) ----------------------------
 *
 * A function whose parallel loops become kernels gets one module: the CUDA
 * C++ source of all its kernels, compiled by the runtime at the first call
 * on each device (NVRTC, CUBIN for the device's sm_XY; with `cache`, the
 * disk cache first) and kept for the process. Its GPU variant reads
 *
 *   static struct __ppar_rt_module __ppar_m = {"f", "x.c", 12, source,
 *       (const char *const[]){"__ppar_k_f_0", "__ppar_k_f_1"}, 2, flags, 0};
 *   struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&__ppar_m);
 *   if (!c) return __ppar_cpu_f(...);            module unusable: CPU
 *   __ppar_rt_gpu_data(c, a, a + n, __PPAR_RT_ACCESS_READ);  every pointer
 *   __ppar_rt_gpu_data(c, b, b + n, __PPAR_RT_ACCESS_WRITE); range it uses
 *   if (__ppar_rt_gpu_copy_in(c)) goto fail;     allocate, copy in
 *   double *d_a = __ppar_rt_gpu_ptr(c, a), ...   device addresses
 *   ... host code of f; each parallel loop becomes
 *   __ppar_rt_gpu_launch(c, 0, nx, ny, (void *[]){&n, &d_a, &d_b});
 *   ... a reduction into s:
 *   double *d_s = __ppar_rt_gpu_reduction(c, &s, sizeof(double));
 *   __ppar_rt_gpu_launch(c, 1, n, 1, (void *[]){&n, &d_a, &d_s});
 *   double part; __ppar_rt_gpu_fetch(c, &part, d_s, sizeof part); s += part;
 *   if (__ppar_rt_gpu_end(c)) fail: return __ppar_cpu_f(...);
 *
 * Data moves once per call: in at copy_in, out at end. Host memory is not
 * written before end, so after a failure the CPU variant can start again
 * from the caller's data. A failing call (out of device memory, launch
 * error, ...) prints one line naming the function and the cause; when it
 * used resident data (whose only current copy is on the device), or end
 * failed while copying out, the program ends with that line instead.
 * Calls are per thread and may run on several threads at once. */

struct __ppar_rt_module {
  const char *name;  /* the user's function, for messages     */
  const char *file;  /* presumed file and line of its definition */
  unsigned line;
  const char *source;             /* CUDA C++ of every kernel, NUL-terminated */
  const char *const *kernels;     /* extern "C" names, index = launch's k      */
  int nkernels;
  unsigned flags;                 /* __PPAR_RT_MODULE_*                        */
  void *state;                    /* the runtime's; starts null                */
};
enum {
  __PPAR_RT_MODULE_CACHE = 1u,   /* `cache`: keep the compiled image on disk */
  __PPAR_RT_MODULE_FASTMATH = 2u /* `fastmath`: NVRTC's --use_fast_math      */
};

struct __ppar_rt_gpu_call; /* opaque; one per call of a GPU variant */

/* Starts a call on the current device: loads the module there (the first
 * time: compile or cache hit). NULL when it cannot run on the GPU (no
 * device, NVRTC missing or failing, ...): the message is printed once per
 * module and the caller runs its CPU variant; PPAR_TARGET=cuda ends the
 * program with the message instead. */
struct __ppar_rt_gpu_call *__ppar_rt_gpu_begin(struct __ppar_rt_module *m);

/* The call uses host bytes [lo, hi), mode as __ppar_rt_access (read:
 * copied in, write: copied out at end). Ranges may overlap and repeat: the
 * runtime merges them, so aliased pointers share one device copy. Ranges
 * inside data made resident with ppar_to_device on this device use it and
 * copy nothing (with a copy per device of PPAR_DEVICES: the part's slot's,
 * else the first slot on this device; bytes another copy wrote last are
 * fetched first). Empty ranges are ignored. Before copy_in only. */
void __ppar_rt_gpu_data(struct __ppar_rt_gpu_call *c, const void *lo,
                        const void *hi, int mode);

/* Allocates device memory for the ranges and copies in what is read.
 * 0, or a negative PPAR_E* code (message printed, call failed). */
int __ppar_rt_gpu_copy_in(struct __ppar_rt_gpu_call *c);

/* The device address that stands for host address p: inside a range of the
 * call, its device copy at the same offset; any other p (a pointer the
 * kernels never dereference) is returned as it is. After copy_in. */
void *__ppar_rt_gpu_ptr(struct __ppar_rt_gpu_call *c, const void *p);

/* Launches kernel k of the module over an nx by ny grid of iterations
 * (ny = 1: one-dimensional); the kernel's loops are grid-stride, so any
 * grid covers them, and the runtime sizes it for the device. args as
 * cuLaunchKernel's kernelParams: one pointer per kernel parameter.
 * Asynchronous, in order on the call's stream. nx or ny <= 0 launches
 * nothing. 0 or a negative code (call failed; later steps do nothing). */
int __ppar_rt_gpu_launch(struct __ppar_rt_gpu_call *c, int k, long long nx,
                         long long ny, void **args);

/* size bytes of device memory for the call, initialised with init (a
 * reduction's identity), freed at end. NULL when the call has failed. */
void *__ppar_rt_gpu_scratch(struct __ppar_rt_gpu_call *c, const void *init,
                            __SIZE_TYPE__ size);

/* A reduction's result on the device, initialised with init (the
 * variable's value; size <= 8): 16 bytes (the value, then a count of the
 * blocks done, zero) followed by one 8-byte slot per block of a launch.
 * Each block of the kernel stores its partial in its slot; the last block
 * to finish combines the slots in block order into the value, so the
 * result does not depend on the order blocks finish (no floating-point
 * atomics). A launch has at most __PPAR_RT_MAX_BLOCKS blocks. NULL when the
 * call has failed. Fetch the value with __ppar_rt_gpu_fetch. */
#define __PPAR_RT_MAX_BLOCKS 4096
void *__ppar_rt_gpu_reduction(struct __ppar_rt_gpu_call *c, const void *init,
                              __SIZE_TYPE__ size);

/* Waits for the launches so far and copies size bytes at device address
 * dev to host. 0 or a negative code (host left as it was). */
int __ppar_rt_gpu_fetch(struct __ppar_rt_gpu_call *c, void *host,
                        const void *dev, __SIZE_TYPE__ size);

/* Host code between two kernels of the call uses host bytes [lo, hi):
 * to_host waits for the kernels so far and copies the part of [lo, hi) that
 * the call's kernels may have written (and all of it inside resident data)
 * from the device to the host; to_device copies the part of [lo, hi) inside
 * the call's ranges from the host to the device again, after host code
 * wrote it. Bytes outside the call's ranges are left alone. Host memory is
 * then written before end: a later failure of the call ends the program
 * (the CPU variant cannot start again from the caller's data). 0 or a
 * negative code; when to_host fails, host memory is as it was (the caller
 * ends the call and runs its CPU variant). */
int __ppar_rt_gpu_to_host(struct __ppar_rt_gpu_call *c, const void *lo,
                          const void *hi);
int __ppar_rt_gpu_to_device(struct __ppar_rt_gpu_call *c, const void *lo,
                            const void *hi);

/* A block the function allocates between kernels (`double *t =
 * malloc(...)` after the first one): right after the allocation, block
 * gets device memory of its own for host bytes [lo, hi), their contents
 * copied in, read and written from then on as the other ranges (ptr,
 * to_host, to_device, copied out at end). A null lo (the allocation
 * failed) does nothing. block_free, right before the function frees a
 * block of the call: its bytes are never copied back, and the device
 * memory of a block given by block goes. */
void __ppar_rt_gpu_block(struct __ppar_rt_gpu_call *c, const void *lo,
                         const void *hi);
void __ppar_rt_gpu_block_free(struct __ppar_rt_gpu_call *c, const void *lo,
                              const void *hi);

/* Waits, copies out what was written (not resident data), frees the call.
 * 0, or a negative code when the call failed at any step: the caller then
 * runs its CPU variant. Always ends the call. */
int __ppar_rt_gpu_end(struct __ppar_rt_gpu_call *c);


/* ---- One call split across devices (docs/multi-gpu.md) ------------------
 *
 * With PPAR_DEVICES naming several devices (a repeated ordinal, `0,0`, is
 * one GPU used as several: separate threads, streams and memory), a call
 * whose kernel the plugin can split runs its outermost parallel loop in
 * near-equal blocks of iterations, one per device:
 *
 *   if (__ppar_rt_gpu_parts() > 1 &&
 *       __ppar_rt_gpu_split(&__ppar_m, n0, __ppar_part_f, &env) == 0)
 *     return;                             else the one-device call below
 *
 * where __ppar_part_f(env, p) is the one-device call (begin ... end) for
 * the trips [p->first, p->first + p->count) of the split loop, registering
 * only the bytes that block touches. */
struct __ppar_rt_gpu_part {
  int part, parts; /* this part, and how many the call has      */
  int device;      /* its device ordinal (current on its thread) */
  long long first, count; /* its trips of the split loop          */
};

/* How many parts a split call has: the devices PPAR_DEVICES names (unset
 * or `all`: every device), or 1 (one device, or none): no split. */
int __ppar_rt_gpu_parts(void);

/* Runs fn(env, part) for each part over trips [0, n) of the split loop
 * (total: the iterations of its whole nest, the kernel's threads), each on a host thread
 * of its own with its device current (part 0 on the caller's), and keeps
 * the parts' calls in step: their copy_in checks that no two parts write
 * overlapping bytes (resident data counts: each part writes its own copy
 * in place, docs/multi-gpu.md), their end waits until every part's
 * kernels have run and copies out only then. 0 when every part ran (host
 * memory or the parts' copies of resident data written). Otherwise no part
 * copied anything out and the caller runs the call on one device:
 * PPAR_ENOTSUP when the split was declined (quietly: written ranges
 * overlap, fewer trips than parts, or fewer than two parts would each get
 * a wave of their GPU's threads: see docs/multi-gpu.md), else the code of
 * a part that failed
 * (printed, naming its device; with resident data that ends the
 * program). */
int __ppar_rt_gpu_split(struct __ppar_rt_module *m, long long n,
                        long long total,
                        int (*fn)(void *env, const struct __ppar_rt_gpu_part *p),
                        void *env);

/* Raw kernels (jit(kernel), docs/gpu.md): kernel k over the user's grid,
 * ceil(threads / block) blocks of block threads (block <= 0: 256); the
 * kernel itself skips the threads past `threads`. As __ppar_rt_gpu_launch
 * otherwise. */
int __ppar_rt_gpu_launch_blocks(struct __ppar_rt_gpu_call *c, int k,
                                long long threads, int block, void **args);

/* A raw kernel's pointer argument p without a data clause: when p points
 * into data made resident on the current device, its whole resident range
 * is registered with the call (used in place, copied nowhere) and 0 is
 * returned; otherwise the call fails (a message names the function and
 * the parameter `name`: give it a clause or make it resident) and the
 * caller runs its CPU version. */
int __ppar_rt_gpu_data_resident(struct __ppar_rt_gpu_call *c, const void *p,
                                const char *name);

/* A raw kernel that uses block barriers or block shared memory has only a
 * GPU version: where
 * no GPU runs it, the program ends with one line naming fn. */
_Noreturn void __ppar_rt_raw_needs_gpu(struct __ppar_rt_fn *fn);

/* ---- Resident data where no GPU code runs (docs/gpu-runtime.md) ----------
 *
 * Without a device, and under PPAR_TARGET=cpu, PPAR_DISABLE_JIT or
 * PPAR_CHECK, ppar_to_device keeps the device copy in host memory. A
 * function with a GPU variant then runs every variant on that copy, as its
 * kernels would on the GPU; its dispatcher starts with
 *
 *   struct __ppar_rt_host_use *__ppar_h
 *       __attribute__((cleanup(__ppar_rt_host_done))) = 0;
 *   if (__ppar_rt_host_copies())
 *     u = __ppar_rt_host_copy(&__ppar_h, u, (const void *[]){lo, hi}, 1);
 *
 * for each pointer parameter u, with the ranges its GPU variant registers
 * (__ppar_rt_gpu_data). */
struct __ppar_rt_host_use; /* opaque: the host copies a call uses */

/* Non-zero when some data is resident in a host copy. */
int __ppar_rt_host_copies(void);

/* base moved onto the host copy that holds all n non-empty byte ranges
 * [bounds[2i], bounds[2i + 1]), the copy held until __ppar_rt_host_done;
 * base itself when no one copy holds them all. */
void *__ppar_rt_host_copy(struct __ppar_rt_host_use **use, const void *base,
                          const void *const *bounds, int n);

/* The call's end: releases the copies it used (a cleanup function). */
void __ppar_rt_host_done(struct __ppar_rt_host_use **use);

/* ---- Tasks of delayed functions (SPEC section 3, delayed) -----------------
 *
 * A call of a delayed function f(a, b) becomes
 *
 *   struct f_args { A a; B b; };  static void f_task(void *args, void *res)
 *   { struct f_args *p = args; *(R *)res = f(p->a, p->b); }
 *   struct __ppar_rt_task *fut = __ppar_rt_task_create("f", "x.c", 12,
 *       f_task, &(struct f_args){a, b}, sizeof(struct f_args), sizeof(R),
 *       accesses, naccesses, deps, ndeps, flags);
 *
 * and a use of its result `*(R *)__ppar_rt_task_force(fut)`. Functions that
 * create tasks are bracketed by __ppar_rt_scope_enter/leave; a statement
 * that is not a task and touches memory a pending task may touch is preceded
 * by __ppar_rt_wait_memory. Tasks are lazy: nothing runs until a force, a
 * scope exit, a wait_memory, ppar_compute() or an eager task needs it.
 * See docs/tasks.md. */
struct __ppar_rt_task; /* opaque */

/* Bytes [lo, hi) a task reads (mode 1), writes (2) or both (3). const T*
 * parameters are reads, other pointers read-write; without an extent, the
 * whole object. Empty ranges are ignored. */
struct __ppar_rt_access {
  const void *lo, *hi;
  int mode;
};
enum {
  __PPAR_RT_ACCESS_READ = 1,
  __PPAR_RT_ACCESS_WRITE = 2,
  __PPAR_RT_ACCESS_READWRITE = 3
};

/* flags of __ppar_rt_task_create */
enum {
  __PPAR_RT_TASK_NOGIL = 1u, /* runs without the global lock, concurrently */
  __PPAR_RT_TASK_EAGER = 2u, /* requested at once instead of at first use */
  /* calls GPU code: placed on a device where the process may use several
   * (docs/multi-gpu.md) */
  __PPAR_RT_TASK_GPU = 4u
};

/* A task that will call fn(args, result). args is copied (size bytes, 16-byte
 * aligned copy); result points to result_size zeroed bytes inside the task.
 * The task runs after the tasks in deps (futures it takes as arguments; NULL
 * entries are skipped) and after every earlier unfinished task whose accesses
 * conflict with its own. Returns the future: one reference, for
 * __ppar_rt_task_release. Never NULL: out of memory ends the program with
 * one line. Thread-safe. */
struct __ppar_rt_task *__ppar_rt_task_create(
    const char *name, const char *file, unsigned line,
    void (*fn)(void *args, void *result), const void *args,
    __SIZE_TYPE__ size, __SIZE_TYPE__ result_size,
    const struct __ppar_rt_access *accesses, int naccesses,
    struct __ppar_rt_task *const *deps, int ndeps, unsigned flags);

/* Runs t and what it depends on (only that), waits for it, and returns its
 * result buffer, valid until __ppar_rt_task_release(t). The calling thread
 * runs ready tasks while it waits. */
void *__ppar_rt_task_force(struct __ppar_rt_task *t);

/* The future is no longer referenced; the task is freed once it has also run
 * (a released task still runs when needed). NULL is ignored. */
void __ppar_rt_task_release(struct __ppar_rt_task *t);

/* scope_leave runs and waits for every task this thread created since the
 * matching scope_enter (a function's return). Nest like braces. */
void __ppar_rt_scope_enter(void);
void __ppar_rt_scope_leave(void);

/* Before a statement that is not a task and touches [lo, hi) (mode as in
 * __ppar_rt_access): runs and waits for the pending tasks it conflicts with. */
void __ppar_rt_wait_memory(const void *lo, const void *hi, int mode);

/* The whole address space: the extent of a pointer argument whose object
 * the plugin cannot see, and what a statement touching memory through such a
 * pointer waits for. */
#define __PPAR_RT_ANYWHERE_LO ((const void *)1)
#define __PPAR_RT_ANYWHERE_HI ((const void *)~(__UINTPTR_TYPE__)0)

/* Futures in a function's slots (`struct __ppar_rt_task *__ppar_f[K]`, all
 * null at entry): a local variable assigned a delayed call's result keeps
 * its future in a slot until its first real use.
 *   future_set:   releases the slot's old future, stores t, returns t
 *   future_get:   resolves the slot into the variable, returns the variable
 *   future_force: future_set, then forces t: a result used at once
 *   scope_leave_release: scope_leave, then releases the n slots */
struct __ppar_rt_task *__ppar_rt_future_set(struct __ppar_rt_task **slot,
                                            struct __ppar_rt_task *t);
void __ppar_rt_future_resolve(struct __ppar_rt_task **slot, void *var,
                              __SIZE_TYPE__ size);
__attribute__((unused)) static __inline__ void *
__ppar_rt_future_get(struct __ppar_rt_task **slot, void *var,
                     __SIZE_TYPE__ size) {
  if (*slot)
    __ppar_rt_future_resolve(slot, var, size);
  return var;
}
void *__ppar_rt_future_force(struct __ppar_rt_task **slot,
                             struct __ppar_rt_task *t);
void __ppar_rt_scope_leave_release(struct __ppar_rt_task **slots, int n);

/* A task's function stores its result v into `out` converted to the type
 * the caller's variable has: kind 0 copies v as it is, kinds 1-15 convert
 * an arithmetic v to _Bool, char, signed char, unsigned char, short,
 * unsigned short, int, unsigned, long, unsigned long, long long, unsigned
 * long long, float, double, long double. */
#define __PPAR_RT_STORE(out, kind, v)                                         \
  do {                                                                        \
    switch (kind) {                                                           \
    case 1: *(_Bool *)(out) = (v); break;                                     \
    case 2: *(char *)(out) = (v); break;                                      \
    case 3: *(signed char *)(out) = (v); break;                               \
    case 4: *(unsigned char *)(out) = (v); break;                             \
    case 5: *(short *)(out) = (v); break;                                     \
    case 6: *(unsigned short *)(out) = (v); break;                            \
    case 7: *(int *)(out) = (v); break;                                       \
    case 8: *(unsigned *)(out) = (v); break;                                  \
    case 9: *(long *)(out) = (v); break;                                      \
    case 10: *(unsigned long *)(out) = (v); break;                            \
    case 11: *(long long *)(out) = (v); break;                                \
    case 12: *(unsigned long long *)(out) = (v); break;                       \
    case 13: *(float *)(out) = (v); break;                                    \
    case 14: *(double *)(out) = (v); break;                                   \
    case 15: *(long double *)(out) = (v); break;                              \
    default: __builtin_memcpy((out), &(v), sizeof(v)); break;                 \
    }                                                                         \
  } while (0)

#ifdef __cplusplus
}
#endif

#endif /* PPAR_RT_ABI_H */
