/*
 * config.h - the environment variables of SPEC section 4, read once.
 *
 * The first call of __ppar_config() reads every PPAR_* variable; a bad value
 * prints one line per bad variable ("ppar: error: PPAR_X='v' is not valid:
 * expected ...") and ends the process with status 2, like a bad command-line
 * flag. An empty variable counts as unset.
 */
#ifndef PPAR_RT_CONFIG_H
#define PPAR_RT_CONFIG_H

#include "visibility.h"

/* Most threads PPAR_NUM_THREADS may ask for. */
#define __PPAR_MAX_THREADS 4096

/* PPAR_CHECK_RTOL when unset: relative tolerance of reductions in check
 * mode. */
#define __PPAR_CHECK_RTOL_DEFAULT 1e-8

/* Verbosity levels of __ppar_log (error.h); PPAR_VERBOSE=N shows levels
 * <= N. */
enum {
  __PPAR_LOG_DECISIONS = 1, /* target chosen, devices found, settings      */
  __PPAR_LOG_DETAIL = 2     /* every failure recorded in ppar_last_error   */
};

enum __ppar_target {
  __PPAR_TARGET_DEFAULT = 0, /* PPAR_TARGET unset: each function's target= */
  __PPAR_TARGET_CPU,
  __PPAR_TARGET_CUDA
};

/* Where num_threads came from. */
enum __ppar_threads_source {
  __PPAR_THREADS_FROM_PPAR, /* PPAR_NUM_THREADS                          */
  __PPAR_THREADS_FROM_OMP,  /* first number of OMP_NUM_THREADS           */
  __PPAR_THREADS_FROM_CPUS  /* CPUs the process could run on at load time */
};

/* PPAR_DIST: whether tasks run over the ranks of an MPI job. */
enum __ppar_dist_mode {
  __PPAR_DIST_AUTO = 0, /* unset: under mpirun (the launcher's variables) */
  __PPAR_DIST_OFF,      /* off: each rank an independent program         */
  __PPAR_DIST_MPI       /* mpi: also without a launcher (one rank)       */
};

/* Most ranks a distributed run supports (a bit per rank in dist_dir.h),
 * and so most PPAR_PROCESSES. */
#define __PPAR_MAX_RANKS 64

struct __ppar_config {
  int disable_jit;           /* PPAR_DISABLE_JIT: 0 or 1               */
  int check;                 /* PPAR_CHECK: 0 or 1                     */
  double check_rtol;         /* PPAR_CHECK_RTOL: 0 .. 1, always set    */
  enum __ppar_target target; /* PPAR_TARGET                            */
  int num_threads;           /* 1 .. __PPAR_MAX_THREADS, always set    */
  enum __ppar_threads_source threads_from;
  const char *cache_dir; /* PPAR_CACHE_DIR or its default; NULL when no
                            home directory is known (no kernel cache)    */
  const char *graph;     /* PPAR_GRAPH, NULL when unset                */
  const char *trace;     /* PPAR_TRACE, NULL when unset                */
  int verbose;           /* PPAR_VERBOSE: 0 = quiet                    */
  enum __ppar_dist_mode dist; /* PPAR_DIST                             */
  int dist_output_all;   /* PPAR_DIST_OUTPUT: all (1) or 0 (rank 0's)  */
  int processes;         /* PPAR_PROCESSES: 0 unset, else 1 .. 64      */
  int gpu_pdl;           /* PPAR_GPU_PDL: 0 or 1 (default 0)           */
};

/* The settings, read on the first call (thread-safe); never NULL. */
PPAR_INTERNAL const struct __ppar_config *__ppar_config(void);

/* Name of a target for messages: "cpu", "cuda", or "unset". */
PPAR_INTERNAL const char *__ppar_target_name(enum __ppar_target target);

#endif /* PPAR_RT_CONFIG_H */
