/*
 * task.h - the task object of delayed calls (task.c): its fields, its
 * references, its lock and program order. Every other task file builds on
 * it: graph_run.c runs tasks, graph_edges.c links them, pool.c schedules
 * them (docs/tasks.md).
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

#include <sched.h>
#include <stddef.h>
#include <stdint.h>

struct __ppar_rt_task;
struct __ppar_dist_job;

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
  int dist_messages;      /* MPI runs: messages to complete before it runs
                             here (dist.c); fills the padding after depth */
  uint64_t last_succ;     /* id of the last successor added (dedupe)     */
  const char *name, *file;
  unsigned line, flags;
  uint64_t *dep_ids; int ndep_ids, capdep_ids;      /* PPAR_GRAPH only   */
  struct __ppar_dist_job *dist; /* its messages and role on this rank when
                             the run is distributed (dist.c), freed with it */
  int device;             /* __PPAR_RT_TASK_GPU: the device it is placed
                             on (task_place.c); fills the padding before
                             the inline arrays */
  struct __ppar_rt_task *inline_succ[2], *inline_pred[2];
  _Alignas(16) unsigned char storage[]; /* args, then result             */
};

/* A new task of fn (args copied in, result zeroed), created by the task
 * parent is running (NULL outside any task; it gets a reference). Three
 * references (the future, the execution, the list of all tasks) and two
 * tokens in count ("not requested", "being created"). Ends the program
 * when memory runs out or fn is NULL (the plugin generated bad code). */
PPAR_INTERNAL struct __ppar_rt_task *
__ppar_task_new(const char *name, const char *file, unsigned line,
                void (*fn)(void *args, void *result), const void *args,
                size_t size, size_t result_size, unsigned flags,
                struct __ppar_rt_task *parent);

PPAR_INTERNAL void __ppar_task_ref(struct __ppar_rt_task *t);
/* Drops a reference (none when t is NULL); the last one frees t, and
 * drops t's reference on its parent. */
PPAR_INTERNAL void __ppar_task_unref(struct __ppar_rt_task *t);

/* The task the calling thread is running (the innermost one), NULL outside
 * any task; graph_run.c's __ppar_task_execute sets it. */
PPAR_INTERNAL extern _Thread_local struct __ppar_rt_task *__ppar_task_running;
PPAR_INTERNAL struct __ppar_rt_task *__ppar_task_current(void);

PPAR_INTERNAL int __ppar_task_is_done(const struct __ppar_rt_task *t);
PPAR_INTERNAL int __ppar_task_is_requested(const struct __ppar_rt_task *t);

/* Does x come before the point where the running task cur is, in the
 * serial program's order ("program order", task.c)? cur NULL: outside any
 * task, where every pending task came before. */
PPAR_INTERNAL int __ppar_task_precedes(const struct __ppar_rt_task *x,
                                       const struct __ppar_rt_task *cur);

/* The per-task spin lock of succ and done: the critical sections are a few
 * instructions. */
static inline void __ppar_task_lock(struct __ppar_rt_task *t) {
  for (int spins = 0; __atomic_exchange_n(&t->lock, 1, __ATOMIC_ACQUIRE);)
    if (++spins > 64)
      sched_yield();
}

static inline void __ppar_task_unlock(struct __ppar_rt_task *t) {
  __atomic_store_n(&t->lock, 0, __ATOMIC_RELEASE);
}

#endif /* PPAR_RT_TASK_H */
