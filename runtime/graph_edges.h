/*
 * graph_edges.h - a new task's dependences and the list of pending tasks
 * (graph_edges.c). Thread-safe.
 */
#ifndef PPAR_RT_GRAPH_EDGES_H
#define PPAR_RT_GRAPH_EDGES_H

#include "ppar_rt_abi.h"
#include "visibility.h"

#include <stddef.h>

/* While t is being created (only its creator sees it): edges from the
 * futures deps (kept referenced until t has run, whose function forces
 * them) and from the unfinished tasks before t in program order whose
 * accesses conflict with acc; then acc joins the pending accesses and t
 * the list of pending tasks (with the list's reference). */
PPAR_INTERNAL void __ppar_graph_add(struct __ppar_rt_task *t,
                                    const struct __ppar_rt_access *acc,
                                    int nacc,
                                    struct __ppar_rt_task *const *deps,
                                    int ndeps);
/* Tasks touching [lo, hi) in a way that conflicts with mode (1 read,
 * 2 write, 3 both), not yet finished and before the calling thread in
 * program order, each with a reference; *n of them. The array is malloc'ed
 * (NULL when none). */
PPAR_INTERNAL struct __ppar_rt_task **
__ppar_graph_conflicts(const void *lo, const void *hi, int mode, size_t *n);
/* Requests those tasks and waits for them (on this process alone: under
 * MPI the other ranks' versions are dist.c's business). */
PPAR_INTERNAL void __ppar_graph_wait_conflicts(const void *lo, const void *hi,
                                               int mode);
/* Drops the accesses of finished tasks from the index (ppar_compute, once
 * everything has run: their tasks' memory can then be reused). */
PPAR_INTERNAL void __ppar_graph_sweep(void);
/* Takes over the list of every task created so far (references included)
 * and starts a new one; *n tasks. */
PPAR_INTERNAL struct __ppar_rt_task **__ppar_graph_take_all(size_t *n);

#endif /* PPAR_RT_GRAPH_EDGES_H */
