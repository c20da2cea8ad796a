/*
 * vec.c - growing the runtime's arrays (vec.h).
 */
#include "vec.h"

#include "message.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int __ppar_vec_grow(void *data_ptr, size_t *cap, size_t need, size_t elem,
                    const void *fixed) {
  if (need <= *cap)
    return 0;
  size_t c = *cap ? *cap : __PPAR_VEC_MIN;
  while (c < need) {
    if (c > SIZE_MAX / 2)
      return -1;
    c *= 2;
  }
  if (elem && c > SIZE_MAX / elem)
    return -1;
  /* Any T * has the representation of a void * here (as on every platform
   * the runtime supports); memcpy reads and writes it without breaking the
   * aliasing rules. */
  void *old;
  memcpy(&old, data_ptr, sizeof old);
  void *p;
  if (fixed && old == fixed) {
    p = malloc(c * elem);
    if (p && *cap)
      memcpy(p, fixed, *cap * elem);
  } else {
    p = realloc(old, c * elem);
  }
  if (!p)
    return -1;
  memcpy(data_ptr, &p, sizeof p);
  *cap = c;
  return 0;
}

void __ppar_vec_reserve_or_die(void *data_ptr, size_t *cap, size_t need,
                               size_t elem, const char *what) {
  if (__ppar_vec_reserve(data_ptr, cap, need, elem))
    __ppar_die("out of memory growing the %s to %zu entries", what, need);
}
