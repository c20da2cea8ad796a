/*
 * graph_edges.c - the dependences of a new task (graph_edges.h): an edge
 * from each future passed to it (deps) and from every earlier, unfinished
 * task whose memory accesses conflict with its own: a read after a write,
 * a write after a read, a write after a write of overlapping bytes. The
 * pending accesses are in graph_index.c, under graph_mu; accesses of
 * finished tasks drop out when a lookup meets them or at a sweep, and an
 * access covered by a later write of the same bytes is dropped too
 * (anything that would conflict with it conflicts with the write, which
 * comes after it). Also the list of every task not yet computed, for
 * ppar_compute and the end of the program.
 */
#include "graph_edges.h"

#include "graph_dot.h"
#include "graph_index.h"
#include "graph_run.h"
#include "message.h"
#include "task.h"
#include "vec.h"

#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t graph_mu = PTHREAD_MUTEX_INITIALIZER;

static struct __ppar_rt_task **all; /* every task not yet computed */
static size_t nall, capall, prune_at = 1024;

/* Doubles a full list of successors or predecessors. Its first two
 * entries live inside the task (`inline_list`), left in place when the
 * list moves to the heap. */
static void grow_edges(struct __ppar_rt_task ***list, int *cap,
                       struct __ppar_rt_task **inline_list) {
  size_t c = (size_t)*cap;
  if (__ppar_vec_grow(list, &c, c + 1, sizeof **list, inline_list))
    __ppar_die("out of memory adding a task dependence");
  *cap = (int)c;
}

/* p -> t, while t is being created (only its creator sees it). A future t
 * takes as an argument (keep) stays referenced until t has run even when it
 * is already done: t's function forces it to read its result. */
static void add_edge(struct __ppar_rt_task *t, struct __ppar_rt_task *p,
                     int keep) {
  if (!p || p == t)
    return;
  __ppar_task_lock(p);
  if (p->last_succ == t->id) { /* already an edge */
    __ppar_task_unlock(p);
    return;
  }
  p->last_succ = t->id;
  int live = !__atomic_load_n(&p->done, __ATOMIC_ACQUIRE);
  if (live) {
    if (p->nsucc == p->capsucc)
      grow_edges(&p->succ, &p->capsucc, p->inline_succ);
    p->succ[p->nsucc++] = t;
    __atomic_fetch_add(&t->count, 1, __ATOMIC_RELAXED);
  }
  __ppar_task_unlock(p);
  if (live || keep) {
    if (t->npred == t->cappred)
      grow_edges(&t->pred, &t->cappred, t->inline_pred);
    __ppar_task_ref(p);
    t->pred[t->npred++] = p;
  }
  if (__ppar_dot_enabled()) {
    size_t cap = (size_t)t->capdep_ids;
    __ppar_vec_reserve_or_die(&t->dep_ids, &cap, (size_t)t->ndep_ids + 1,
                              sizeof *t->dep_ids, "task graph record");
    t->capdep_ids = (int)cap;
    t->dep_ids[t->ndep_ids++] = p->id;
  }
}

static int valid_access(const char *lo, const char *hi, int mode) {
  return lo && lo < hi && mode;
}

/* Under graph_mu: edges from the conflicting pending accesses to t, then
 * t's own accesses join the index. A pending access that t writes all of
 * is dropped: whatever would conflict with it conflicts with t, which runs
 * after it. */
static void track(struct __ppar_rt_task *t, const struct __ppar_rt_access *acc,
                  int nacc) {
  for (int k = 0; k < nacc; k++) {
    const char *lo = acc[k].lo, *hi = acc[k].hi;
    int mode = acc[k].mode & 3;
    if (!valid_access(lo, hi, mode))
      continue;
    struct __ppar_access *const *hits;
    size_t nhits = __ppar_index_conflicts(lo, hi, mode, &hits);
    for (size_t i = 0; i < nhits; i++) {
      struct __ppar_access *a = hits[i];
      if (__ppar_access_finished(a)) {
        __ppar_index_drop(a);
        continue;
      }
      if (!__ppar_task_precedes(a->t, t->parent))
        continue; /* after t in program order: it is not t's to wait for */
      add_edge(t, a->t, 0);
      if ((mode & 2) && lo <= a->lo && a->hi <= hi)
        __ppar_index_drop(a);
    }
  }
  for (int k = 0; k < nacc; k++) {
    const char *lo = acc[k].lo, *hi = acc[k].hi;
    int mode = acc[k].mode & 3;
    if (valid_access(lo, hi, mode))
      __ppar_index_add(lo, hi, mode, t);
  }
  __ppar_index_prune();
}

