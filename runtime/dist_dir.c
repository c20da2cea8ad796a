/*
 * dist_dir.c - the directory of ranges and their holders (dist_dir.h): an
 * array sorted by address. Programs write their ranges mostly in
 * increasing order, where an insertion is an append. Neighbours that agree
 * (holder, ranks, origin) are joined after each write, so a distributed
 * object written element by element keeps an entry per run of one owner,
 * not one per element: lookups stay short and the program's waits sort
 * few entries.
 */
#include "dist_dir.h"

#include "message.h"
#include "vec.h"

#include <stdlib.h>
#include <string.h>

static struct __ppar_dir_entry *e;
static size_t n, cap;
static uint64_t next_oid;

/* The first entry whose hi is above a. */
static size_t first_above(uintptr_t a) {
  size_t l = 0, h = n;
  while (l < h) {
    size_t m = l + (h - l) / 2;
    if (e[m].hi <= a)
      l = m + 1;
    else
      h = m;
  }
  return l;
}

static void insert_at(size_t i, struct __ppar_dir_entry x) {
  if (n == cap && __ppar_vec_grow(&e, &cap, n + 1, sizeof *e, NULL))
    __ppar_die("out of memory in the directory of distributed data");
  memmove(e + i + 1, e + i, (n - i) * sizeof *e);
  e[i] = x;
  n++;
}

/* No entry straddles a afterwards. */
static void split_at(uintptr_t a) {
  size_t i = first_above(a);
  if (i == n || e[i].lo >= a)
    return;
  struct __ppar_dir_entry right = e[i];
  right.lo = a;
  e[i].hi = a;
  insert_at(i + 1, right);
}

size_t __ppar_dir_range(uintptr_t lo, uintptr_t hi, size_t *end) {
  split_at(lo);
  split_at(hi);
  size_t i = first_above(lo), j = i;
  while (j < n && e[j].lo < hi)
    j++;
  *end = j;
  return i;
}

size_t __ppar_dir_cover(uintptr_t lo, uintptr_t hi, uint64_t oid,
                        uintptr_t base, size_t *end) {
  size_t i, j;
  i = __ppar_dir_range(lo, hi, &j);
  (void)j;
  /* Fill the gaps, left to right: entries from i on that start below hi
   * lie inside [lo, hi) now. */
  uintptr_t at = lo;
  for (size_t k = i; at < hi;) {
    uintptr_t next = k < n && e[k].lo < hi ? e[k].lo : hi;
    if (at < next) {
      struct __ppar_dir_entry x = {.lo = at, .hi = next, .holder = -1,
                                   .oid = oid ? oid : ++next_oid,
                                   .base = oid ? base : at};
      insert_at(k++, x);
    }
    at = next < hi ? e[k++].hi : hi;
  }
  return __ppar_dir_range(lo, hi, end);
}

/* Can b, right after a, join a without changing what any rank decides? */
static int joinable(const struct __ppar_dir_entry *a,
                    const struct __ppar_dir_entry *b) {
  return a->hi == b->lo && a->holder == b->holder && a->valid == b->valid &&
         a->oid == b->oid && a->base == b->base;
}

void __ppar_dir_join(size_t i, size_t end) {
  size_t lo = i ? i - 1 : 0, hi = end < n ? end + 1 : n;
  if (hi - lo < 2)
    return;
  size_t w = lo;
  for (size_t k = lo + 1; k < hi; k++) {
    if (joinable(&e[w], &e[k])) {
      e[w].hi = e[k].hi;
      if (e[k].wseq > e[w].wseq)
        e[w].wseq = e[k].wseq;
    } else {
      e[++w] = e[k];
    }
  }
  size_t gone = hi - (w + 1);
  if (gone) {
    memmove(e + w + 1, e + hi, (n - hi) * sizeof *e);
    n -= gone;
  }
}

int __ppar_dir_extend(uintptr_t lo, uintptr_t hi, int holder, uint64_t valid,
                      uint64_t oid, uintptr_t base, uint64_t wseq) {
  size_t i = first_above(lo);
  if (i == 0 || e[i - 1].hi != lo)
    return 0;
  struct __ppar_dir_entry *p = &e[i - 1], *f = i < n ? &e[i] : NULL;
  if (p->holder != holder || p->valid != valid)
    return 0;
  if (!f || f->lo >= hi) {
    /* [lo, hi) is new: it would take the object's origin. */
    if (!oid || p->oid != oid || p->base != base)
      return 0;
  } else {
    /* [lo, hi) is the start of f, not all of it. */
    if (f->lo != lo || f->hi <= hi || p->oid != f->oid || p->base != f->base)
      return 0;
    f->lo = hi;
  }
  p->hi = hi;
  p->wseq = wseq;
  return 1;
}

struct __ppar_dir_entry *__ppar_dir_first_above(uintptr_t a) {
  size_t i = first_above(a);
  return i < n ? &e[i] : NULL;
}

struct __ppar_dir_entry *__ppar_dir_find(uintptr_t a) {
  size_t i = first_above(a);
  return i < n && e[i].lo <= a ? &e[i] : NULL;
}

struct __ppar_dir_entry *__ppar_dir_at(size_t i) { return &e[i]; }

size_t __ppar_dir_count(void) { return n; }
