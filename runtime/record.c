/*
 * record.c - the work of ppar_record, ppar_replay and ppar_record_free
 * (ppar.h, api_record.c): a
 * step of GPU calls captured once into a CUDA graph (cuStreamBeginCapture,
 * cuStreamEndCapture, cuGraphInstantiate) and replayed with one
 * cuGraphLaunch; without a GPU, without stream capture in the driver, or
 * when the step did something that cannot be captured, a replay runs the
 * step again, which is also what ppar.h does without the plugin (record.h).
 *
 * Why a graph: a replay queues the step's kernels with one launch instead
 * of one launch (and its host-side work) per call.
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "record.h"

#include "ppar_rt_abi.h"

#include "config.h"
#include "cuda_driver.h"
#include "error.h"
#include "gpu_async.h"
#include "gpu_xfer.h"
#include "resident.h"
#include "trace.h"
#include "vec.h"

#include <stdlib.h>
#include <string.h>

struct use { /* a resident range the graph's kernels use */
  uintptr_t lo, hi;
  __ppar_cu_deviceptr dev;
};

struct ppar_recording {
  void (*step)(void *arg);
  void *arg;
  int ordinal;
  struct __ppar_gpu_thread *t; /* the recording thread's, while capturing */
  __ppar_cu_graph_exec exec;   /* NULL: a replay runs the step again */
  const struct __ppar_rt_module *first; /* the first call, for messages */
  int ncalls;
  struct use *uses;
  int nuses;
  size_t cap;
  struct __ppar_resident **refs; /* a replay's references */
  size_t capref;
};

static _Thread_local struct ppar_recording *capturing; /* this thread's */

int __ppar_record_capturing(void) { return capturing != NULL; }

static const char *or_unknown(const char *s) { return s ? s : "?"; }

/* Ends this thread's capture: the graph of what was captured, instantiated
 * (NULL when nothing was, or on a failure, with *bad set). */
static __ppar_cu_graph_exec end_capture(struct ppar_recording *r, int *bad) {
  const struct __ppar_cu_api *cu = __ppar_cu();
  capturing = NULL;
  __atomic_fetch_sub(&__ppar_gpu_captures, 1, __ATOMIC_ACQ_REL);
  __ppar_cu_graph graph = NULL;
  __ppar_cu_graph_exec exec = NULL;
  __ppar_cu_result rc =
      cu->stream_end_capture(__ppar_gpu_thread_stream(r->t), &graph);
  *bad = 0;
  if (rc != __PPAR_CU_SUCCESS) {
    __ppar_cu_fail(rc, "cuStreamEndCapture");
    *bad = 1;
    return NULL;
  }
  if (r->ncalls &&
      (rc = cu->graph_instantiate(&exec, graph, 0)) != __PPAR_CU_SUCCESS) {
    __ppar_cu_fail(rc, "cuGraphInstantiate");
    exec = NULL;
    *bad = 1;
  }
  cu->graph_destroy(graph);
  return exec;
}

/* The captured calls did not run and cannot: their results are lost. */
static void lost(struct ppar_recording *r) {
  __ppar_die("ppar_record: the GPU calls of the step (the first: %s, %s:%u) "
             "were captured but cannot run: %s",
             r->first ? or_unknown(r->first->name) : "?",
             r->first ? or_unknown(r->first->file) : "?",
             r->first ? r->first->line : 0, __ppar_last_cause());
}

void __ppar_record_interrupt(struct __ppar_gpu_thread *t, const char *name,
                             const char *file, unsigned line,
                             const char *why) {
  struct ppar_recording *r = capturing;
  (void)t; /* this thread's state, of the captured device or another */
  if (!r)
    return;
  int bad;
  __ppar_cu_graph_exec exec = end_capture(r, &bad);
  if (bad)
    lost(r);
  /* What was captured runs now, once, as it would have without the
   * recording; its calls are already in the thread's record of calls in
   * flight (they went in flight when captured). */
  if (exec) {
    __ppar_cu_result rc =
        __ppar_cu()->graph_launch(exec, __ppar_gpu_thread_stream(r->t));
    __ppar_cu()->graph_exec_destroy(exec);
    if (rc != __PPAR_CU_SUCCESS) {
      __ppar_cu_fail(rc, "cuGraphLaunch");
      lost(r);
    }
  }
  if (name && file)
    __ppar_log(__PPAR_LOG_DECISIONS,
               "ppar_record: %s (%s:%u) %s: a replay runs the step again",
               name, file, line, why);
  else if (name)
    __ppar_log(__PPAR_LOG_DECISIONS,
               "ppar_record: %s %s: a replay runs the step again", name, why);
  else
    __ppar_log(__PPAR_LOG_DECISIONS,
               "ppar_record: the step %s: a replay runs it again", why);
}

