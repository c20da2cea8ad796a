/*
 * dist_dir.h - the directory of the distributed runtime (dist_dir.c): for
 * each range of memory a task has written, which ranks hold its latest
 * version and which rank sends it (docs/distributed.md).
 *
 * Every rank keeps its own directory, over its own addresses, and changes
 * it in the same way at the same points (task creation and the program's
 * waits, which every rank makes in the same order), so the directories of
 * all ranks say the same thing about corresponding ranges. Memory no entry
 * covers is the same on every rank (the program wrote it on all of them).
 * Ranges are ordered by address, which differs between ranks; an entry's
 * place in a rank-independent order is (oid, lo - base): the number of the
 * range that first made it and its offset there. Not thread-safe: only the
 * thread that creates top-level tasks changes it.
 */
#ifndef PPAR_RT_DIST_DIR_H
#define PPAR_RT_DIST_DIR_H

#include "visibility.h"

#include <stddef.h>
#include <stdint.h>

struct __ppar_dir_entry {
  uintptr_t lo, hi;  /* [lo, hi) on this rank                          */
  uint64_t valid;    /* bit q: rank q has the latest version           */
  int holder;        /* the rank that wrote it last, which sends it    */
  uint64_t oid;      /* rank-independent order: the range that made it */
  uintptr_t base;    /*   and its start                                */
  uint64_t wseq;     /* the number of the task that wrote it last      */
};

/* Entries are split so that none straddles lo or hi; returns the index of
 * the first entry overlapping [lo, hi) and sets *end past the last. */
PPAR_INTERNAL size_t __ppar_dir_range(uintptr_t lo, uintptr_t hi, size_t *end);

/* Like __ppar_dir_range, after adding entries (valid on no rank yet, holder
 * -1) for the parts of [lo, hi) no entry covered: with oid and base when
 * oid is not 0 (the object they lie in), else a new oid each. */
PPAR_INTERNAL size_t __ppar_dir_cover(uintptr_t lo, uintptr_t hi, uint64_t oid,
                                      uintptr_t base, size_t *end);

/* Joins entries [i, end) with each other and with their neighbours where
 * they are contiguous with the same holder, ranks and origin (oid, base);
 * a joined entry keeps the latest wseq. Indices after i - 1 change. */
PPAR_INTERNAL void __ppar_dir_join(size_t i, size_t end);

/* The common write of a task per element, in O(log n): when the entry
 * just before [lo, hi) ends at lo with this holder and these ranks, and
 * [lo, hi) is either new (no entry covers any of it; oid and base: the
 * origin it would take, 0 for a new one) or the start of one entry of the
 * same origin, that entry grows over [lo, hi) with wseq, as covering,
 * marking and joining would make it. Returns whether it did. */
PPAR_INTERNAL int __ppar_dir_extend(uintptr_t lo, uintptr_t hi, int holder,
                                    uint64_t valid, uint64_t oid,
                                    uintptr_t base, uint64_t wseq);

/* The first entry that ends above address a (it may start above it too),
 * NULL if none; nothing is split. */
PPAR_INTERNAL struct __ppar_dir_entry *__ppar_dir_first_above(uintptr_t a);

/* The entry containing address a, NULL if none. */
PPAR_INTERNAL struct __ppar_dir_entry *__ppar_dir_find(uintptr_t a);

/* Entry i (0 <= i < __ppar_dir_count()); valid until the next change. */
PPAR_INTERNAL struct __ppar_dir_entry *__ppar_dir_at(size_t i);
PPAR_INTERNAL size_t __ppar_dir_count(void);

#endif /* PPAR_RT_DIST_DIR_H */
