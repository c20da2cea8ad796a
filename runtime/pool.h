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

#endif /* PPAR_RT_POOL_H */
