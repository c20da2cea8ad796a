/*
 * tasks.c - the task graph of delayed functions (SPEC section 3, delayed):
 * start-up, ppar_compute, and the end of the program.
 *
 * The pieces: graph.c (tasks, dependences, scopes, the __ppar_rt_task_*
 * entry points), pool.c (the thread pool behind scheduler.h), gil.c (the global
 * lock), graph_dot.c (PPAR_GRAPH), trace.c (PPAR_TRACE). See docs/tasks.md.
 */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "config.h"
#include "error.h"
#include "scheduler.h"
#include "task.h"
#include "visibility.h"

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
  size_t n;
  struct __ppar_rt_task **ts = __ppar_graph_take_all(&n);
  for (size_t i = 0; i < n; i++)
    if (__ppar_task_is_requested(ts[i]))
      __ppar_task_wait(ts[i]);
  __ppar_sched->shutdown();
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
  __ppar_sched->start(cfg->num_threads);
  if (atexit(at_exit))
    __ppar_die("cannot register the task graph's exit handler");
  __ppar_log(__PPAR_LOG_DECISIONS, "tasks: %s scheduler, %d threads",
             __ppar_sched->name, cfg->num_threads);
  __atomic_store_n(&started, 1, __ATOMIC_RELEASE);
}

void __ppar_tasks_init(void) { pthread_once(&init_once, init); }

PPAR_API void ppar_compute(void) {
  if (!__atomic_load_n(&started, __ATOMIC_ACQUIRE))
    return; /* no task was ever created */
  /* Tasks that the computed ones create go to a fresh list: repeat until a
   * round finds none. */
  for (;;) {
    size_t n;
    struct __ppar_rt_task **ts = __ppar_graph_take_all(&n);
    if (!n) {
      free(ts);
      return;
    }
    for (size_t i = 0; i < n; i++)
      __ppar_task_request(ts[i]);
    /* Called from inside a task, tasks running now (the caller among them)
     * are not waited for: that could be waiting for itself. */
    int in_task = __ppar_task_in_task();
    for (size_t i = 0; i < n; i++) {
      if (!in_task || !__ppar_task_is_running(ts[i]))
        __ppar_task_wait(ts[i]);
      __ppar_task_unref(ts[i]);
    }
    free(ts);
  }
}
