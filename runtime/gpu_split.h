/*
 * gpu_split.h - one GPU call split across the devices of PPAR_DEVICES
 * (gpu_split.c). Internal: what the call layer (abi_gpu_call.c) asks of a
 * split while one of its parts runs on this thread. See docs/multi-gpu.md.
 */
#ifndef PPAR_RT_GPU_SPLIT_H
#define PPAR_RT_GPU_SPLIT_H

#include "visibility.h"

#include <stdint.h>

struct __ppar_rt_module;
struct __ppar_rt_gpu_part;
struct __ppar_split_part;

/* __ppar_rt_gpu_parts and __ppar_rt_gpu_split (ppar_rt_abi.h). */
PPAR_INTERNAL int __ppar_split_parts(void);
PPAR_INTERNAL int
__ppar_split_run(struct __ppar_rt_module *m, long long n, long long total,
                 int (*fn)(void *env, const struct __ppar_rt_gpu_part *p),
                 void *env);

/* The part this thread runs now, or NULL (every call outside a split). */
PPAR_INTERNAL struct __ppar_split_part *__ppar_split_current(void);

/* The part's device ordinal, index and count, for messages. */
PPAR_INTERNAL void __ppar_split_where(const struct __ppar_split_part *p,
                                      int *device, int *part, int *parts);

/* copy_in of the part's call: the bytes [lo, hi) it will write (copy out,
 * or write in its copy of resident data). */
PPAR_INTERNAL int __ppar_split_write(struct __ppar_split_part *p, uintptr_t lo,
                                     uintptr_t hi);

/* Waits until every part has reached the same step (0: copy_in, its
 * written ranges given; 1: end, its kernels finished), ok saying whether
 * this one can go on. 0 when all can; PPAR_ENOTSUP when the split is
 * declined (written ranges of two parts overlap, or a part finds resident
 * data with one copy only: ok == PPAR_ENOTSUP), or the first failing
 * part's code. A part that
 * returns early counts as failed at every step it did not reach. */
PPAR_INTERNAL int __ppar_split_step(struct __ppar_split_part *p, int step,
                                    int ok);

#endif /* PPAR_RT_GPU_SPLIT_H */
