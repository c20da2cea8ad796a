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
  __PPAR_RT_SERIAL = 0, /* the user's original body, as written  */
  __PPAR_RT_CPU = 1     /* the generated multi-core variant       */
};

/* One per annotated function, a static object in the user's translation
 * unit. The plugin fills in the constant fields; `state` belongs to the
 * runtime and starts at 0. */
struct __ppar_rt_fn {
  const char *name;  /* the user's function name         */
  const char *file;  /* presumed file of the definition  */
  unsigned line;     /* line of the definition           */
  unsigned variants; /* bit (1u << __PPAR_RT_*) for each generated variant */
  int state;
};

/* Called on entry of every annotated function: which variant to run. Honours
 * PPAR_DISABLE_JIT and PPAR_TARGET; cheap after the first call. */
int __ppar_rt_choose(struct __ppar_rt_fn *fn);

/* Thread count for generated OpenMP loops (num_threads clause):
 * PPAR_NUM_THREADS, else OMP_NUM_THREADS, else the number of cores. */
int __ppar_rt_num_threads(void);

/* Helpers of the run-time overlap checks (loop versioning): the extremes of
 * an index over a loop nest, and whether two byte ranges [lo, hi) are
 * disjoint. Inline, so a check costs a few compares; `unused`, since the
 * predefines count as the main file for -Wunused-function. */
__attribute__((unused)) static inline long long
__ppar_rt_min(long long a, long long b) {
  return a < b ? a : b;
}
__attribute__((unused)) static inline long long
__ppar_rt_max(long long a, long long b) {
  return a > b ? a : b;
}
__attribute__((unused)) static inline int
__ppar_rt_disjoint(const void *a_lo, const void *a_hi, const void *b_lo,
                   const void *b_hi) {
  return (__UINTPTR_TYPE__)a_hi <= (__UINTPTR_TYPE__)b_lo ||
         (__UINTPTR_TYPE__)b_hi <= (__UINTPTR_TYPE__)a_lo;
}

#ifdef __cplusplus
}
#endif

#endif /* PPAR_RT_ABI_H */
