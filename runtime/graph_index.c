/*
 * graph_index.c - the pending accesses of unfinished tasks, indexed by
 * address (graph_index.h), so that a new task finds the tasks it conflicts
 * with without looking at unrelated ones.
 *
 * Two indexes, one of reads and one of writes (read-write included): a
 * read conflicts only with writes, so it never looks at the reads, and
 * many tasks reading the same big array do not slow each other down. Each
 * index has two parts:
 *  - cells: a hash table of 64-byte cells of the address space, each with
 *    the list of the accesses lying inside it. Nearly all accesses to a
 *    scalar or a small struct (x[i], a counter) do: O(1) to add, find and
 *    drop.
 *  - tree: an interval treap of the others (a binary search tree by `lo`,
 *    heap-ordered by a random priority, each node knowing the largest `hi`
 *    below it): O(log n + hits) to find overlaps whatever the sizes of the
 *    ranges, the "anywhere" range included.
 * A query looks in the tree, and in the cells its range covers, or in all
 * cells when they are fewer.
 */
#include "graph_index.h"

#include "ppar_rt_abi.h"

#include "message.h"
#include "task.h"
#include "vec.h"

#include <stdint.h>
#include <stdlib.h>

enum { CELL_SHIFT = 6 };

struct cell {
  uintptr_t key;         /* address >> CELL_SHIFT, + 1 (0: empty slot) */
  struct __ppar_access *first; /* NULL: a slot kept until a rehash  */
};

struct index {
  struct __ppar_access *tree;
  struct cell *cells;    /* open addressing, linear probing            */
  size_t mask, used;     /* capacity - 1; slots with a key             */
  size_t live;           /* slots with accesses                        */
};

static struct index reads, writes;
static size_t naccesses, prune_accesses_at = 1024;
static uint64_t access_seq;
static unsigned access_rng = 2463534242u;
static struct __ppar_access
    *spare_nodes; /* freed nodes, linked through `right` */
static size_t nspare;

/* Matches of a query, collected before any is changed (the walk cannot
 * remove nodes under itself). */
static struct __ppar_access **hits;
static size_t nhits, caphits;

static struct index *index_of(const struct __ppar_access *a) {
  return a->mode == __PPAR_RT_ACCESS_READ ? &reads : &writes;
}

static int before(const struct __ppar_access *a,
                  const struct __ppar_access *b) {
  return a->lo < b->lo || (a->lo == b->lo && a->seq < b->seq);
}

static void fix(struct __ppar_access *a) {
  const char *m = a->hi;
  if (a->left && a->left->maxhi > m)
    m = a->left->maxhi;
  if (a->right && a->right->maxhi > m)
    m = a->right->maxhi;
  a->maxhi = m;
}

static struct __ppar_access *rotate_right(struct __ppar_access *a) {
  struct __ppar_access *l = a->left;
  a->left = l->right;
  l->right = a;
  fix(a);
  fix(l);
  return l;
}

static struct __ppar_access *rotate_left(struct __ppar_access *a) {
  struct __ppar_access *r = a->right;
  a->right = r->left;
  r->left = a;
  fix(a);
  fix(r);
  return r;
}

/* Recursion depth is the tree's depth: O(log n) expected. */
static struct __ppar_access *tree_insert(struct __ppar_access *root,
                                         struct __ppar_access *n) {
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
static struct __ppar_access *tree_join(struct __ppar_access *a,
                                       struct __ppar_access *b) {
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
static struct __ppar_access *tree_remove(struct __ppar_access *root,
                                         struct __ppar_access *n) {
  if (root == n)
    return tree_join(n->left, n->right);
  if (before(n, root))
    root->left = tree_remove(root->left, n);
  else
    root->right = tree_remove(root->right, n);
  fix(root);
  return root;
}

static void add_hit(struct __ppar_access *a) {
  __ppar_vec_reserve_or_die(&hits, &caphits, nhits + 1, sizeof *hits,
                            "list of conflicts");
  hits[nhits++] = a;
}

/* Appends the nodes overlapping [lo, hi) to hits. A subtree whose largest
 * hi is at or below lo holds no overlap; nodes right of one that starts at
 * or after hi start there too. */
static void tree_overlaps(struct __ppar_access *a, const char *lo,
                          const char *hi) {
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

static void cell_insert(struct index *ix, struct __ppar_access *a) {
  struct cell *c = cell_get(ix, cell_key(a->lo));
  ix->live += c->first == NULL;
  a->left = NULL;
  a->right = c->first;
  if (c->first)
    c->first->left = a;
  c->first = a;
}

static void cell_remove(struct index *ix, struct __ppar_access *a) {
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
  for (struct __ppar_access *a = c->first; a; a = a->right)
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

size_t __ppar_index_conflicts(const char *lo, const char *hi, int mode,
                              struct __ppar_access *const **out) {
  nhits = 0;
  index_overlaps(&writes, lo, hi);
  if (mode & __PPAR_RT_ACCESS_WRITE)
    index_overlaps(&reads, lo, hi);
  *out = hits;
  return nhits;
}

static struct __ppar_access *new_access(void) {
  struct __ppar_access *a = spare_nodes;
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

void __ppar_index_add(const char *lo, const char *hi, int mode,
                      struct __ppar_rt_task *t) {
  struct __ppar_access *a = new_access();
  access_rng ^= access_rng << 13; /* xorshift32 */
  access_rng ^= access_rng >> 17;
  access_rng ^= access_rng << 5;
  *a = (struct __ppar_access){
      lo, hi, hi, NULL, NULL, ++access_seq, access_rng, mode, fits_cell(lo, hi),
      t};
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
void __ppar_index_drop(struct __ppar_access *a) {
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

static void tree_collect_done(struct __ppar_access *a) {
  for (; a; a = a->right) {
    tree_collect_done(a->left);
    if (__ppar_access_finished(a))
      add_hit(a);
  }
}

static void collect_done(struct index *ix) {
  tree_collect_done(ix->tree);
  for (size_t i = 0; ix->cells && i <= ix->mask; i++)
    for (struct __ppar_access *a = ix->cells[i].first; a; a = a->right)
      if (__ppar_access_finished(a))
        add_hit(a);
}

/* Accesses of finished tasks leave the index when a query meets them; the
 * ones no query meets (memory never touched again) are dropped here, when
 * the index has doubled since the last sweep: amortised O(log n) a task. */
void __ppar_index_sweep(void) {
  nhits = 0;
  collect_done(&reads);
  collect_done(&writes);
  for (size_t i = 0; i < nhits; i++)
    __ppar_index_drop(hits[i]);
  nhits = 0;
  cells_shrink(&reads);
  cells_shrink(&writes);
  prune_accesses_at = 2 * naccesses > 1024 ? 2 * naccesses : 1024;
}

void __ppar_index_prune(void) {
  if (naccesses >= prune_accesses_at)
    __ppar_index_sweep();
}
