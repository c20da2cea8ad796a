/*
 * graph.c - task objects and the dependences between them (delayed calls,
 * SPEC section 3).
 *
 * A task depends on the futures passed to it (deps) and on every earlier,
 * unfinished task whose memory accesses conflict with its own: a read after
 * a write, a write after a read, a write after a write of overlapping bytes.
 * The pending accesses are indexed by address under graph_mu (see "pending
 * accesses" below); accesses of finished tasks drop out when a lookup meets
 * them or at a sweep, and an access covered by a later write of the same
 * bytes is dropped too (anything that would conflict with it conflicts
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
#include "vec.h"
#include "visibility.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

const struct __ppar_sched *__ppar_sched;

static pthread_mutex_t graph_mu = PTHREAD_MUTEX_INITIALIZER;

static struct __ppar_rt_task **all; /* every task not yet computed */
static size_t nall, capall, prune_at = 1024;

static uint64_t next_id; /* atomic */

/* ---- references, the per-task lock ------------------------------------- */

void __ppar_task_ref(struct __ppar_rt_task *t) {
  __atomic_fetch_add(&t->refs, 1, __ATOMIC_RELAXED);
}

void __ppar_task_unref(struct __ppar_rt_task *t) {
  /* A loop, not recursion: freeing a task drops its parent's reference. */
  while (t && __atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL) == 0) {
    struct __ppar_rt_task *parent = t->parent;
    if (t->succ != t->inline_succ)
      free(t->succ);
    if (t->pred != t->inline_pred)
      free(t->pred);
    free(t->dep_ids);
    __ppar_task_free(t, t->pooled);
    t = parent;
  }
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
static _Thread_local struct __ppar_rt_task *current; /* the innermost one */

int __ppar_task_in_task(void) { return executing > 0; }

/* ---- program order --------------------------------------------------------
 *
 * The serial program runs each delayed call where it is made, so its order
 * is a preorder walk of the tree of tasks by creator: a task comes after
 * its creator's earlier tasks (and everything they created) and before its
 * creator's later ones. `precedes(x, cur)` says whether x lies before the
 * point where running task cur now is in that order: x is a task cur has
 * created (at any depth), or, at the first place their chains of creators
 * part, x's side was created first. cur itself and the tasks that contain
 * it (its creators) do not precede it: they are still running it. A task
 * never waits for, nor gets an edge from, a task that does not precede it;
 * as every wait and edge then points back in one total order, no cycle of
 * waits can form (docs/tasks.md, "Program order"). */
static int precedes(const struct __ppar_rt_task *x,
                    const struct __ppar_rt_task *cur) {
  if (!cur)
    return 1; /* outside any task: every pending task came before */
  const struct __ppar_rt_task *a = x, *b = cur;
  while (a->depth > b->depth) {
    if (a->parent == b)
      return 1; /* created by cur, at some depth */
    a = a->parent;
  }
  while (b->depth > a->depth)
    b = b->parent;
  if (a == b)
    return 0; /* x is cur or contains it */
  while (a->parent != b->parent) {
    a = a->parent;
    b = b->parent;
  }
  return a->id < b->id;
}

int __ppar_task_is_running(const struct __ppar_rt_task *t) {
  return __atomic_load_n(&t->running, __ATOMIC_ACQUIRE) &&
         !__atomic_load_n(&t->done, __ATOMIC_ACQUIRE);
}

static int is_done(void *t) { return __ppar_task_is_done(t); }

int __ppar_task_precedes_here(const struct __ppar_rt_task *t) {
  return precedes(t, current);
}

/* ---- edges, readiness, running ------------------------------------------ */

/* While a thread requests tasks (a task and its ancestors, or many at
 * once), those that become ready are handed to the scheduler BATCH at a
 * time: one trip to a queue instead of one per task. They also go after
 * every BATCH tasks requested, ready or not, so that the first ready task
 * of a long chain is not held back until the whole chain is requested. */