struct __ppar_rt_task **__ppar_graph_conflicts(const void *lo, const void *hi,
                                               int mode, size_t *n) {
  struct __ppar_rt_task **out = NULL;
  size_t cap = 0;
  *n = 0;
  mode &= 3;
  if (!valid_access(lo, hi, mode))
    return NULL;
  pthread_mutex_lock(&graph_mu);
  struct __ppar_access *const *hits;
  size_t nhits = __ppar_index_conflicts(lo, hi, mode, &hits);
  struct __ppar_rt_task *current = __ppar_task_current();
  for (size_t i = 0; i < nhits; i++) {
    struct __ppar_access *a = hits[i];
    if (__ppar_access_finished(a)) {
      __ppar_index_drop(a);
      continue;
    }
    if (!__ppar_task_precedes(a->t, current))
      continue; /* a wait never waits for what comes after it */
    __ppar_vec_reserve_or_die(&out, &cap, *n + 1, sizeof *out,
                              "list of conflicting tasks");
    __ppar_task_ref(a->t);
    out[(*n)++] = a->t;
  }
  pthread_mutex_unlock(&graph_mu);
  return out;
}

struct __ppar_rt_task **__ppar_graph_take_all(size_t *n) {
  pthread_mutex_lock(&graph_mu);
  struct __ppar_rt_task **list = all;
  *n = nall;
  all = NULL;
  nall = capall = 0;
  prune_at = 1024;
  pthread_mutex_unlock(&graph_mu);
  return list;
}

/* Under graph_mu: forget finished tasks, so a program that only forces does
 * not keep every task it ever made. Amortised O(1) per task. */
static void prune_all(void) {
  /* A sweep reads every task, cold in the cache: worth it only when a fair
   * share has finished. 32 tasks spread over the list decide; with fewer
   * than 4 finished the list just grows (and the next look comes at twice
   * the length), so at most about 1/8 of it is finished tasks kept. */
  int finished = 0;
  for (size_t i = 0; i < 32; i++)
    finished += __atomic_load_n(&all[i * nall / 32]->done, __ATOMIC_ACQUIRE);
  if (finished < 4) {
    prune_at = 2 * nall;
    return;
  }
  size_t k = 0;
  for (size_t i = 0; i < nall; i++) {
    if (__atomic_load_n(&all[i]->done, __ATOMIC_ACQUIRE))
      __ppar_task_unref(all[i]);
    else
      all[k++] = all[i];
  }
  nall = k;
  prune_at = 2 * nall > 1024 ? 2 * nall : 1024;
}

void __ppar_graph_sweep(void) {
  pthread_mutex_lock(&graph_mu);
  __ppar_index_sweep();
  pthread_mutex_unlock(&graph_mu);
}

void __ppar_graph_add(struct __ppar_rt_task *t,
                      const struct __ppar_rt_access *acc, int nacc,
                      struct __ppar_rt_task *const *deps, int ndeps) {
  for (int i = 0; i < ndeps; i++)
    add_edge(t, deps[i], 1);
  pthread_mutex_lock(&graph_mu);
  if (nacc > 0)
    track(t, acc, nacc);
  if (nall >= prune_at)
    prune_all();
  __ppar_vec_reserve_or_die(&all, &capall, nall + 1, sizeof *all,
                            "list of pending tasks");
  all[nall++] = t;
  pthread_mutex_unlock(&graph_mu);
}

void __ppar_graph_wait_conflicts(const void *lo, const void *hi, int mode) {
  size_t n;
  struct __ppar_rt_task **ts = __ppar_graph_conflicts(lo, hi, mode, &n);
  __ppar_task_request_many(ts, n);
  for (size_t i = 0; i < n; i++) {
    __ppar_task_wait(ts[i]);
    __ppar_task_unref(ts[i]);
  }
  free(ts);
}
