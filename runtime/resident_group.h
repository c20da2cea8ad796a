/*
 * resident_group.h - which copies of a resident range hold its latest
 * bytes (resident_group.c). Internal. With several devices in the set,
 * ppar_to_device keeps one copy of the range per slot (resident.c); this
 * map says, for each sub-range, the set of copies whose bytes are the
 * latest, so that a call reading a sub-range on one copy fetches it from
 * another only when it is stale there. See docs/multi-gpu.md.
 *
 * Copies are numbered 0 .. ncopies - 1 (at most 32); a set of copies is a
 * bit mask. Every function is thread-safe.
 */
#ifndef PPAR_RT_RESIDENT_GROUP_H
#define PPAR_RT_RESIDENT_GROUP_H

#include "visibility.h"

#include <stdint.h>

struct __ppar_rgroup;

/* The map of [lo, hi) with ncopies copies, every one holding the latest
 * bytes; NULL when out of memory. */
PPAR_INTERNAL struct __ppar_rgroup *__ppar_rgroup_new(uintptr_t lo,
                                                      uintptr_t hi,
                                                      int ncopies);
PPAR_INTERNAL void __ppar_rgroup_free(struct __ppar_rgroup *g);

/* Every copy holds the latest [lo, hi) (all copied from the host). */
PPAR_INTERNAL int __ppar_rgroup_all(struct __ppar_rgroup *g, uintptr_t lo,
                                    uintptr_t hi);
/* Copy `copy` alone holds the latest [lo, hi) (a call wrote it there). */
PPAR_INTERNAL int __ppar_rgroup_wrote(struct __ppar_rgroup *g, int copy,
                                      uintptr_t lo, uintptr_t hi);
/* Copy `copy` holds the latest [lo, hi) too (fetched from a holder). */
PPAR_INTERNAL int __ppar_rgroup_got(struct __ppar_rgroup *g, int copy,
                                    uintptr_t lo, uintptr_t hi);

/* The first sub-range [*a, *b) of [from, hi) whose holders (*holders, a
 * mask) all differ from `copy` (copy < 0: any sub-range, each with its
 * holders); 0 when there is none. Walk a range by calling again from *b. */
PPAR_INTERNAL int __ppar_rgroup_next(struct __ppar_rgroup *g, int copy,
                                     uintptr_t from, uintptr_t hi,
                                     uintptr_t *a, uintptr_t *b,
                                     unsigned *holders);

#endif /* PPAR_RT_RESIDENT_GROUP_H */
