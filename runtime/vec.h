/*
 * vec.h - the runtime's one growable array: room for `need` elements in a
 * malloc'ed array whose capacity doubles, so n appends cost O(n).
 *
 * Arrays are a pointer, a count and a capacity kept by their owner; this
 * only makes room. It reports failure instead of dying, so that each
 * caller keeps its own out-of-memory path (a message naming what was
 * growing, or an error code). Internal: nothing here is exported.
 */
#ifndef PPAR_RT_VEC_H
#define PPAR_RT_VEC_H

#include "visibility.h"

#include <stddef.h>

/* Capacity of an array's first allocation, when need is smaller. */
#define __PPAR_VEC_MIN 8

/* *data_ptr (the address of any T * variable, NULL or malloc'ed, or equal
 * to fixed) gets room for need elements of elem bytes: the capacity
 * doubles until it holds need, and *cap is updated. fixed, when not NULL,
 * is storage that is not the heap's (an array inside a struct, on the
 * stack), used until the first growth: its *cap elements are copied to the
 * new array and it is left in place. Returns 0; -1 when memory runs out or
 * the size would overflow, with *data_ptr and *cap unchanged. */
PPAR_INTERNAL int __ppar_vec_grow(void *data_ptr, size_t *cap, size_t need,
                                  size_t elem, const void *fixed);

/* __ppar_vec_grow, where the array is already big enough in one compare. */
static inline int __ppar_vec_reserve(void *data_ptr, size_t *cap, size_t need,
                                     size_t elem) {
  return need <= *cap ? 0 : __ppar_vec_grow(data_ptr, cap, need, elem, NULL);
}

/* __ppar_vec_reserve, or the end of the program with "ppar: error: out of
 * memory growing the <what> to <need> entries": for arrays the runtime
 * cannot go on without. */
PPAR_INTERNAL void __ppar_vec_reserve_or_die(void *data_ptr, size_t *cap,
                                             size_t need, size_t elem,
                                             const char *what);

#endif /* PPAR_RT_VEC_H */
