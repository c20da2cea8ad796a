/*
 * scheduler.h - the interface between the task graph and what runs its
 * tasks.
 *
 * graph_run.c decides when a task may run; a scheduler decides where.
 * submit(t) hands over a task whose predecessors have all finished; the
 * scheduler runs it once, on some thread, with __ppar_task_execute(t);
 * submit_many hands over several at once (one thread requesting many).
 * wait(done, arg) returns when done(arg) is non-zero, running ready tasks
 * meanwhile; graph_run.c calls wake() when a condition some thread may
 * wait on has become true. shutdown() stops the workers (at exit). pool.c
 * is the shared-memory implementation; dist_sched.c is the one of MPI
 * runs, which completes a task's messages (what it reads, its result)
 * before handing it to the pool.
 */
#ifndef PPAR_RT_SCHEDULER_H
#define PPAR_RT_SCHEDULER_H

#include "visibility.h"

struct __ppar_rt_task;

struct __ppar_sched {
  const char *name;
  void (*start)(int nthreads);
  void (*submit)(struct __ppar_rt_task *t);
  void (*submit_many)(struct __ppar_rt_task *const *ts, __SIZE_TYPE__ n);
  void (*wait)(int (*done)(void *arg), void *arg);
  void (*wake)(void);
  void (*shutdown)(void);
  int (*on_worker)(void); /* is the calling thread one of its workers? */
  int (*workers)(void);   /* how many threads run tasks besides waiters */
  int (*worker_index)(void); /* the calling thread's, -1 for others     */
};

/* The scheduler in use (scheduler.c), started by __ppar_tasks_init; NULL
 * until then. */
PPAR_INTERNAL extern const struct __ppar_sched *__ppar_sched;

#endif /* PPAR_RT_SCHEDULER_H */