enum { BATCH = 64 };
static _Thread_local struct {
  int on, n, seen;
  struct __ppar_rt_task *v[BATCH];
} batch;

/* Copied out first: submitting may run tasks here (after shutdown) that
 * request more. */
static void flush_batch(void) {
  struct __ppar_rt_task *v[BATCH];
  size_t n = (size_t)batch.n;
  batch.seen = 0;
  if (!n)
    return;
  memcpy(v, batch.v, n * sizeof *v);
  batch.n = 0;
  __ppar_sched->submit_many(v, n);
}

/* Starts batching; returns whether an outer caller already had, in which
 * case batch_end leaves the flush to it. */
static int batch_begin(void) {
  int outer = batch.on;
  batch.on = 1;
  return outer;
}

/* One more task requested. */
static void batch_tick(void) {
  if (++batch.seen >= BATCH)
    flush_batch();
}

static void batch_end(int outer) {
  if (outer)
    return;
  flush_batch();
  batch.on = 0;
}

static void ready_if_zero(struct __ppar_rt_task *t) {
  if (__atomic_sub_fetch(&t->count, 1, __ATOMIC_ACQ_REL) != 0)
    return;
  if (!batch.on) {
    __ppar_sched->submit(t);
    return;
  }
  batch.v[batch.n++] = t;
  if (batch.n == BATCH)
    flush_batch();
}

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
  lock(p);
  if (p->last_succ == t->id) { /* already an edge */
    unlock(p);
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
  unlock(p);
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

/* Requests t and its unrequested ancestors. If hold_ready and t itself
 * becomes ready here, it is not submitted: returns 1, and the caller runs
 * it (nothing else can, it was never queued). */
static int request(struct __ppar_rt_task *t, int hold_ready) {
  if (__atomic_load_n(&t->requested, __ATOMIC_ACQUIRE))
    return 0; /* and so are its ancestors, by whoever requested it */
  /* Iterative: a chain of a million lazy tasks must not need a million
   * stack frames. Each entry holds a reference. */
  struct __ppar_rt_task *local[64], **st = local;
  size_t n = 0, cap = 64;
  int held = 0, outer = batch_begin();
  __ppar_task_ref(t);
  st[n++] = t;
  while (n) {
    struct __ppar_rt_task *x = st[--n];
    if (!__atomic_exchange_n(&x->requested, 1, __ATOMIC_ACQ_REL)) {
      for (int i = 0; i < x->npred; i++) {
        struct __ppar_rt_task *p = x->pred[i];
        if (__atomic_load_n(&p->requested, __ATOMIC_ACQUIRE))
          continue;
        if (n == cap && __ppar_vec_grow(&st, &cap, n + 1, sizeof *st, local))
          __ppar_die("out of memory requesting a task graph");
        __ppar_task_ref(p);
        st[n++] = p;
      }
      /* the "not requested" token */
      if (x == t && hold_ready)
        held = __atomic_sub_fetch(&x->count, 1, __ATOMIC_ACQ_REL) == 0;
      else
        ready_if_zero(x);
      batch_tick();
    }
    __ppar_task_unref(x);
  }
  if (st != local)
    free(st);
  batch_end(outer);
  return held;
}

void __ppar_task_request(struct __ppar_rt_task *t) { request(t, 0); }

void __ppar_task_request_many(struct __ppar_rt_task *const *ts, size_t n) {
  if (!n)
    return; /* nothing, and maybe no scheduler yet (no task ever made) */
  int outer = batch_begin();
  for (size_t i = 0; i < n; i++)
    if (ts[i])
      request(ts[i], 0);
  batch_end(outer);
}

/* Requests t; if that makes t ready, runs it right here, as libomp runs an
 * undeferred task: no queue, no wake-up. A task that holds the global lock
 * lets it go meanwhile, as in __ppar_task_wait. Returns whether it ran. */
int __ppar_task_request_run(struct __ppar_rt_task *t) {
  if (!request(t, 1))
    return 0;
  int held = __ppar_gil_release_if_held();
  __ppar_task_execute(t);
  if (held)
    __ppar_gil_lock();
  return 1;
}

static void request_and_wait(struct __ppar_rt_task *t) {
  if (!__ppar_task_request_run(t))
    __ppar_task_wait(t);
}

void __ppar_task_execute(struct __ppar_rt_task *t) {
  int gil = !(t->flags & __PPAR_RT_TASK_NOGIL);
  int tracing = __ppar_trace_enabled();
  __atomic_store_n(&t->running, 1, __ATOMIC_RELEASE);
  executing++;
  struct __ppar_rt_task *outer = current;
  current = t;
  if (gil)
    __ppar_gil_lock();
  double start = tracing ? __ppar_trace_now() : 0;
  t->fn(t->args, t->result);
  double end = tracing ? __ppar_trace_now() : 0;
  if (gil)
    __ppar_gil_unlock();
  current = outer;
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

/* The accesses of unfinished tasks, indexed by address so a new task finds
 * its conflicts without looking at unrelated ones. Two indexes, one of
 * reads and one of writes (read-write included): a read conflicts only
 * with writes, so it never looks at the reads, and many tasks reading the
 * same big array do not slow each other down. Each index has two parts:
 *  - cells: a hash table of 64-byte cells of the address space, each with
 *    the list of the accesses lying inside it. Nearly all accesses to a
 *    scalar or a small struct (x[i], a counter) do: O(1) to add, find and
 *    drop.
 *  - tree: an interval treap of the others (a binary search tree by `lo`,
 *    heap-ordered by a random priority, each node knowing the largest `hi`
 *    below it): O(log n + hits) to find overlaps whatever the sizes of the
 *    ranges, the "anywhere" range included.
 * A query looks in the tree, and in the cells its range covers, or in all
 * cells when they are fewer. All under graph_mu. */
struct access {
  const char *lo, *hi;
  const char *maxhi;           /* tree: largest hi in this subtree       */
  struct access *left, *right; /* tree: children; cells: prev and next   */
  uint64_t seq;                /* tree: orders equal lo: keys (lo, seq)  */
  unsigned prio;               /* tree: heap order                       */
  int mode;                    /* 1 read, 2 write, 3 both                */
  int in_cell;                 /* in the cells, not in the tree          */
  struct __ppar_rt_task *t;
};

enum { CELL_SHIFT = 6 };

struct cell {
  uintptr_t key;         /* address >> CELL_SHIFT, + 1 (0: empty slot) */
  struct access *first;  /* NULL: a slot kept for reuse until a rehash */
};

struct index {
  struct access *tree;
  struct cell *cells;    /* open addressing, linear probing            */
  size_t mask, used;     /* capacity - 1; slots with a key             */
  size_t live;           /* slots with accesses                        */
};

static struct index reads, writes;
static size_t naccesses, prune_accesses_at = 1024;
static uint64_t access_seq;
static unsigned access_rng = 2463534242u;
static struct access *spare_nodes; /* freed nodes, linked through `right` */
static size_t nspare;

/* Matches of a query, collected before any is changed (the walk cannot
 * remove nodes under itself). */
static struct access **hits;
static size_t nhits, caphits;

static struct index *index_of(const struct access *a) {
  return a->mode == __PPAR_RT_ACCESS_READ ? &reads : &writes;
}

static int before(const struct access *a, const struct access *b) {
  return a->lo < b->lo || (a->lo == b->lo && a->seq < b->seq);
}

static void fix(struct access *a) {
  const char *m = a->hi;
  if (a->left && a->left->maxhi > m)
    m = a->left->maxhi;
  if (a->right && a->right->maxhi > m)
    m = a->right->maxhi;
  a->maxhi = m;
}

static struct access *rotate_right(struct access *a) {
  struct access *l = a->left;
  a->left = l->right;
  l->right = a;
  fix(a);
  fix(l);
  return l;
}

static struct access *rotate_left(struct access *a) {
  struct access *r = a->right;
  a->right = r->left;
  r->left = a;
  fix(a);
  fix(r);
  return r;
}

/* Recursion depth is the tree's depth: O(log n) expected. */
static struct access *tree_insert(struct access *root, struct access *n) {
  if (!root)
    return n;
  if (before(n, root)) {
    root->left = tree_insert(root->left, n);
    if (root->left->prio > root->prio)
      return rotate_right(root);
  } else {
    root->right = tree_insert(root->right, n);
    if (root->right->prio > root->prio)
      return rotate_left(root);
  }
  fix(root);
  return root;
}

/* Joins two trees, every key of a before every key of b. */
static struct access *tree_join(struct access *a, struct access *b) {
  if (!a)
    return b;
  if (!b)
    return a;
  if (a->prio > b->prio) {
    a->right = tree_join(a->right, b);
    fix(a);
    return a;
  }
  b->left = tree_join(a, b->left);
  fix(b);
  return b;
}

/* n is in the tree. */
static struct access *tree_remove(struct access *root, struct access *n) {
  if (root == n)
    return tree_join(n->left, n->right);
  if (before(n, root))
    root->left = tree_remove(root->left, n);
  else
    root->right = tree_remove(root->right, n);
  fix(root);
  return root;
}

static void add_hit(struct access *a) {
  __ppar_vec_reserve_or_die(&hits, &caphits, nhits + 1, sizeof *hits,
                            "list of conflicts");
  hits[nhits++] = a;
}

/* Appends the nodes overlapping [lo, hi) to hits. A subtree whose largest
 * hi is at or below lo holds no overlap; nodes right of one that starts at
 * or after hi start there too. */
static void tree_overlaps(struct access *a, const char *lo, const char *hi) {
  while (a && a->maxhi > lo) {
    tree_overlaps(a->left, lo, hi);
    if (a->lo >= hi)
      return;
    if (a->hi > lo)
      add_hit(a);
    a = a->right;
  }
}

/* ---- cells ---- */

static uintptr_t cell_key(const char *p) {
  return ((uintptr_t)p >> CELL_SHIFT) + 1;
}

static size_t cell_hash(uintptr_t key, size_t mask) {
  return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & mask;
}

/* The slot of key, or NULL. */
static struct cell *cell_find(struct index *ix, uintptr_t key) {
  if (!ix->cells)
    return NULL;
  for (size_t i = cell_hash(key, ix->mask);; i = (i + 1) & ix->mask) {
    if (ix->cells[i].key == key)
      return &ix->cells[i];
    if (!ix->cells[i].key)
      return NULL;
  }
}

/* Rebuilds the table with the slots that hold accesses, at a size where it
 * is at most a quarter full. */
static void cells_rehash(struct index *ix) {
  size_t live = ix->live, cap = 64;
  while (cap < 4 * (live + 1))
    cap *= 2;
  struct cell *c = calloc(cap, sizeof *c);
  if (!c)
    __ppar_die("out of memory indexing the tasks' memory accesses");
  for (size_t i = 0; ix->cells && i <= ix->mask; i++) {
    if (!ix->cells[i].first)
      continue;
    size_t j = cell_hash(ix->cells[i].key, cap - 1);
    while (c[j].key)
      j = (j + 1) & (cap - 1);
    c[j] = ix->cells[i];
  }
  free(ix->cells);
  ix->cells = c;
  ix->mask = cap - 1;
  ix->used = live;
}

/* The slot of key, made if missing. Slots whose list has emptied keep
 * their key (deleting from linear probing is fiddly) until a rehash. */
static struct cell *cell_get(struct index *ix, uintptr_t key) {
  struct cell *c = cell_find(ix, key);
  if (c)
    return c;
  if (!ix->cells || 2 * (ix->used + 1) > ix->mask + 1)
    cells_rehash(ix);
  size_t i = cell_hash(key, ix->mask);
  while (ix->cells[i].key)
    i = (i + 1) & ix->mask;
  ix->used++;
  ix->cells[i] = (struct cell){key, NULL};
  return &ix->cells[i];
}

static void cell_insert(struct index *ix, struct access *a) {
  struct cell *c = cell_get(ix, cell_key(a->lo));
  ix->live += c->first == NULL;
  a->left = NULL;
  a->right = c->first;
  if (c->first)
    c->first->left = a;
  c->first = a;
}

static void cell_remove(struct index *ix, struct access *a) {
  if (a->left) {
    a->left->right = a->right;
  } else {
    struct cell *c = cell_find(ix, cell_key(a->lo));
    c->first = a->right;
    ix->live -= c->first == NULL;
  }
  if (a->right)
    a->right->left = a->left;
}

static void cell_overlaps(const struct cell *c, const char *lo,
                          const char *hi) {
  for (struct access *a = c->first; a; a = a->right)
    if (a->lo < hi && lo < a->hi)
      add_hit(a);
}

/* A table that has emptied (a burst of tasks has finished) shrinks, so
 * walking it costs what it holds, not what it once held. */
static void cells_shrink(struct index *ix) {
  if (ix->cells && ix->mask + 1 > 64 && 16 * ix->live < ix->mask + 1)
    cells_rehash(ix);
}

/* Appends the accesses in the cells that overlap [lo, hi) to hits: by
 * looking up each cell of the range, or by walking the whole table when
 * that is shorter (a big range, the anywhere range). */
static void cells_overlaps(struct index *ix, const char *lo, const char *hi) {
  if (!ix->cells)
    return;
  uintptr_t k0 = cell_key(lo), k1 = cell_key(hi - 1);
  if (k1 - k0 <= ix->mask) {
    for (uintptr_t k = k0;; k++) {
      struct cell *c = cell_find(ix, k);
      if (c)
        cell_overlaps(c, lo, hi);
      if (k == k1)
        break;
    }
    return;
  }
  cells_shrink(ix);
  for (size_t i = 0; i <= ix->mask; i++)
    cell_overlaps(&ix->cells[i], lo, hi);
}

/* Does [lo, hi) lie inside one cell? */
static int fits_cell(const char *lo, const char *hi) {
  return cell_key(lo) == cell_key(hi - 1);
}

static void index_overlaps(struct index *ix, const char *lo, const char *hi) {
  tree_overlaps(ix->tree, lo, hi);
  cells_overlaps(ix, lo, hi);
}

/* Pending accesses conflicting with mode on [lo, hi): writes always, reads
 * only for a write. Leaves them in hits. */
static void find_conflicts(const char *lo, const char *hi, int mode) {
  nhits = 0;
  index_overlaps(&writes, lo, hi);
  if (mode & __PPAR_RT_ACCESS_WRITE)
    index_overlaps(&reads, lo, hi);
}

static struct access *new_access(void) {
  struct access *a = spare_nodes;
  if (a) {
    spare_nodes = a->right;
    nspare--;
    return a;
  }
  a = malloc(sizeof *a);
  if (!a)
    __ppar_die("out of memory recording a task's memory access");
  return a;
}

static void add_access(const char *lo, const char *hi, int mode,
                       struct __ppar_rt_task *t) {
  struct access *a = new_access();
  access_rng ^= access_rng << 13; /* xorshift32 */
  access_rng ^= access_rng >> 17;
  access_rng ^= access_rng << 5;
  *a = (struct access){lo,   hi,   hi, NULL, NULL, ++access_seq, access_rng,
                       mode, fits_cell(lo, hi), t};
  __ppar_task_ref(t);
  struct index *ix = index_of(a);
  if (a->in_cell)
    cell_insert(ix, a);
  else
    ix->tree = tree_insert(ix->tree, a);
  naccesses++;
}

/* Keeps up to 4096 freed nodes for reuse: the pending accesses of a steady
 * stream of tasks then cost no malloc. */
static void drop_access(struct access *a) {
  struct index *ix = index_of(a);
  if (a->in_cell)
    cell_remove(ix, a);
  else
    ix->tree = tree_remove(ix->tree, a);
  naccesses--;
  __ppar_task_unref(a->t);
  if (nspare < 4096) {
    a->right = spare_nodes;
    spare_nodes = a;
    nspare++;
  } else {
    free(a);
  }
}

static int finished(const struct access *a) {
  return __atomic_load_n(&a->t->done, __ATOMIC_ACQUIRE);
}

static void tree_collect_done(struct access *a) {
  for (; a; a = a->right) {
    tree_collect_done(a->left);
    if (finished(a))
      add_hit(a);
  }
}

static void collect_done(struct index *ix) {
  tree_collect_done(ix->tree);
  for (size_t i = 0; ix->cells && i <= ix->mask; i++)
    for (struct access *a = ix->cells[i].first; a; a = a->right)
      if (finished(a))
        add_hit(a);
}

/* Accesses of finished tasks leave the index when a query meets them; the
 * ones no query meets (memory never touched again) are dropped here, when
 * the index has doubled since the last sweep: amortised O(log n) a task. */
static void sweep_accesses(void) {
  nhits = 0;
  collect_done(&reads);
  collect_done(&writes);
  for (size_t i = 0; i < nhits; i++)
    drop_access(hits[i]);
  nhits = 0;
  cells_shrink(&reads);
  cells_shrink(&writes);
  prune_accesses_at = 2 * naccesses > 1024 ? 2 * naccesses : 1024;
}

static void prune_accesses(void) {
  if (naccesses >= prune_accesses_at)
    sweep_accesses();
}

void __ppar_graph_sweep(void) {
  pthread_mutex_lock(&graph_mu);
  sweep_accesses();
  pthread_mutex_unlock(&graph_mu);
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
    find_conflicts(lo, hi, mode);
    for (size_t i = 0; i < nhits; i++) {
      struct access *a = hits[i];
      if (finished(a)) {
        drop_access(a);
        continue;
      }
      if (!precedes(a->t, t->parent))
        continue; /* after t in program order: it is not t's to wait for */
      add_edge(t, a->t, 0);
      if ((mode & 2) && lo <= a->lo && a->hi <= hi)
        drop_access(a);
    }
  }
  nhits = 0;
  for (int k = 0; k < nacc; k++) {
    const char *lo = acc[k].lo, *hi = acc[k].hi;
    int mode = acc[k].mode & 3;
    if (valid_access(lo, hi, mode))
      add_access(lo, hi, mode, t);
  }
  prune_accesses();
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
  find_conflicts(lo, hi, mode);
  for (size_t i = 0; i < nhits; i++) {
    struct access *a = hits[i];
    if (finished(a)) {
      drop_access(a);
      continue;
    }
    if (!precedes(a->t, current))
      continue; /* a wait never waits for what comes after it */
    __ppar_vec_reserve_or_die(&out, &cap, *n + 1, sizeof *out,
                              "list of conflicting tasks");
    __ppar_task_ref(a->t);
    out[(*n)++] = a->t;
  }
  nhits = 0;
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

/* ---- scopes -------------------------------------------------------------- */

/* One frame per open scope of this thread: the tasks created on it while
 * the frame is the innermost one, each with a reference. A scope's leave
 * takes its frame's list for itself before waiting (waiting runs tasks on
 * this thread, which open and close frames of their own above it and may
 * grow the stack of frames), so nothing it walks can move or be freed under
 * it. Frames are reached by index, never by a pointer held across a wait. */
struct scope_frame {
  struct __ppar_rt_task **v;
  size_t n, cap;
};

static _Thread_local struct {
  struct scope_frame *f;
  size_t n, cap;
} scopes;

/* Drops the tasks of v[0, n): first the finished ones (typically most,
 * after a ppar_compute: one look at each), then requests and waits for the
 * others. v belongs to the caller alone. */
static void finish_tasks(struct __ppar_rt_task **v, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (__ppar_task_is_done(v[i]))
      __ppar_task_unref(v[i]);
    else
      v[k++] = v[i];
  }
  __ppar_task_request_many(v, k);
  for (size_t i = 0; i < k; i++)
    __ppar_task_wait(v[i]);
  for (size_t i = 0; i < k; i++)
    __ppar_task_unref(v[i]);
}

PPAR_ABI void __ppar_rt_scope_enter(void) {
  __ppar_vec_reserve_or_die(&scopes.f, &scopes.cap, scopes.n + 1,
                            sizeof *scopes.f, "scope stack");
  scopes.f[scopes.n++] = (struct scope_frame){NULL, 0, 0};
}

PPAR_ABI void __ppar_rt_scope_leave(void) {
  if (!scopes.n)
    __ppar_die("internal error: __ppar_rt_scope_leave without "
               "__ppar_rt_scope_enter; the plugin generated bad code, please "
               "report it");
  size_t me = scopes.n - 1;
  /* The frame stays open while its tasks are waited for: tasks created
   * meanwhile on this thread outside any scope of their own (not generated
   * code) join it and are waited for in the next round. */
  for (;;) {
    struct scope_frame mine = scopes.f[me];
    if (!mine.n) {
      free(mine.v);
      break;
    }
    scopes.f[me] = (struct scope_frame){NULL, 0, 0};
    finish_tasks(mine.v, mine.n);
    free(mine.v);
  }
  if (scopes.n != me + 1)
    __ppar_die("internal error: scopes left out of order; the plugin "
               "generated bad code, please report it");
  scopes.n = me;
  if (!scopes.n) {
    free(scopes.f);
    scopes.f = NULL;
    scopes.cap = 0;
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
  unsigned pooled;
  struct __ppar_rt_task *t = __ppar_task_alloc(total, &pooled);
  if (!t || !fn)
    __ppar_die(!t ? "out of memory creating a task of %s (%s:%u)"
                  : "internal error: task of %s (%s:%u) has no function; the "
                    "plugin generated bad code, please report it",
               name ? name : "?", file ? file : "?", line);
  memset(t, 0, sizeof *t);
  t->pooled = pooled;
  t->fn = fn;
  t->name = name ? name : "?";
  t->file = file ? file : "?";
  t->line = line;
  t->flags = flags;
  t->id = __atomic_add_fetch(&next_id, 1, __ATOMIC_RELAXED);
  t->parent = current;
  t->depth = current ? current->depth + 1 : 1;
  if (current)
    __ppar_task_ref(current);
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
  __ppar_vec_reserve_or_die(&all, &capall, nall + 1, sizeof *all,
                            "list of pending tasks");
  all[nall++] = t;
  pthread_mutex_unlock(&graph_mu);

  if (scopes.n) {
    struct scope_frame *f = &scopes.f[scopes.n - 1];
    __ppar_vec_reserve_or_die(&f->v, &f->cap, f->n + 1, sizeof *f->v,
                              "scope's task list");
    __ppar_task_ref(t);
    f->v[f->n++] = t;
  }
  ready_if_zero(t); /* created: only "not requested" is left */
  if (__ppar_config()->disable_jit) {
    /* The serial oracle: each call runs where it was made, in order. */
    request_and_wait(t);
  } else if (flags & __PPAR_RT_TASK_EAGER) {
    __ppar_task_request(t);
  }
  return t;
}

PPAR_ABI void *__ppar_rt_task_force(struct __ppar_rt_task *t) {
  if (!t)
    __ppar_die("internal error: __ppar_rt_task_force of no task; the plugin "
               "generated bad code, please report it");
  request_and_wait(t);
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
  __ppar_task_request_many(ts, n);
  for (size_t i = 0; i < n; i++) {
    __ppar_task_wait(ts[i]);
    __ppar_task_unref(ts[i]);
  }
  free(ts);
}
