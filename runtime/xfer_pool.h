/*
 * xfer_pool.h - a parallel memcpy for the GPU transfers (xfer_pool.c).
 *
 * Staging a large host<->device copy through pinned buffers is bounded by
 * the memcpy between the user's pageable memory and the pinned buffer: one
 * thread moves about 9 GB/s on the H100 machine, the DMA 55 GB/s. This
 * splits one memcpy over the caller and helper threads of a small
 * process-wide pool. No CUDA here: it can be tested without a GPU.
 * Internal: nothing here is exported. See docs/gpu-runtime.md.
 */
#ifndef PPAR_RT_XFER_POOL_H
#define PPAR_RT_XFER_POOL_H

#include "visibility.h"

#include <stddef.h>

/* Most threads one copy uses (the caller and 15 helpers). */
#define __PPAR_XFER_MAX_THREADS 16

/* Copy n bytes from src to dst (not overlapping) with up to `threads`
 * threads: the caller and threads-1 helpers of the pool, started on first
 * need. The caller copies whatever the helpers do not take, so the copy
 * completes even when no helper can be started or the pool was stopped;
 * it returns when every byte is copied. Thread-safe: several callers share
 * the helpers, each waiting for its own bytes only. */
PPAR_INTERNAL void __ppar_xfer_copy(void *dst, const void *src, size_t n,
                                    int threads);

/* The number of threads a copy uses by default: min(12, 3/4 of the
 * cores), at least 1 (measured on the H100 machine, docs/gpu-runtime.md). */
PPAR_INTERNAL int __ppar_xfer_default_threads(void);

/* Helper threads running now (for tests). */
PPAR_INTERNAL int __ppar_xfer_pool_size(void);

/* Stop the helpers and join them (also done at exit). Copies running at
 * the time finish on their callers; a later copy starts helpers again. */
PPAR_INTERNAL void __ppar_xfer_pool_stop(void);

#endif /* PPAR_RT_XFER_POOL_H */
