/*
 * task_place.h - which GPU a delayed task that calls GPU code runs on
 * (task_place.c; docs/multi-gpu.md, "Delayed tasks placed on devices").
 * The plugin marks such tasks (__PPAR_RT_TASK_GPU); where the process may
 * use two or more distinct devices, each runs with its thread's current
 * device set to the one holding most of its resident data, else to the
 * least busy one, and the thread's device back afterwards.
 */
#ifndef PPAR_RT_TASK_PLACE_H
#define PPAR_RT_TASK_PLACE_H

#include "ppar_rt_abi.h"
#include "visibility.h"

struct __ppar_rt_task;

/* While a task marked __PPAR_RT_TASK_GPU is created: with placement on,
 * t->device becomes the device of PPAR_DEVICES holding the latest version
 * of most bytes of its accesses acc[0..nacc), or -1 when none holds any or
 * several tie for the most (the least busy runs it); with placement off (one device, no GPU, no GPU code run) the flag
 * is cleared, so that running t costs nothing more. */
PPAR_INTERNAL void __ppar_place_plan(struct __ppar_rt_task *t,
                                     const struct __ppar_rt_access *acc,
                                     int nacc);

/* Right before t's function runs (t still marked): makes t->device, or
 * the least busy device when it is -1, this thread's current device, and
 * returns the device that was current, for __ppar_place_leave. */
PPAR_INTERNAL int __ppar_place_enter(struct __ppar_rt_task *t);
PPAR_INTERNAL void __ppar_place_leave(const struct __ppar_rt_task *t,
                                      int saved);

/* Whether this thread runs a placed task now: its GPU calls stay on its
 * device instead of being split across the device set (gpu_split.c). */
PPAR_INTERNAL int __ppar_place_here(void);

#endif /* PPAR_RT_TASK_PLACE_H */
