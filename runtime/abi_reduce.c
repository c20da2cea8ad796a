/*
 * abi_reduce.c - memory for the partial results of jit(reproducible)
 * reductions: one slot per fixed-size chunk of a loop, combined by the
 * generated code in a fixed tree after the loop (docs/reductions.md).
 */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include "error.h"
#include "visibility.h"

#include <stdlib.h>

PPAR_ABI void *__ppar_rt_partials(long long count, __SIZE_TYPE__ size) {
  size_t n = count > 0 ? (size_t)count : 1;
  void *p = n <= (size_t)-1 / size ? malloc(n * size) : NULL;
  if (!p)
    __ppar_die("out of memory for the partial results of a reproducible "
               "reduction (%lld chunks)",
               count);
  return p;
}

PPAR_ABI void __ppar_rt_partials_free(void *p) { free(p); }