/* A copy or a wait in gpu_xfer.c meets a capture. */
static void break_hook(struct __ppar_gpu_thread *t, const char *fn,
                       const char *why) {
  __ppar_record_interrupt(t, fn, NULL, 0, why);
}

void __ppar_record_note_call(struct __ppar_gpu_thread *t,
                             const struct __ppar_rt_module *m) {
  struct ppar_recording *r = capturing;
  if (!r)
    return;
  if (t != r->t) { /* ppar_set_device in the step: another stream */
    __ppar_record_interrupt(t, m->name, m->file, m->line,
                            "runs on another device");
    return;
  }
  if (!r->ncalls++)
    r->first = m;
}

void __ppar_record_note_use(struct __ppar_gpu_thread *t, uintptr_t lo,
                            uintptr_t hi, __ppar_cu_deviceptr dev) {
  struct ppar_recording *r = capturing;
  if (!r || t != r->t)
    return;
  for (int i = 0; i < r->nuses; i++)
    if (r->uses[i].lo == lo && r->uses[i].hi == hi && r->uses[i].dev == dev)
      return;
  if (__ppar_vec_reserve(&r->uses, &r->cap, (size_t)r->nuses + 1,
                         sizeof *r->uses)) {
    /* Without the list a replay could not hold the data: stop here. */
    __ppar_record_interrupt(t, NULL, NULL, 0, "ran out of memory");
    return;
  }
  r->uses[r->nuses++] = (struct use){lo, hi, dev};
}

/* ---- ppar_record, ppar_replay, ppar_record_free ----------------------------- */

/* Whether this thread can capture its stream on its current device; the
 * stream is created when it is. */
static struct __ppar_gpu_thread *capture_thread(int ordinal) {
  const struct __ppar_cu_api *cu = __ppar_cu();
  if (!cu || !cu->stream_begin_capture || !cu->stream_end_capture ||
      !cu->graph_instantiate || !cu->graph_launch ||
      !cu->graph_exec_destroy || !cu->graph_destroy)
    return NULL;
  const struct __ppar_config *cfg = __ppar_config();
  if (cfg->disable_jit || cfg->check)
    return NULL; /* every call runs on the CPU */
  return __ppar_gpu_thread(ordinal);
}

int __ppar_record(ppar_recording **rec, void (*step)(void *arg), void *arg) {
  if (!rec || !step)
    return __ppar_set_error(PPAR_EINVAL, "ppar_record: %s is NULL",
                            rec ? "step" : "rec");
  *rec = NULL;
  if (capturing)
    return __ppar_set_error(PPAR_EINVAL,
                            "ppar_record inside the step of another "
                            "ppar_record");
  struct ppar_recording *r = calloc(1, sizeof *r);
  if (!r)
    return __ppar_set_error(PPAR_ENOMEM, "ppar_record: out of memory");
  r->step = step;
  r->arg = arg;
  r->ordinal = __ppar_device_current();
  struct __ppar_gpu_thread *t = capture_thread(r->ordinal);
  /* Nothing in flight anywhere: the step's calls are then ordered after
   * everything before by the capture alone (a wait on another stream
   * cannot be captured). */
  int rc = t ? __ppar_gpu_async_wait_all("ppar_record", 0) : PPAR_OK;
  if (t && rc == PPAR_OK &&
      __ppar_cu()->stream_begin_capture(__ppar_gpu_thread_stream(t),
                                        __PPAR_CU_CAPTURE_RELAXED) ==
          __PPAR_CU_SUCCESS) {
    r->t = t;
    __ppar_gpu_on_capture_break(break_hook);
    __atomic_fetch_add(&__ppar_gpu_captures, 1, __ATOMIC_ACQ_REL);
    capturing = r;
  }
  step(arg);
  if (capturing == r) {
    int bad;
    r->exec = end_capture(r, &bad);
    if (bad)
      lost(r);
    if (r->exec) {
      /* The first run of the step. */
      __ppar_cu_result cr =
          __ppar_cu()->graph_launch(r->exec, __ppar_gpu_thread_stream(t));
      if (cr != __PPAR_CU_SUCCESS) {
        __ppar_cu_fail(cr, "cuGraphLaunch");
        lost(r);
      }
      __ppar_log(__PPAR_LOG_DECISIONS,
                 "ppar_record: %d GPU call%s (the first: %s, %s:%u) "
                 "captured into a CUDA graph",
                 r->ncalls, r->ncalls == 1 ? "" : "s",
                 or_unknown(r->first->name), or_unknown(r->first->file),
                 r->first->line);
    } else {
      __ppar_log(__PPAR_LOG_DECISIONS, "ppar_record: the step made no GPU "
                                       "call: a replay runs it again");
    }
  }
  r->t = NULL;
  *rec = r;
  return rc;
}

