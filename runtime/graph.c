/*
 * graph.c - task objects and the dependences between them (delayed calls,
 * SPEC section 3).
 *
 * A task depends on the futures passed to it (deps) and on every earlier,
 * unfinished task whose memory accesses conflict with its own: a read after
 * a write, a write after a read, a write after a write of overlapping bytes.
 * The pending accesses are one list under graph_mu; finished tasks drop out
 * of it when it is scanned, and an access covered by a later write of the
 * same bytes is dropped too (anything that would conflict with it conflicts
 * with the write, which comes after it).
 *
 * Tasks are lazy: created, they wait until requested (force, scope exit,
 * wait_memory, ppar_compute, or eager). Requesting a task requests its
 * predecessors; a task is handed to the scheduler when it is requested and
 * all its predecessors have finished (count reaches 0).
 */
#include "ppar_rt_abi.h"

#include "config.h"
#include "error.h"
#include "scheduler.h"
#include "task.h"
#include "visibility.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

const struct __ppar_sched *__ppar_sched;

static pthread_mutex_t graph_mu = PTHREAD_MUTEX_INITIALIZER;

struct access {
  const char *lo, *hi;
  int mode;
  struct __ppar_rt_task *t;
};
static struct access *accesses; /* under graph_mu */
static size_t naccesses, capaccesses;

static struct __ppar_rt_task **all; /* every task not yet computed */
static size_t nall, capall, prune_at = 1024;

static uint64_t next_id; /* atomic */

static void *grow(void *p, size_t *cap, size_t elem, size_t want,
                  const char *what) {
  if (want <= *cap)
    return p;
  size_t c = *cap ? *cap : 8;
  while (c < want)
    c *= 2;
  void *q = realloc(p, c * elem);
  if (!q)
    __ppar_die("out of memory growing the %s to %zu entries", what, c);
  *cap = c;
  return q;
}

/* ---- references, the per-task lock ------------------------------------- */

void __ppar_task_ref(struct __ppar_rt_task *t) {
  __atomic_fetch_add(&t->refs, 1, __ATOMIC_RELAXED);
}

void __ppar_task_unref(struct __ppar_rt_task *t) {
  if (__atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL) != 0)
    return;
  if (t->succ != t->inline_succ)
    free(t->succ);
  if (t->pred != t->inline_pred)
    free(t->pred);
  free(t->dep_ids);
  free(t);
}

static void lock(struct __ppar_rt_task *t) {
  for (int spins = 0; __atomic_exchange_n(&t->lock, 1, __ATOMIC_ACQUIRE);)
    if (++spins > 64)
      sched_yield();
}

static void unlock(struct __ppar_rt_task *t) {
  __atomic_store_n(&t->lock, 0, __ATOMIC_RELEASE);
}

int __ppar_task_is_done(const struct __ppar_rt_task *t) {
  return __atomic_load_n(&t->done, __ATOMIC_SEQ_CST);
}

int __ppar_task_is_requested(const struct __ppar_rt_task *t) {
  return __atomic_load_n(&t->requested, __ATOMIC_ACQUIRE);
}

static _Thread_local int executing; /* tasks running on this thread's stack */

int __ppar_task_in_task(void) { return executing > 0; }

int __ppar_task_is_running(const struct __ppar_rt_task *t) {
  return __atomic_load_n(&t->running, __ATOMIC_ACQUIRE) &&
         !__atomic_load_n(&t->done, __ATOMIC_ACQUIRE);
}

static int is_done(void *t) { return __ppar_task_is_done(t); }

/* ---- edges, readiness, running ------------------------------------------ */

static void ready_if_zero(struct __ppar_rt_task *t) {
  if (__atomic_sub_fetch(&t->count, 1, __ATOMIC_ACQ_REL) == 0)
    __ppar_sched->submit(t);
}

/* Doubles a task's list of successors or predecessors (not grow(): the
 * first two entries live inside the task, so realloc cannot be used; that
 * array, `inline_list`, is left in place rather than freed). */
static void grow_edges(struct __ppar_rt_task ***list, int *cap, int n,
                       struct __ppar_rt_task **inline_list) {
  int bigger = *cap * 2;
  struct __ppar_rt_task **s = malloc((size_t)bigger * sizeof *s);
  if (!s)
    __ppar_die("out of memory adding a task dependence");
  memcpy(s, *list, (size_t)n * sizeof *s);
  if (*list != inline_list)
    free(*list);
  *list = s;
  *cap = bigger;
}

/* p -> t, while t is being created (only its creator sees it). A future t
 * takes as an argument (keep) stays referenced until t has run even when it
 * is already done: t's function forces it to read its result. */
