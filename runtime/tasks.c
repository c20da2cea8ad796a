/*
 * tasks.c - the task graph of delayed functions as a whole (tasks.h,
 * SPEC section 3, delayed): start-up, creating a task (its object, its
 * dependences, its scope, when it runs), ppar_compute, waiting for
 * memory, and the end of the program.
 *
 * The pieces, bottom up: task.c (the object, program order), task_mem.c
 * (its memory), gil.c (the global lock), graph_dot.c (PPAR_GRAPH),
 * trace.c (PPAR_TRACE), scheduler.c and pool.c (what runs ready tasks),
 * graph_run.c (requesting, running, waiting), graph_index.c (pending
 * accesses by address), graph_edges.c (dependences), graph_scope.c
 * (scopes). Entry points: api_tasks.c, abi_tasks.c, abi_futures.c. See
 * docs/tasks.md.
 */
#include "tasks.h"

#include "ppar_rt_abi.h"

#include "config.h"
#include "dist.h"
#include "dist_pictures.h"
#include "dist_sched.h"
#include "error.h"
#include "graph_dot.h"
#include "graph_edges.h"
#include "graph_run.h"
#include "graph_scope.h"
#include "pool.h"
#include "scheduler.h"
#include "task.h"
#include "task_place.h"
#include "trace.h"

#include <pthread.h>
#include <stdlib.h>

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int started; /* atomic: the scheduler runs */
static struct __ppar_rt_task **never_run;

/* At exit: tasks already requested (eager ones, say) finish, lazy ones
 * never forced do not run (as in Dask); then the workers stop and the graph
 * and the trace are written. */
static void at_exit(void) {
  if (__ppar_sched->on_worker())
    return; /* exit() inside a task: nothing can be joined or trusted */
  if (__ppar_dist_on() && __ppar_task_current())
    return; /* the same on the waiting thread of an MPI rank: no MPI_Finalize,
               so mpirun ends the other ranks instead of their waiting */
  size_t n;
  struct __ppar_rt_task **ts = __ppar_graph_take_all(&n);
  for (size_t i = 0; i < n; i++)
    if (__ppar_task_is_requested(ts[i]))
      __ppar_task_wait(ts[i]);
  __ppar_dist_pictures(); /* MPI runs: one PPAR_GRAPH and PPAR_TRACE file */
  __ppar_sched->shutdown();
  __ppar_dist_report();
  /* Finished tasks are given back; lazy ones never run stay listed (and
   * reachable, for leak checkers) as pending work that was dropped. */
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (__ppar_task_is_done(ts[i]))
      __ppar_task_unref(ts[i]);
    else
      ts[k++] = ts[i];
  }
  never_run = ts;
  __ppar_dot_write();
  __ppar_trace_write();
}

static void init(void) {
  const struct __ppar_config *cfg = __ppar_config();
  __ppar_dot_init();
  __ppar_trace_init();
  __ppar_sched = &__ppar_sched_pool;
  if (__ppar_dist_wanted()) {
    __ppar_dist_start();
    __ppar_sched = &__ppar_sched_dist;
  }
  __ppar_sched->start(cfg->num_threads);
  if (atexit(at_exit))
    __ppar_die("cannot register the task graph's exit handler");
  __ppar_log(__PPAR_LOG_DECISIONS, "tasks: %s scheduler, %d threads, rank %d "
             "of %d", __ppar_sched->name, cfg->num_threads,
             __ppar_dist_rank(), __ppar_dist_size());
  __atomic_store_n(&started, 1, __ATOMIC_RELEASE);
}

void __ppar_tasks_init(void) { pthread_once(&init_once, init); }

/* Requests every task of ts. With no worker threads, the caller would
 * run them all anyway: each that is ready runs at once, in creation order,
 * and is dropped from ts (NULL), so each task is touched once instead of
 * being queued, found again and waited for. Otherwise they are only
 * requested, so the workers start while the rest are being requested. */
