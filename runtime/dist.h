/*
 * dist.h - the same task graph on every rank of an MPI run (dist.c,
 * docs/distributed.md): each rank runs the whole program and creates the
 * same top-level tasks in the same order; a task runs on one rank (the
 * one that owns what it writes) or, when what it does cannot be told from
 * its accesses, on every rank; what a rank lacks of what a task reads
 * comes from the rank that wrote it last. The program's own statements
 * run on every rank, so before one touches memory that tasks wrote (the
 * waits the plugin inserts, a scope's end, ppar_compute) every rank gets
 * the latest version.
 */
#ifndef PPAR_RT_DIST_H
#define PPAR_RT_DIST_H

#include "ppar_rt_abi.h"
#include "visibility.h"

#include <stddef.h>

struct __ppar_rt_task;

/* Is this a distributed run (under mpirun, or PPAR_DIST=mpi)? Read from the
 * environment once; MPI itself starts in __ppar_dist_start. */
PPAR_INTERNAL int __ppar_dist_wanted(void);

/* Starts MPI and the progress thread (the task graph's start-up). */
PPAR_INTERNAL void __ppar_dist_start(void);

/* Has __ppar_dist_start run? */
PPAR_INTERNAL int __ppar_dist_on(void);

/* Plans top-level task t (created outside any task) over its accesses:
 * picks the rank that runs it, the messages this rank sends and receives
 * for it (t->dist), and updates the directory. Returns the accesses to
 * order t by: acc, or buf (nacc entries) where a read range this rank or
 * another receives becomes read-write, so that later tasks touching it
 * wait until it has arrived. */
PPAR_INTERNAL const struct __ppar_rt_access *
__ppar_dist_plan(struct __ppar_rt_task *t, size_t result_size,
                 const struct __ppar_rt_access *acc, int nacc,
                 struct __ppar_rt_access *buf);

/* After __ppar_dist_plan: has t no part on this rank (another rank runs
 * it; this one sends, receives and runs nothing for it, and no picture
 * or trace records it)? Then it need not enter the local graph: it does
 * nothing here, so no later task here can depend on it (what it writes
 * reaches later readers here as messages, which their own planning adds),
 * and its future can be done at once. */
PPAR_INTERNAL int __ppar_dist_elsewhere(const struct __ppar_rt_task *t);

/* After the program's wait for [lo, hi) (all memory for the ANYWHERE
 * bounds): every rank gets the latest version of what tasks wrote there. */
PPAR_INTERNAL void __ppar_dist_sync(const void *lo, const void *hi);

/* ppar_compute's end: every rank gets everything tasks wrote. */
PPAR_INTERNAL void __ppar_dist_sync_all(void);

/* A function's scope of tasks: at its end every rank gets what the scope's
 * tasks wrote. Top level only; nests like braces. */
PPAR_INTERNAL void __ppar_dist_scope_enter(void);
PPAR_INTERNAL void __ppar_dist_scope_leave(void);

/* ppar_distribute (ppar.h): object [p, p + bytes) is distributed by how
 * (PPAR_BLOCK or PPAR_CYCLIC) in units of unit bytes. */
PPAR_INTERNAL int __ppar_dist_distribute(const void *p, size_t bytes, int how,
                                         size_t unit);

/* ppar_distribute_2d (ppar.h): tiles_r x tiles_c tiles of tile_bytes
 * from p, by how (PPAR_BLOCK_2D or PPAR_CYCLIC_2D). */
PPAR_INTERNAL int __ppar_dist_distribute_2d(const void *p, size_t tile_bytes,
                                            int tiles_r, int tiles_c,
                                            int how);

/* PPAR_VERBOSE=1: one line of what this rank ran and sent (at exit). */
PPAR_INTERNAL void __ppar_dist_report(void);

/* A message tag every rank draws alike at the same point (dist_pictures.c
 * gathers the pictures at exit with these). */
PPAR_INTERNAL int __ppar_dist_next_tag(void);

/* This rank and the number of ranks (0 and 1 when not distributed). */
PPAR_INTERNAL int __ppar_dist_rank(void);
PPAR_INTERNAL int __ppar_dist_size(void);

#endif /* PPAR_RT_DIST_H */