static void add_edge(struct __ppar_rt_task *t, struct __ppar_rt_task *p,
                     int keep) {
  if (!p || p == t)
    return;
  lock(p);
  if (p->last_succ == t->id) { /* already an edge */
    unlock(p);
    return;
  }
  p->last_succ = t->id;
  int live = !__atomic_load_n(&p->done, __ATOMIC_ACQUIRE);
  if (live) {
    if (p->nsucc == p->capsucc)
      grow_edges(&p->succ, &p->capsucc, p->nsucc, p->inline_succ);
    p->succ[p->nsucc++] = t;
    __atomic_fetch_add(&t->count, 1, __ATOMIC_RELAXED);
  }
  unlock(p);
  if (live || keep) {
    if (t->npred == t->cappred)
      grow_edges(&t->pred, &t->cappred, t->npred, t->inline_pred);
    __ppar_task_ref(p);
    t->pred[t->npred++] = p;
  }
  if (__ppar_dot_enabled()) {
    size_t cap = (size_t)t->capdep_ids;
    t->dep_ids = grow(t->dep_ids, &cap, sizeof *t->dep_ids,
                      (size_t)t->ndep_ids + 1, "task graph record");
    t->capdep_ids = (int)cap;
    t->dep_ids[t->ndep_ids++] = p->id;
  }
}

void __ppar_task_request(struct __ppar_rt_task *t) {
  /* Iterative: a chain of a million lazy tasks must not need a million
   * stack frames. Each entry holds a reference. */
  struct __ppar_rt_task *local[64], **st = local;
  size_t n = 0, cap = 64;
  __ppar_task_ref(t);
  st[n++] = t;
  while (n) {
    struct __ppar_rt_task *x = st[--n];
    if (!__atomic_exchange_n(&x->requested, 1, __ATOMIC_ACQ_REL)) {
      for (int i = 0; i < x->npred; i++) {
        struct __ppar_rt_task *p = x->pred[i];
        if (__atomic_load_n(&p->requested, __ATOMIC_ACQUIRE))
          continue;
        if (n == cap) {
          struct __ppar_rt_task **s = malloc(2 * cap * sizeof *s);
          if (!s)
            __ppar_die("out of memory requesting a task graph");
          memcpy(s, st, n * sizeof *s);
          if (st != local)
            free(st);
          st = s;
          cap *= 2;
        }
        __ppar_task_ref(p);
        st[n++] = p;
      }
      ready_if_zero(x); /* the "not requested" token */
    }
    __ppar_task_unref(x);
  }
  if (st != local)
    free(st);
}

void __ppar_task_execute(struct __ppar_rt_task *t) {
  int gil = !(t->flags & __PPAR_RT_TASK_NOGIL);
  int tracing = __ppar_trace_enabled();
  __atomic_store_n(&t->running, 1, __ATOMIC_RELEASE);
  executing++;
  if (gil)
    __ppar_gil_lock();
  double start = tracing ? __ppar_trace_now() : 0;
  t->fn(t->args, t->result);
  double end = tracing ? __ppar_trace_now() : 0;
  if (gil)
    __ppar_gil_unlock();
  executing--;
  if (tracing)
    __ppar_trace_task(t, start, end);
  if (__ppar_dot_enabled())
    __ppar_dot_record(t);

  lock(t);
  __atomic_store_n(&t->done, 1, __ATOMIC_SEQ_CST);
  struct __ppar_rt_task **succ = t->succ;
  int nsucc = t->nsucc;
  t->succ = t->inline_succ;
  t->nsucc = 0;
  t->capsucc = 2;
  unlock(t);
  for (int i = 0; i < nsucc; i++)
    ready_if_zero(succ[i]);
  if (succ != t->inline_succ)
    free(succ);
  for (int i = 0; i < t->npred; i++)
    __ppar_task_unref(t->pred[i]);
  t->npred = 0;
  if (__atomic_load_n(&t->waiters, __ATOMIC_SEQ_CST) > 0)
    __ppar_sched->wake();
  __ppar_task_unref(t); /* the execution's reference */
}

void __ppar_task_wait(struct __ppar_rt_task *t) {
  if (__ppar_task_is_done(t))
    return;
  __atomic_fetch_add(&t->waiters, 1, __ATOMIC_SEQ_CST);
  int held = __ppar_gil_release_if_held();
  __ppar_sched->wait(is_done, t);
  if (held)
    __ppar_gil_lock();
  __atomic_fetch_sub(&t->waiters, 1, __ATOMIC_SEQ_CST);
}

/* ---- pending accesses ---------------------------------------------------- */

