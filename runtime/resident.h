/*
 * resident.h - the current device of each thread and resident data
 * (resident.c): the work behind ppar.h's device API (api_device.c) and the
 * host copies of ppar_rt_abi.h (abi_host_copy.c). Internal: nothing here
 * is exported. See docs/gpu-runtime.md.
 *
 * Every function returns PPAR_OK (0) or a negative PPAR_E* code of ppar.h
 * unless it says otherwise.
 */
#ifndef PPAR_RT_RESIDENT_H
#define PPAR_RT_RESIDENT_H

#include "cuda_driver.h"
#include "visibility.h"

#include <stddef.h>
#include <stdint.h>

/* Host ranges made resident with ppar_to_device. A call that uses one holds
 * a reference, so ppar_device_free from another thread frees the device
 * memory only after the call ended. */
struct __ppar_resident;
struct __ppar_rt_host_use; /* ppar_rt_abi.h */

/* This thread's current device: 0 until __ppar_device_set changes it. */
PPAR_INTERNAL int __ppar_device_current(void);
/* Sets this thread's current device; a bad index sets ppar_last_error
 * ("ppar_set_device(d): no such device: ...") and changes nothing. */
PPAR_INTERNAL void __ppar_device_set(int dev);
/* Whether this thread has chosen its device (__ppar_device_set): with
 * several devices in the set, ppar_to_device copies to that one only, else
 * to every device of the set. */
PPAR_INTERNAL int __ppar_device_chosen(void);
/* For the runtime's own switches (a placed task, a split call's part):
 * enter sets dev as __ppar_device_set does and returns what leave needs to
 * put the thread's device, chosen or not, back. */
PPAR_INTERNAL int __ppar_device_enter(int dev);
PPAR_INTERNAL void __ppar_device_leave(int was);

/* ppar_to_device, ppar_to_host and ppar_device_free, as ppar.h documents
 * them (api_device.c). */
PPAR_INTERNAL int __ppar_to_device(const void *p, size_t bytes);
PPAR_INTERNAL int __ppar_to_host(void *host);
PPAR_INTERNAL int __ppar_device_free(const void *host);

/* __ppar_rt_host_copies, __ppar_rt_host_copy and __ppar_rt_host_done, as
 * ppar_rt_abi.h documents them (abi_host_copy.c). */
PPAR_INTERNAL int __ppar_host_copies(void);
PPAR_INTERNAL void *__ppar_host_copy(struct __ppar_rt_host_use **use,
                                     const void *base,
                                     const void *const *bounds, int n);
PPAR_INTERNAL void __ppar_host_done(struct __ppar_rt_host_use **use);

/* The resident block of device ordinal that holds all of [lo, hi), with a
 * reference taken; *dev is the device address of lo. NULL when none. With
 * one copy per slot of the device set: the copy of slot `part` for a part
 * of a split call, else (part < 0) the copy of the first slot with that
 * ordinal. */
PPAR_INTERNAL struct __ppar_resident *
__ppar_resident_find(int ordinal, int part, const void *lo, const void *hi,
                     __ppar_cu_deviceptr *dev);
/* r's slot of the device set, or -1 when r is the range's only copy; its
 * device ordinal. */
PPAR_INTERNAL int __ppar_resident_slot(const struct __ppar_resident *r);
PPAR_INTERNAL int __ppar_resident_ordinal(const struct __ppar_resident *r);

/* The copies of one range (several devices in the set, docs/multi-gpu.md).
 * stale: the first sub-range [*a, *b) of [from, hi) whose latest bytes are
 * not on r's copy, and the copy that holds them (a reference taken, to
 * release; one on r's device first), *src its device address of *a; NULL
 * when r is current there (always for an only copy). got: r's copy now
 * holds [lo, hi) too (fetched); wrote: r's copy alone holds the latest
 * [lo, hi) (a call wrote it). Nothing for an only copy. */
PPAR_INTERNAL struct __ppar_resident *
__ppar_resident_stale(struct __ppar_resident *r, uintptr_t from, uintptr_t hi,
                      uintptr_t *a, uintptr_t *b, __ppar_cu_deviceptr *src);
PPAR_INTERNAL int __ppar_resident_got(struct __ppar_resident *r, uintptr_t lo,
                                      uintptr_t hi);
PPAR_INTERNAL int __ppar_resident_wrote(struct __ppar_resident *r,
                                        uintptr_t lo, uintptr_t hi);
PPAR_INTERNAL void __ppar_resident_release(struct __ppar_resident *r);
/* The host bytes [lo, hi) that r holds. */
PPAR_INTERNAL void __ppar_resident_bounds(const struct __ppar_resident *r,
                                          const void **lo, const void **hi);

/* Asynchronous calls in flight (gpu_async.c). A thread whose calls in
 * flight use r holds one reference to it until they are waited for:
 * hold_inflight marks r as used by owner (the thread's state) keeping the
 * caller's reference, drop_inflight unmarks it and drops that reference.
 * inflight: whether a thread other than self (NULL: any thread) may have
 * calls in flight on r. */
PPAR_INTERNAL void __ppar_resident_hold_inflight(struct __ppar_resident *r,
                                                 const void *owner);
PPAR_INTERNAL void __ppar_resident_drop_inflight(struct __ppar_resident *r,
                                                 const void *owner);
PPAR_INTERNAL int __ppar_resident_inflight(struct __ppar_resident *r,
                                           const void *self);
/* What ppar_to_host, ppar_device_free and ppar_to_device call to wait for
 * the calls in flight that use r (gpu_async.c sets it before the first
 * call goes in flight; who names the API function). */
PPAR_INTERNAL void
__ppar_resident_set_waiter(int (*wait)(struct __ppar_resident *r,
                                       const char *who));

/* Adds to bytes[j], for each of the n device ordinals[j], how many bytes
 * of [lo, hi) that device holds the latest version of, resident (task
 * placement, task_place.c). */
PPAR_INTERNAL void __ppar_resident_bytes(const void *lo, const void *hi,
                                         const int *ordinals, int n,
                                         size_t *bytes);

/* Whether device ordinal holds resident data. */
PPAR_INTERNAL int __ppar_resident_on(int ordinal);

#endif /* PPAR_RT_RESIDENT_H */
