/*
 * gpu_async.h - asynchronous GPU calls in flight and the waits for them
 * (gpu_async.c). Internal: nothing here is exported. See
 * docs/gpu-runtime.md, "Asynchronous calls".
 *
 * A call whose data is all resident and that returns nothing the host
 * needs ends without waiting for its stream (abi_gpu_call.c). Each thread
 * keeps a record of such calls until a wait: how many, the first and the
 * last (for the failure line), and one reference to each resident block
 * they use, so that ppar_to_host, ppar_device_free, ppar_to_device and
 * calls on other threads find who to wait for. The waits are explicit
 * (the functions below) or any successful wait for the thread's stream
 * (__ppar_gpu_sync), after which the record is emptied.
 *
 * Every function returns PPAR_OK (0) or a negative PPAR_E* code of ppar.h
 * unless it says otherwise. A failure of calls in flight is reported at
 * the wait as one line naming the first of them ("ppar: error: f (x.c:12):
 * the asynchronous GPU call failed: ...; seen at ppar_synchronize"): when
 * fatal the program ends with it (status 2), else it is printed, becomes
 * ppar_last_error and its code is returned.
 */
#ifndef PPAR_RT_GPU_ASYNC_H
#define PPAR_RT_GPU_ASYNC_H

#include "visibility.h"

struct __ppar_gpu_thread;  /* gpu_xfer.h */
struct __ppar_resident;    /* resident.h */
struct __ppar_rt_module;   /* ppar_rt_abi.h */

/* Records a call of m's function queued on t's stream that ended without
 * waiting; the n references in rs (resident blocks it uses, from
 * __ppar_resident_find) pass to the record. PPAR_ENOMEM (references
 * untouched): the caller must wait instead. */
PPAR_INTERNAL int __ppar_gpu_async_add(struct __ppar_gpu_thread *t,
                                       const struct __ppar_rt_module *m,
                                       struct __ppar_resident *const *rs,
                                       int n);

/* Calls of t (this thread's state) in flight. */
PPAR_INTERNAL int __ppar_gpu_async_pending(struct __ppar_gpu_thread *t);

/* Waits for t's calls in flight (t: this thread's state) because of who,
 * a string that lives as long as the process ("ppar_synchronize", or why a
 * call waits; by is then that call's module, else NULL). */
PPAR_INTERNAL int __ppar_gpu_async_wait(struct __ppar_gpu_thread *t,
                                        const char *who,
                                        const struct __ppar_rt_module *by,
                                        int fatal);

/* Waits for the calls in flight, of every thread but self (NULL: none
 * skipped), that use r. */
PPAR_INTERNAL int __ppar_gpu_async_wait_for(struct __ppar_resident *r,
                                            struct __ppar_gpu_thread *self,
                                            const char *who,
                                            const struct __ppar_rt_module *by,
                                            int fatal);

/* The next work queued on self's stream (this thread's state) runs after
 * the calls in flight of every other thread that use r, through an event
 * recorded on each of their streams (cuEventRecord, cuStreamWaitEvent):
 * no host wait. Calls of tasks that depend on each other through resident
 * data are ordered so on the GPU. A failure of those calls then shows at
 * self's next wait. Not PPAR_OK (nothing reported): the caller waits on
 * the host instead (__ppar_gpu_async_wait_for). */
PPAR_INTERNAL int __ppar_gpu_async_follow(struct __ppar_resident *r,
                                          struct __ppar_gpu_thread *self);

/* Waits for every thread's calls in flight (ppar_synchronize, exit). */
PPAR_INTERNAL int __ppar_gpu_async_wait_all(const char *who, int fatal);

/* A call of m is about to wait for t's stream for its own reason why
 * ("returns a value the host needs"): PPAR_VERBOSE=1 says so once per
 * reason when calls are in flight. */
PPAR_INTERNAL void __ppar_gpu_async_note(struct __ppar_gpu_thread *t,
                                         const struct __ppar_rt_module *m,
                                         const char *why);

#endif /* PPAR_RT_GPU_ASYNC_H */
