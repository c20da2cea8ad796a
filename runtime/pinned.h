/*
 * pinned.h - page-locked host memory that the program asks for
 * (ppar_host_alloc, ppar_host_register; pinned.c) and the table that tells
 * the copies (gpu_xfer.c) which host ranges are pinned. Internal: nothing
 * here is exported. See docs/gpu-runtime.md, "Pinned host memory".
 *
 * Every function returns PPAR_OK (0) or a negative PPAR_E* code of ppar.h
 * unless it says otherwise.
 */
#ifndef PPAR_RT_PINNED_H
#define PPAR_RT_PINNED_H

#include "visibility.h"

#include <stddef.h>

/* ppar_host_alloc, ppar_host_free, ppar_host_register and
 * ppar_host_unregister as ppar.h documents them (api_device.c). */
PPAR_INTERNAL void *__ppar_host_alloc(size_t bytes);
PPAR_INTERNAL void __ppar_host_free(void *p);
PPAR_INTERNAL int __ppar_host_register(void *p, size_t bytes);
PPAR_INTERNAL int __ppar_host_unregister(void *p);

/* Whether all of [p, p + n) lies in one pinned block in use (allocated or
 * registered): a copy of it may go straight to the DMA engine. */
PPAR_INTERNAL int __ppar_pinned_holds(const void *p, size_t n);

/* The length of the first piece of [p, p + n) that lies in one pinned
 * block, or in none: the driver refuses a copy whose pinned host side runs
 * past its block (ppar_host_alloc blocks side by side, merged into one
 * range by a call), so copies go piece by piece. n when nothing is pinned. */
PPAR_INTERNAL size_t __ppar_pinned_piece(const void *p, size_t n);

/* What pins memory: the driver's (cuMemHostAlloc, cuMemFreeHost,
 * cuMemHostRegister, cuMemHostUnregister) when a GPU is used, else none
 * (plain malloc). Tests set another one to drive the pool without a GPU;
 * NULL restores the default. Set before any allocation. */
struct __ppar_pinner {
  int (*alloc)(void **p, size_t bytes);
  void (*release)(void *p);
  int (*reg)(void *p, size_t bytes);
  int (*unreg)(void *p);
};
PPAR_INTERNAL void __ppar_pinned_use(const struct __ppar_pinner *pinner);

/* Counts for tests: blocks in use, free blocks kept, bytes of free blocks
 * kept, registered ranges. */
PPAR_INTERNAL void __ppar_pinned_stats(int *used, int *kept,
                                       size_t *kept_bytes, int *registered);

#endif /* PPAR_RT_PINNED_H */