/* A replay's references to the resident data, checked where the recording
 * saw it; the number of them, or a negative code (nothing held, error
 * set). */
static int hold_uses(struct ppar_recording *r) {
  if (__ppar_vec_reserve(&r->refs, &r->capref, (size_t)r->nuses,
                         sizeof *r->refs))
    return __ppar_set_error(PPAR_ENOMEM, "ppar_replay: out of memory");
  for (int i = 0; i < r->nuses; i++) {
    __ppar_cu_deviceptr dev = 0;
    struct __ppar_resident *res =
        __ppar_resident_find(r->ordinal, -1, (const void *)r->uses[i].lo,
                             (const void *)r->uses[i].hi, &dev);
    if (!res || dev != r->uses[i].dev) {
      if (res)
        __ppar_resident_release(res);
      for (int j = 0; j < i; j++)
        __ppar_resident_release(r->refs[j]);
      return __ppar_set_error(PPAR_EINVAL,
                       "ppar_replay: the resident data at %p (%zu bytes) that "
                       "the recorded calls use is no longer on the device "
                       "where it was recorded (ppar_device_free, or "
                       "ppar_to_device again?): record the step again",
                       (void *)r->uses[i].lo,
                       (size_t)(r->uses[i].hi - r->uses[i].lo));
    }
    r->refs[i] = res;
  }
  return r->nuses;
}

int __ppar_replay(ppar_recording *r) {
  if (!r)
    return __ppar_set_error(PPAR_EINVAL, "ppar_replay: no recording");
  if (!r->exec) {
    r->step(r->arg);
    return PPAR_OK;
  }
  if (capturing)
    __ppar_record_interrupt(NULL, NULL, NULL, 0,
                            "replays another recording");
  struct __ppar_gpu_thread *t = __ppar_gpu_thread(r->ordinal);
  if (!t)
    return PPAR_ENODEV;
  int n = hold_uses(r);
  if (n < 0) {
    __ppar_print_error("%s", __ppar_last_cause());
    return n;
  }
  /* Calls in flight on other threads' streams that use the same data come
   * first, on the device when the driver allows. */
  for (int i = 0; i < n; i++)
    if (__ppar_resident_inflight(r->refs[i], t) &&
        __ppar_gpu_async_follow(r->refs[i], t) != PPAR_OK)
      __ppar_gpu_async_wait_for(r->refs[i], t, "replays calls that use "
                                               "resident data in flight on "
                                               "another thread",
                                r->first, 1);
  int tracing = __ppar_trace_gpu_on();
  double t0 = tracing ? __ppar_trace_clock() : 0;
  __ppar_cu_result cr =
      __ppar_cu()->graph_launch(r->exec, __ppar_gpu_thread_stream(t));
  if (tracing)
    __ppar_trace_gpu("launch", "replay (CUDA graph)", r->first->name,
                     "asynchronous", r->ordinal, t0, __ppar_trace_clock(), -1);
  if (cr != __PPAR_CU_SUCCESS) {
    for (int i = 0; i < n; i++)
      __ppar_resident_release(r->refs[i]);
    int code = __ppar_cu_fail(cr, "ppar_replay: cuGraphLaunch");
    __ppar_print_error("%s", __ppar_last_cause());
    return code;
  }
  /* In flight like an asynchronous call, named by the first call. */
  if (__ppar_gpu_async_add(t, r->first, r->refs, n) != PPAR_OK) {
    int rc = __ppar_gpu_sync(t);
    for (int i = 0; i < n; i++)
      __ppar_resident_release(r->refs[i]);
    return rc;
  }
  return PPAR_OK;
}

void __ppar_record_free(ppar_recording *r) {
  if (!r)
    return;
  /* Launches still queued finish first (the driver keeps what they use). */
  if (r->exec)
    __ppar_cu()->graph_exec_destroy(r->exec);
  free(r->uses);
  free(r->refs);
  free(r);
}
