/*
 * graph_run.h - running the task graph (graph_run.c): requesting tasks,
 * running them, waiting for them. Tasks are lazy: created, they wait until
 * requested (force, scope exit, wait_memory, ppar_compute, or eager).
 */
#ifndef PPAR_RT_GRAPH_RUN_H
#define PPAR_RT_GRAPH_RUN_H

#include "visibility.h"

#include <stddef.h>

struct __ppar_rt_task;

/* Does t come before the point the calling thread is at, in program order
 * (__ppar_task_precedes of the current task)? */
PPAR_INTERNAL int __ppar_task_precedes_here(const struct __ppar_rt_task *t);

/* t's creator is done with it (its edges are in): drops the "being
 * created" token of t's count, so that only "not requested" and its
 * unfinished predecessors are left. */
PPAR_INTERNAL void __ppar_task_created(struct __ppar_rt_task *t);

/* A new task that runs on another MPI rank and has no part on this one
 * (__ppar_dist_elsewhere): done at once, outside the graph, with only the
 * future's reference left. Only its creator has seen it. */
PPAR_INTERNAL void __ppar_task_finish_elsewhere(struct __ppar_rt_task *t);

/* Requests t and its unrequested predecessors. */
PPAR_INTERNAL void __ppar_task_request(struct __ppar_rt_task *t);
/* Requests each non-null ts[i]; those made ready reach the scheduler in
 * batches. */
PPAR_INTERNAL void __ppar_task_request_many(struct __ppar_rt_task *const *ts,
                                            size_t n);
/* Requests t and, if that makes it ready, runs it on the calling thread
 * instead of queueing it; returns whether it ran. */
PPAR_INTERNAL int __ppar_task_request_run(struct __ppar_rt_task *t);
/* Returns when t has run, running ready tasks meanwhile; a task that holds
 * the global lock lets it go while it waits. */
PPAR_INTERNAL void __ppar_task_wait(struct __ppar_rt_task *t);
/* Requests t, then runs it here or waits for it. */
PPAR_INTERNAL void __ppar_task_request_wait(struct __ppar_rt_task *t);
/* __ppar_task_request_wait, then t's result; ends the program when t is
 * NULL (the plugin generated bad code). */
PPAR_INTERNAL void *__ppar_task_force(struct __ppar_rt_task *t);

/* Runs t's function on the calling thread (the scheduler calls this once
 * per task), then makes its successors ready and wakes its waiters. */
PPAR_INTERNAL void __ppar_task_execute(struct __ppar_rt_task *t);

#endif /* PPAR_RT_GRAPH_RUN_H */
