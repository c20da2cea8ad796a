/*
 * graph_index.h - the pending accesses of unfinished tasks, indexed by
 * address (graph_index.c: hash cells and an interval treap). Not
 * thread-safe: the caller holds its lock (graph_edges.c's graph_mu) around
 * every call.
 */
#ifndef PPAR_RT_GRAPH_INDEX_H
#define PPAR_RT_GRAPH_INDEX_H

#include "task.h"
#include "visibility.h"

#include <stddef.h>
#include <stdint.h>

/* One pending access of task t: [lo, hi) with mode 1 (read), 2 (write) or
 * 3 (both). The other fields are the index's. */
struct __ppar_access {
  const char *lo, *hi;
  const char *maxhi;           /* tree: largest hi in this subtree       */
  struct __ppar_access *left, *right; /* tree: children; cells: prev and next */
  uint64_t seq;                /* tree: orders equal lo: keys (lo, seq)  */
  unsigned prio;               /* tree: heap order                       */
  int mode;                    /* 1 read, 2 write, 3 both                */
  int in_cell;                 /* in the cells, not in the tree          */
  struct __ppar_rt_task *t;
};

static inline int __ppar_access_finished(const struct __ppar_access *a) {
  return __atomic_load_n(&a->t->done, __ATOMIC_ACQUIRE);
}

/* The pending accesses that conflict with mode on [lo, hi) (writes always,
 * reads only for a write): *n of them in *hits, an array valid until the
 * next call of this function or __ppar_index_sweep. The caller may drop
 * entries of it while walking it. */
PPAR_INTERNAL size_t __ppar_index_conflicts(const char *lo, const char *hi,
                                            int mode,
                                            struct __ppar_access *const **hits);
/* Adds t's access [lo, hi) with mode (lo < hi, mode 1..3); it holds a
 * reference to t. */
PPAR_INTERNAL void __ppar_index_add(const char *lo, const char *hi, int mode,
                                    struct __ppar_rt_task *t);
/* Removes a, dropping its reference. */
PPAR_INTERNAL void __ppar_index_drop(struct __ppar_access *a);
/* Drops the accesses of finished tasks. */
PPAR_INTERNAL void __ppar_index_sweep(void);
/* __ppar_index_sweep when the index has doubled since the last one. */
PPAR_INTERNAL void __ppar_index_prune(void);

#endif /* PPAR_RT_GRAPH_INDEX_H */
