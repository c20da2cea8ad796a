/*
 * record.h - recording a step of GPU calls once and replaying it as a CUDA
 * graph (record.c; ppar_record, ppar_replay, ppar_record_free of ppar.h).
 * Internal: nothing here is exported. See docs/gpu-runtime.md, "Record and
 * replay".
 *
 * While ppar_record runs its step, the recording thread's stream is
 * captured: the calls of the step that go in flight (all their data
 * resident, no value for the host) become nodes of the graph instead of
 * running. Anything that cannot be captured ends the capture where it
 * happens (__ppar_record_interrupt): what was captured so far is launched,
 * so it runs once as it would have, the rest of the step runs as usual,
 * and the recording replays by running its step again.
 */
#ifndef PPAR_RT_RECORD_H
#define PPAR_RT_RECORD_H

#include "cuda_driver.h"
#include "gpu_xfer.h"
#include "visibility.h"

#include <stdint.h>

struct __ppar_gpu_thread;  /* gpu_xfer.h */
struct __ppar_rt_module;   /* ppar_rt_abi.h */

/* ppar_record, ppar_replay and ppar_record_free, as ppar.h documents them
 * (api_record.c). */
struct ppar_recording; /* ppar.h's ppar_recording */
PPAR_INTERNAL int __ppar_record(struct ppar_recording **rec,
                                void (*step)(void *arg), void *arg);
PPAR_INTERNAL int __ppar_replay(struct ppar_recording *rec);
PPAR_INTERNAL void __ppar_record_free(struct ppar_recording *rec);

/* Whether some thread records: the cheap test (one load) before the hooks
 * below on paths every call takes. */
static inline int __ppar_record_any(void) {
  return __builtin_expect(
      __atomic_load_n(&__ppar_gpu_captures, __ATOMIC_RELAXED), 0);
}

/* Whether this thread's stream of device work is being captured. */
PPAR_INTERNAL int __ppar_record_capturing(void);

/* The capture of this thread ends here because the function name (file,
 * line; NULL name: the step itself) does what why says ("uses data that is
 * not resident"); see above. t: this thread's GPU state where the caller
 * has one (of any device: work on another device's stream is not captured
 * either), else NULL. Nothing when this thread is not capturing. */
PPAR_INTERNAL void __ppar_record_interrupt(struct __ppar_gpu_thread *t,
                                           const char *name, const char *file,
                                           unsigned line, const char *why);

/* A call of m was captured on t's stream (nothing when t is not the
 * captured thread's state), and it uses the resident range [lo, hi) at
 * device address dev (one note_use per range). */
PPAR_INTERNAL void __ppar_record_note_call(struct __ppar_gpu_thread *t,
                                           const struct __ppar_rt_module *m);
PPAR_INTERNAL void __ppar_record_note_use(struct __ppar_gpu_thread *t,
                                          uintptr_t lo, uintptr_t hi,
                                          __ppar_cu_deviceptr dev);

#endif /* PPAR_RT_RECORD_H */