static int overlap(const char *alo, const char *ahi, const char *blo,
                   const char *bhi) {
  return alo < bhi && blo < ahi;
}

static void drop_access(size_t i) {
  __ppar_task_unref(accesses[i].t);
  accesses[i] = accesses[--naccesses];
}

/* Under graph_mu: edges from the conflicting pending accesses to t, then
 * t's own accesses join the list. */
static void track(struct __ppar_rt_task *t, const struct __ppar_rt_access *acc,
                  int nacc) {
  for (int k = 0; k < nacc; k++) {
    const char *lo = acc[k].lo, *hi = acc[k].hi;
    int mode = acc[k].mode & 3;
    if (!lo || hi <= lo || !mode)
      continue;
    for (size_t i = 0; i < naccesses;) {
      struct access *a = &accesses[i];
      if (__atomic_load_n(&a->t->done, __ATOMIC_ACQUIRE)) {
        drop_access(i);
        continue;
      }
      if (overlap(lo, hi, a->lo, a->hi) && ((mode | a->mode) & 2)) {
        add_edge(t, a->t, 0);
        if ((mode & 2) && lo <= a->lo && a->hi <= hi && a->t != t) {
          drop_access(i);
          continue;
        }
      }
      i++;
    }
  }
  for (int k = 0; k < nacc; k++) {
    const char *lo = acc[k].lo, *hi = acc[k].hi;
    int mode = acc[k].mode & 3;
    if (!lo || hi <= lo || !mode)
      continue;
    accesses = grow(accesses, &capaccesses, sizeof *accesses, naccesses + 1,
                    "list of pending accesses");
    __ppar_task_ref(t);
    accesses[naccesses++] = (struct access){lo, hi, mode, t};
  }
}

