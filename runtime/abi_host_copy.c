/*
 * abi_host_copy.c - the host copies of functions with a GPU variant
 * (ppar_rt_abi.h, "Host copies"): where no GPU code runs, such a function
 * computes on the host copy of resident data, as its GPU variant would on
 * the device copy. The table is resident.c's.
 */
#include "ppar_rt_abi.h"

#include "resident.h"
#include "visibility.h"

PPAR_ABI int __ppar_rt_host_copies(void) { return __ppar_host_copies(); }

PPAR_ABI void *__ppar_rt_host_copy(struct __ppar_rt_host_use **use,
                                   const void *base,
                                   const void *const *bounds, int n) {
  return __ppar_host_copy(use, base, bounds, n);
}

PPAR_ABI void __ppar_rt_host_done(struct __ppar_rt_host_use **use) {
  __ppar_host_done(use);
}
