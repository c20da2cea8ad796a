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
  __PPAR_RT_CHECK = 2   /* PPAR_CHECK: the multi-core variant that also runs
                           each loop serially and compares the results      */
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