static void request_all(struct __ppar_rt_task **ts, size_t n) {
  if (__ppar_sched->workers() > 0) {
    __ppar_task_request_many(ts, n);
    return;
  }
  for (size_t i = 0; i < n; i++) {
    if (__ppar_task_request_run(ts[i])) {
      __ppar_task_unref(ts[i]);
      ts[i] = NULL;
    }
  }
}

void __ppar_tasks_compute(void) {
  if (!__atomic_load_n(&started, __ATOMIC_ACQUIRE))
    return; /* no task was ever created */
  /* Tasks that the computed ones create go to a fresh list: repeat until a
   * round finds none. */
  for (;;) {
    size_t n;
    struct __ppar_rt_task **ts = __ppar_graph_take_all(&n);
    if (!n) {
      free(ts);
      __ppar_graph_sweep();
      if (__ppar_dist_on() && !__ppar_task_current())
        __ppar_dist_sync_all(); /* every rank gets what the tasks wrote */
      return;
    }
    request_all(ts, n);
    /* Called from inside a task, only the tasks before the call in program
     * order are waited for: the caller and its creators are running it,
     * and a later task may be waiting for the caller. */
    for (size_t i = 0; i < n; i++) {
      if (!ts[i])
        continue;
      if (__ppar_task_precedes_here(ts[i]))
        __ppar_task_wait(ts[i]);
      __ppar_task_unref(ts[i]);
    }
    free(ts);
  }
}

struct __ppar_rt_task *
__ppar_tasks_create(const char *name, const char *file, unsigned line,
                    void (*fn)(void *args, void *result), const void *args,
                    size_t size, size_t result_size,
                    const struct __ppar_rt_access *acc, int nacc,
                    struct __ppar_rt_task *const *deps, int ndeps,
                    unsigned flags) {
  __ppar_tasks_init();
  struct __ppar_rt_task *parent = __ppar_task_current();
  struct __ppar_rt_task *t = __ppar_task_new(
      name, file, line, fn, args, size, result_size, flags, parent);
  if (__builtin_expect(flags & __PPAR_RT_TASK_GPU, 0))
    __ppar_place_plan(t, acc, nacc);
  /* Under MPI, top-level tasks are planned over the ranks; those that
   * tasks create run where their creator runs. */
  struct __ppar_rt_access local[16], *buf = NULL;
  if (__ppar_dist_on() && !parent && nacc >= 0) {
    buf = nacc <= 16 ? local : malloc((size_t)nacc * sizeof *buf);
    if (!buf)
      __ppar_die("out of memory planning a task of %s (%s:%u)", name, file,
                 line);
    acc = __ppar_dist_plan(t, result_size, acc, nacc, buf);
    if (__ppar_dist_elsewhere(t)) {
      if (buf != local)
        free(buf);
      __ppar_task_finish_elsewhere(t);
      return t;
    }
  }
  __ppar_graph_add(t, acc, nacc, deps, ndeps);
  if (buf && buf != local)
    free(buf);
  __ppar_scope_add(t);
  __ppar_task_created(t); /* only "not requested" is left */
  if (__ppar_config()->disable_jit) {
    /* The serial oracle: each call runs where it was made, in order. */
    __ppar_task_request_wait(t);
  } else if ((flags & __PPAR_RT_TASK_EAGER) || t->dist_messages) {
    /* Under MPI a task that sends or receives here is requested at once:
     * another rank may need its messages while this rank's program has no
     * reason to ask for it (the task that led to it there runs elsewhere
     * and has no node here, __ppar_dist_elsewhere). */
    __ppar_task_request(t);
  }
  return t;
}

void __ppar_tasks_wait_memory(const void *lo, const void *hi, int mode) {
  __ppar_graph_wait_conflicts(lo, hi, mode);
  if (__ppar_dist_on() && !__ppar_task_current())
    __ppar_dist_sync(lo, hi); /* every rank gets its latest version */
}

void __ppar_tasks_scope_enter(void) {
  __ppar_scope_enter();
  if (__ppar_dist_wanted() && !__ppar_task_current())
    __ppar_dist_scope_enter();
}

void __ppar_tasks_scope_leave(void) {
  __ppar_scope_leave();
  if (__ppar_dist_wanted() && !__ppar_task_current())
    __ppar_dist_scope_leave();
}

