/*
 * pool.h - the thread pool that runs ready tasks (pool.c), one
 * implementation of scheduler.h.
 */
#ifndef PPAR_RT_POOL_H
#define PPAR_RT_POOL_H

#include "scheduler.h"
#include "visibility.h"

/* PPAR_NUM_THREADS - 1 workers, plus each thread that waits, which runs
 * ready tasks while it waits. */
PPAR_INTERNAL extern const struct __ppar_sched __ppar_sched_pool;

/* Under MPI (dist_sched.c): a thread of the pool with nothing to run calls
 * poll(0), for a bounded while, before it sleeps; poll completes what it
 * can of the rank's messages and returns how many completed (-1: none is
 * in flight, nothing to poll for). poll(1) tells it that the thread stops
 * polling and sleeps. */
PPAR_INTERNAL void __ppar_pool_set_poll(int (*poll)(int last));

#endif /* PPAR_RT_POOL_H */
