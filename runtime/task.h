/*
 * task.h - the task object of delayed calls (graph.c) and what the other
 * task files (pool.c, gil.c, graph_dot.c, trace.c, tasks.c) need of it.
 *
 * Lifetime: a task holds a reference count. References: the future of the
 * generated code (dropped by __ppar_rt_task_release), the execution (dropped
 * when the task has finished), each later task that depends on it (dropped
 * when that one has finished), the index of pending accesses, the list that
 * ppar_compute walks, and an open scope. The task is freed at zero, so only
 * when it has both run (or never will) and been released.
 */
#ifndef PPAR_RT_TASK_H
#define PPAR_RT_TASK_H

#include "visibility.h"

#include <stddef.h>
#include <stdint.h>

struct __ppar_rt_task;

/* The fields every task touches while it is created, requested, run and
 * freed come first, so they share the first cache line or two. */
struct __ppar_rt_task {
  int refs;               /* atomic                                      */
  int count;              /* atomic: unfinished predecessors, + 1 until
                             requested; the task is ready at 0          */
  int requested;          /* atomic: someone needs it (force, eager...)  */
  int running;            /* atomic: its function has started            */
  int done;               /* atomic: it has run                          */
  int waiters;            /* atomic: threads blocked on it               */
  int lock;               /* spin lock of succ and done                  */
  unsigned pooled;        /* memory from __ppar_task_alloc's cache       */
  void (*fn)(void *args, void *result);
  void *args, *result;
  struct __ppar_rt_task **succ; int nsucc, capsucc; /* under lock        */
  struct __ppar_rt_task **pred; int npred, cappred; /* set at creation   */
  uint64_t id;            /* 1, 2, ... in creation order (DOT, trace)   */
  struct __ppar_rt_task *parent; /* the task whose run created it, with a
                             reference; NULL when made outside any task   */
  unsigned depth;         /* 1 + parent's depth (1 outside any task)     */
  uint64_t last_succ;     /* id of the last successor added (dedupe)     */
  const char *name, *file;
  unsigned line, flags;
  uint64_t *dep_ids; int ndep_ids, capdep_ids;      /* PPAR_GRAPH only   */
  struct __ppar_rt_task *inline_succ[2], *inline_pred[2];
  _Alignas(16) unsigned char storage[]; /* args, then result             */
};

/* graph.c */
PPAR_INTERNAL void __ppar_task_execute(struct __ppar_rt_task *t);
PPAR_INTERNAL void __ppar_task_ref(struct __ppar_rt_task *t);
PPAR_INTERNAL void __ppar_task_unref(struct __ppar_rt_task *t);
PPAR_INTERNAL void __ppar_task_request(struct __ppar_rt_task *t);
/* Requests each non-null ts[i]; those made ready reach the scheduler in
 * batches. */
PPAR_INTERNAL void __ppar_task_request_many(struct __ppar_rt_task *const *ts,
                                            size_t n);
/* Requests t and, if that makes it ready, runs it on the calling thread
 * instead of queueing it; returns whether it ran. */
PPAR_INTERNAL int __ppar_task_request_run(struct __ppar_rt_task *t);
PPAR_INTERNAL void __ppar_task_wait(struct __ppar_rt_task *t);
PPAR_INTERNAL int __ppar_task_is_done(const struct __ppar_rt_task *t);
PPAR_INTERNAL int __ppar_task_is_requested(const struct __ppar_rt_task *t);
/* Is the calling thread running a task (is this call inside one)? */
PPAR_INTERNAL int __ppar_task_in_task(void);
/* Does t come before the point the calling thread is at, in the serial
 * program's order (graph.c, "program order")? Always outside any task. */
PPAR_INTERNAL int __ppar_task_precedes_here(const struct __ppar_rt_task *t);
/* Started and not finished. */
PPAR_INTERNAL int __ppar_task_is_running(const struct __ppar_rt_task *t);
/* Tasks touching [lo, hi) in a way that conflicts with mode (1 read,
 * 2 write, 3 both), not yet finished, each with a reference; *n of them.
 * The array is malloc'ed (NULL when none). */
PPAR_INTERNAL struct __ppar_rt_task **
__ppar_graph_conflicts(const void *lo, const void *hi, int mode, size_t *n);
/* Drops the accesses of finished tasks from the index (ppar_compute, once
 * everything has run: their tasks' memory can then be reused). */
PPAR_INTERNAL void __ppar_graph_sweep(void);
/* Takes over the list of every task created so far (references included)
 * and starts a new one; *n tasks. */
PPAR_INTERNAL struct __ppar_rt_task **__ppar_graph_take_all(size_t *n);
/* Starts the scheduler and the exit handler once. */
PPAR_INTERNAL void __ppar_tasks_init(void);

/* tasks.c: memory of task objects, kept for reuse per thread. alloc sets
 * *pooled, which free needs back; NULL when out of memory. */
PPAR_INTERNAL void *__ppar_task_alloc(size_t size, unsigned *pooled);
PPAR_INTERNAL void __ppar_task_free(void *p, unsigned pooled);

/* gil.c: the runtime's global lock, held by tasks of functions without
 * nogil. */
PPAR_INTERNAL void __ppar_gil_lock(void);
PPAR_INTERNAL void __ppar_gil_unlock(void);
/* Releases the lock if this thread holds it (a task that waits for another
 * must not keep it); returns whether it did, for __ppar_gil_lock after. */
PPAR_INTERNAL int __ppar_gil_release_if_held(void);

/* graph_dot.c: PPAR_GRAPH. */
PPAR_INTERNAL void __ppar_dot_init(void); /* once, at start-up */
PPAR_INTERNAL int __ppar_dot_enabled(void);
PPAR_INTERNAL void __ppar_dot_record(struct __ppar_rt_task *t);
PPAR_INTERNAL void __ppar_dot_write(void);

/* trace.c: PPAR_TRACE. */
PPAR_INTERNAL void __ppar_trace_init(void); /* once, at start-up */
PPAR_INTERNAL int __ppar_trace_enabled(void);
PPAR_INTERNAL double __ppar_trace_now(void); /* microseconds */
PPAR_INTERNAL void __ppar_trace_task(const struct __ppar_rt_task *t,
                                     double start, double end);
PPAR_INTERNAL void __ppar_trace_write(void);

#endif /* PPAR_RT_TASK_H */