struct __ppar_rt_task **__ppar_graph_conflicts(const void *lo, const void *hi,
                                               int mode, size_t *n) {
  struct __ppar_rt_task **out = NULL;
  size_t cap = 0;
  *n = 0;
  mode &= 3;
  if (!lo || (const char *)hi <= (const char *)lo || !mode)
    return NULL;
  pthread_mutex_lock(&graph_mu);
  for (size_t i = 0; i < naccesses;) {
    struct access *a = &accesses[i];
    if (__atomic_load_n(&a->t->done, __ATOMIC_ACQUIRE)) {
      drop_access(i);
      continue;
    }
    if (overlap(lo, hi, a->lo, a->hi) && ((mode | a->mode) & 2)) {
      out = grow(out, &cap, sizeof *out, *n + 1, "list of conflicting tasks");
      __ppar_task_ref(a->t);
      out[(*n)++] = a->t;
    }
    i++;
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

/* ---- scopes -------------------------------------------------------------- */

/* Tasks created on this thread while a scope is open, each with a
 * reference; marks[i] is where scope i starts. */
static _Thread_local struct {
  struct __ppar_rt_task **v;
  size_t n, cap;
  size_t *marks;
  size_t nmarks, capmarks;
} scope;

PPAR_ABI void __ppar_rt_scope_enter(void) {
  scope.marks = grow(scope.marks, &scope.capmarks, sizeof *scope.marks,
                     scope.nmarks + 1, "scope stack");
  scope.marks[scope.nmarks++] = scope.n;
}

PPAR_ABI void __ppar_rt_scope_leave(void) {
  if (!scope.nmarks)
    __ppar_die("internal error: __ppar_rt_scope_leave without "
               "__ppar_rt_scope_enter; the plugin generated bad code, please "
               "report it");
  size_t m = scope.marks[--scope.nmarks];
  /* Waiting may run tasks on this thread. Those that open scopes push above
   * scope.n and pop back; tasks created without one (not generated code)
   * stay above `end` and are waited for in the next round. scope.v may move,
   * so it is read afresh each time. */
  while (scope.n > m) {
    size_t end = scope.n;
    for (size_t i = m; i < end; i++)
      __ppar_task_request(scope.v[i]);
    for (size_t i = m; i < end; i++)
      __ppar_task_wait(scope.v[i]);
    for (size_t i = m; i < end; i++)
      __ppar_task_unref(scope.v[i]);
    memmove(scope.v + m, scope.v + end, (scope.n - end) * sizeof *scope.v);
    scope.n = m + (scope.n - end);
  }
  if (!scope.nmarks) {
    free(scope.v);
    free(scope.marks);
    scope.v = NULL;
    scope.marks = NULL;
    scope.cap = scope.capmarks = 0;
  }
}

/* ---- the entry points ---------------------------------------------------- */

PPAR_ABI struct __ppar_rt_task *
__ppar_rt_task_create(const char *name, const char *file, unsigned line,
                      void (*fn)(void *args, void *result), const void *args,
                      size_t size, size_t result_size,
                      const struct __ppar_rt_access *acc, int nacc,
                      struct __ppar_rt_task *const *deps, int ndeps,
                      unsigned flags) {
  __ppar_tasks_init();
  size_t args_size = (size + 15) & ~(size_t)15;
  size_t total = sizeof(struct __ppar_rt_task) + args_size + result_size;
  struct __ppar_rt_task *t = malloc(total);
  if (!t || !fn)
    __ppar_die(!t ? "out of memory creating a task of %s (%s:%u)"
                  : "internal error: task of %s (%s:%u) has no function; the "
                    "plugin generated bad code, please report it",
               name ? name : "?", file ? file : "?", line);
  memset(t, 0, sizeof *t);
  t->fn = fn;
  t->name = name ? name : "?";
  t->file = file ? file : "?";
  t->line = line;
  t->flags = flags;
  t->id = __atomic_add_fetch(&next_id, 1, __ATOMIC_RELAXED);
  t->refs = 3;  /* the future, the execution, the list of all tasks */
  t->count = 2; /* "not requested", and "being created" */
  t->succ = t->inline_succ;
  t->capsucc = 2;
  t->pred = t->inline_pred;
  t->cappred = 2;
  t->args = t->storage;
  t->result = t->storage + args_size;
  if (size)
    memcpy(t->args, args, size);
  if (result_size)
    memset(t->result, 0, result_size);

  for (int i = 0; i < ndeps; i++)
    add_edge(t, deps[i], 1);
  pthread_mutex_lock(&graph_mu);
  if (nacc > 0)
    track(t, acc, nacc);
  if (nall >= prune_at)
    prune_all();
  all = grow(all, &capall, sizeof *all, nall + 1, "list of pending tasks");
  all[nall++] = t;
  pthread_mutex_unlock(&graph_mu);

  if (scope.nmarks) {
    scope.v = grow(scope.v, &scope.cap, sizeof *scope.v, scope.n + 1,
                   "scope's task list");
    __ppar_task_ref(t);
    scope.v[scope.n++] = t;
  }
  ready_if_zero(t); /* created: only "not requested" is left */
  if (__ppar_config()->disable_jit) {
    /* The serial oracle: each call runs where it was made, in order. */
    __ppar_task_request(t);
    __ppar_task_wait(t);
  } else if (flags & __PPAR_RT_TASK_EAGER) {
    __ppar_task_request(t);
  }
  return t;
}

PPAR_ABI void *__ppar_rt_task_force(struct __ppar_rt_task *t) {
  if (!t)
    __ppar_die("internal error: __ppar_rt_task_force of no task; the plugin "
               "generated bad code, please report it");
  __ppar_task_request(t);
  __ppar_task_wait(t);
  return t->result;
}

PPAR_ABI void __ppar_rt_task_release(struct __ppar_rt_task *t) {
  if (t)
    __ppar_task_unref(t);
}

/* ---- futures held in a function's slots ---------------------------------- */

PPAR_ABI struct __ppar_rt_task *
__ppar_rt_future_set(struct __ppar_rt_task **slot, struct __ppar_rt_task *t) {
  __ppar_rt_task_release(*slot);
  *slot = t;
  return t;
}

PPAR_ABI void __ppar_rt_future_resolve(struct __ppar_rt_task **slot, void *var,
                                       size_t size) {
  struct __ppar_rt_task *t = *slot;
  memcpy(var, __ppar_rt_task_force(t), size);
  *slot = NULL;
  __ppar_rt_task_release(t);
}

PPAR_ABI void *__ppar_rt_future_force(struct __ppar_rt_task **slot,
                                      struct __ppar_rt_task *t) {
  return __ppar_rt_task_force(__ppar_rt_future_set(slot, t));
}

PPAR_ABI void __ppar_rt_scope_leave_release(struct __ppar_rt_task **slots,
                                            int n) {
  __ppar_rt_scope_leave();
  for (int i = 0; i < n; i++) {
    __ppar_rt_task_release(slots[i]);
    slots[i] = NULL;
  }
}

PPAR_ABI void __ppar_rt_wait_memory(const void *lo, const void *hi, int mode) {
  size_t n;
  struct __ppar_rt_task **ts = __ppar_graph_conflicts(lo, hi, mode, &n);
  for (size_t i = 0; i < n; i++)
    __ppar_task_request(ts[i]);
  for (size_t i = 0; i < n; i++) {
    __ppar_task_wait(ts[i]);
    __ppar_task_unref(ts[i]);
  }
  free(ts);
}
