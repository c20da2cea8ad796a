/*
 * resident_group.c - the map of which copies hold the latest bytes of a
 * resident range (resident_group.h): a sorted list of sub-ranges, each with
 * the mask of its holders, neighbours with the same mask merged. A stencil
 * split over k devices keeps about 2k sub-ranges (each part's rows, the
 * halos fetched by its neighbours), so plain arrays do.
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_BUILDING_RUNTIME 1
#include "resident_group.h"

#include "ppar.h"

#include "vec.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct piece {
  uintptr_t lo; /* up to the next piece's lo, or the range's hi */
  unsigned holders;
};

struct __ppar_rgroup {
  pthread_mutex_t mu;
  uintptr_t lo, hi;
  unsigned all; /* every copy's bit */
  struct piece *p;
  int n;
  size_t cap;
};

struct __ppar_rgroup *__ppar_rgroup_new(uintptr_t lo, uintptr_t hi,
                                        int ncopies) {
  struct __ppar_rgroup *g = calloc(1, sizeof *g);
  if (!g || ncopies < 1 || ncopies > 32 ||
      __ppar_vec_reserve(&g->p, &g->cap, 4, sizeof *g->p)) {
    free(g);
    return NULL;
  }
  pthread_mutex_init(&g->mu, NULL);
  g->lo = lo, g->hi = hi;
  g->all = ncopies == 32 ? ~0u : (1u << ncopies) - 1;
  g->p[0] = (struct piece){lo, g->all};
  g->n = 1;
  return g;
}

void __ppar_rgroup_free(struct __ppar_rgroup *g) {
  if (!g)
    return;
  pthread_mutex_destroy(&g->mu);
  free(g->p);
  free(g);
}

static uintptr_t end_of(const struct __ppar_rgroup *g, int i) {
  return i + 1 < g->n ? g->p[i + 1].lo : g->hi;
}

/* A piece boundary at x (inside the range); its index. Under g->mu. */
static int cut(struct __ppar_rgroup *g, uintptr_t x) {
  int i = 0;
  while (i + 1 < g->n && g->p[i + 1].lo <= x)
    i++;
  if (g->p[i].lo == x)
    return i;
  if (__ppar_vec_reserve(&g->p, &g->cap, (size_t)g->n + 1, sizeof *g->p))
    return -1;
  memmove(&g->p[i + 2], &g->p[i + 1], (size_t)(g->n - i - 1) * sizeof *g->p);
  g->p[i + 1] = (struct piece){x, g->p[i].holders};
  g->n++;
  return i + 1;
}

/* Neighbours with the same holders become one. Under g->mu. */
static void merge(struct __ppar_rgroup *g) {
  int k = 0;
  for (int i = 1; i < g->n; i++)
    if (g->p[i].holders != g->p[k].holders)
      g->p[++k] = g->p[i];
  g->n = k + 1;
}

/* The holders of [lo, hi) (clipped to the range) become (h & keep) | add. */
static int update(struct __ppar_rgroup *g, uintptr_t lo, uintptr_t hi,
                  unsigned keep, unsigned add) {
  if (lo < g->lo)
    lo = g->lo;
  if (hi > g->hi)
    hi = g->hi;
  if (lo >= hi)
    return PPAR_OK;
  pthread_mutex_lock(&g->mu);
  int rc = PPAR_OK;
  /* Room for both cuts first, so that a failure changes nothing. */
  if (__ppar_vec_reserve(&g->p, &g->cap, (size_t)g->n + 2, sizeof *g->p)) {
    rc = PPAR_ENOMEM;
  } else {
    int i = cut(g, lo), j = hi < g->hi ? cut(g, hi) : g->n;
    for (; i < j; i++)
      g->p[i].holders = (g->p[i].holders & keep) | add;
    merge(g);
  }
  pthread_mutex_unlock(&g->mu);
  return rc;
}

int __ppar_rgroup_all(struct __ppar_rgroup *g, uintptr_t lo, uintptr_t hi) {
  return update(g, lo, hi, 0, g->all);
}

int __ppar_rgroup_wrote(struct __ppar_rgroup *g, int copy, uintptr_t lo,
                        uintptr_t hi) {
  return update(g, lo, hi, 0, 1u << copy);
}

int __ppar_rgroup_got(struct __ppar_rgroup *g, int copy, uintptr_t lo,
                      uintptr_t hi) {
  return update(g, lo, hi, ~0u, 1u << copy);
}

int __ppar_rgroup_next(struct __ppar_rgroup *g, int copy, uintptr_t from,
                       uintptr_t hi, uintptr_t *a, uintptr_t *b,
                       unsigned *holders) {
  if (from < g->lo)
    from = g->lo;
  if (hi > g->hi)
    hi = g->hi;
  int found = 0;
  pthread_mutex_lock(&g->mu);
  for (int i = 0; i < g->n && !found; i++) {
    uintptr_t lo = g->p[i].lo, end = end_of(g, i);
    if (end <= from || lo >= hi ||
        (copy >= 0 && (g->p[i].holders >> copy & 1)))
      continue;
    *a = lo > from ? lo : from;
    *b = end < hi ? end : hi;
    *holders = g->p[i].holders;
    found = 1;
  }
  pthread_mutex_unlock(&g->mu);
  return found;
}
