/*
 * gpu_async.c - the asynchronous GPU calls in flight on each thread's
 * stream, and the waits for them (gpu_async.h).
 *
 * A thread's record is created at its first asynchronous call and lives
 * with its GPU state (gpu_xfer.c). Only the owner thread adds to it; any
 * thread may empty it after waiting for the owner's stream (ppar_to_host of
 * data the owner's calls write, ppar_synchronize, exit), so it has a mutex.
 * Lock order: the thread list (__ppar_gpu_threads_each), then a record's
 * mutex, then the resident table (resident.c).
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "gpu_async.h"

#include "ppar_rt_abi.h"

#include "cuda_driver.h"
#include "error.h"
#include "gpu_xfer.h"
#include "resident.h"
#include "trace.h"
#include "vec.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct inflight {
  pthread_mutex_t mu;
  struct __ppar_gpu_thread *t;
  pthread_t owner;
  int ncalls; /* calls since the last wait; atomic for the owner's reads */
  const struct __ppar_rt_module *first, *last;
  struct __ppar_resident **held; /* distinct, one reference each */
  int nheld;
  size_t cap;
  __ppar_cu_event ev; /* recorded on other threads' streams; NULL until used */
  int followed; /* calls since the last wait that follow other streams */
};

static const char *or_unknown(const char *s) { return s ? s : "?"; }

/* Empties a's record after its stream was waited for. Under a->mu. */
static void retire(struct inflight *a) {
  for (int i = 0; i < a->nheld; i++)
    __ppar_resident_drop_inflight(a->held[i], a->t);
  a->nheld = 0;
  a->first = a->last = NULL;
  __atomic_store_n(&a->followed, 0, __ATOMIC_RELEASE);
  __atomic_store_n(&a->ncalls, 0, __ATOMIC_RELEASE);
}

/* ---- Hooks of the thread's GPU state ------------------------------------ */

static void synced(struct __ppar_gpu_thread *t) {
  struct inflight *a = __ppar_gpu_thread_async(t);
  if (!__atomic_load_n(&a->ncalls, __ATOMIC_ACQUIRE) &&
      !__atomic_load_n(&a->followed, __ATOMIC_ACQUIRE))
    return;
  pthread_mutex_lock(&a->mu);
  retire(a);
  pthread_mutex_unlock(&a->mu);
}

static void ended(struct __ppar_gpu_thread *t) {
  __ppar_gpu_async_wait(t, "the thread's exit", NULL, 1);
}

static void release(void *p) {
  struct inflight *a = p;
  if (a->ev)
    __ppar_cu()->event_destroy(a->ev);
  pthread_mutex_destroy(&a->mu);
  free(a->held);
  free(a);
}

static const struct __ppar_gpu_async_hooks hooks = {synced, ended, release};

/* At exit, the calls still in flight finish and a failure is reported: the
 * program's status says so even when nothing waited for them. */
static void wait_at_exit(void) {
  __ppar_gpu_async_wait_all("the program's exit", 1);
}

/* ppar_to_host and friends wait for the calls that use their data. */
static int wait_users(struct __ppar_resident *r, const char *who) {
  return __ppar_gpu_async_wait_for(r, NULL, who, NULL, 0);
}

static pthread_once_t exit_once = PTHREAD_ONCE_INIT;
static void register_exit(void) {
  __ppar_resident_set_waiter(wait_users);
  atexit(wait_at_exit);
}

static struct inflight *record_of(struct __ppar_gpu_thread *t) {
  struct inflight *a = __ppar_gpu_thread_async(t);
  if (a)
    return a;
  if (!(a = calloc(1, sizeof *a)))
    return NULL;
  pthread_mutex_init(&a->mu, NULL);
  a->t = t;
  a->owner = pthread_self();
  pthread_once(&exit_once, register_exit);
  __ppar_gpu_thread_set_async(t, a, &hooks);
  return a;
}

/* ---- Recording ---------------------------------------------------------- */

int __ppar_gpu_async_add(struct __ppar_gpu_thread *t,
                         const struct __ppar_rt_module *m,
                         struct __ppar_resident *const *rs, int n) {
  struct inflight *a = record_of(t);
  if (!a)
    return PPAR_ENOMEM;
  pthread_mutex_lock(&a->mu);
  /* Room first, so that a failure leaves every reference with the
   * caller. */
  if (__ppar_vec_reserve(&a->held, &a->cap, (size_t)(a->nheld + n),
                         sizeof *a->held)) {
    pthread_mutex_unlock(&a->mu);
    return PPAR_ENOMEM;
  }
  for (int i = 0; i < n; i++) {
    int have = 0;
    for (int j = 0; j < a->nheld && !have; j++)
      have = a->held[j] == rs[i];
    if (have) {
      __ppar_resident_release(rs[i]); /* one reference per record */
      continue;
    }
    __ppar_resident_hold_inflight(rs[i], t);
    a->held[a->nheld++] = rs[i];
  }
  if (!a->ncalls)
    a->first = m;
  a->last = m;
  __atomic_store_n(&a->ncalls, a->ncalls + 1, __ATOMIC_RELEASE);
  pthread_mutex_unlock(&a->mu);
  return PPAR_OK;
}

int __ppar_gpu_async_pending(struct __ppar_gpu_thread *t) {
  struct inflight *a = __ppar_gpu_thread_async(t);
  return a ? __atomic_load_n(&a->ncalls, __ATOMIC_ACQUIRE) : 0;
}

/* ---- Reporting ---------------------------------------------------------- */

/* PPAR_VERBOSE=1: one line per reason for the whole process. Reasons are
 * strings that live as long as the process: compared by address. */
static void log_once(const char *who, const struct __ppar_rt_module *by,
                     const struct __ppar_rt_module *first, int ncalls) {
  enum { MAX_REASONS = 32 };
  static const char *seen[MAX_REASONS];
  static int nseen;
  static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
  if (__ppar_config()->verbose < __PPAR_LOG_DECISIONS)
    return;
  pthread_mutex_lock(&mu);
  int fresh = 1;
  for (int i = 0; i < nseen && fresh; i++)
    fresh = seen[i] != who;
  if (fresh && nseen < MAX_REASONS)
    seen[nseen++] = who;
  pthread_mutex_unlock(&mu);
  if (!fresh)
    return;
  if (by)
    __ppar_log(__PPAR_LOG_DECISIONS,
               "%s (%s:%u): waits for %d asynchronous GPU call%s (the first "
               "of %s, %s:%u): the call %s",
               or_unknown(by->name), or_unknown(by->file), by->line, ncalls,
               ncalls == 1 ? "" : "s", or_unknown(first->name),
               or_unknown(first->file), first->line, who);
  else
    __ppar_log(__PPAR_LOG_DECISIONS,
               "waiting for %d asynchronous GPU call%s (the first of %s, "
               "%s:%u) at %s",
               ncalls, ncalls == 1 ? "" : "s", or_unknown(first->name),
               or_unknown(first->file), first->line, who);
}

/* The failure line of the calls first..last (ncalls of them) seen at a
 * wait; cause is the driver's error. */
static int report(const struct __ppar_rt_module *first,
                  const struct __ppar_rt_module *last, int ncalls,
                  int followed, const char *who,
                  const struct __ppar_rt_module *by, const char *cause,
                  int fatal) {
  char seen[256], more[400] = "";
  if (by)
    snprintf(seen, sizeof seen, "seen when %s (%s:%u) waited: the call %s",
             or_unknown(by->name), or_unknown(by->file), by->line, who);
  else
    snprintf(seen, sizeof seen, "seen at %s", who);
  if (ncalls > 1)
    snprintf(more, sizeof more,
             " (%d calls were in flight, from this one to %s (%s:%u): the "
             "failure may be in any of them)",
             ncalls, or_unknown(last->name), or_unknown(last->file),
             last->line);
  /* The stream waited on the device for other threads' streams: their
   * fault stops this stream too. */
  if (followed) {
    size_t len = strlen(more);
    snprintf(more + len, sizeof more - len,
             " (%s waited on the GPU for calls of other threads, which may "
             "have failed instead)",
             ncalls > 1 ? "they" : "it");
  }
  if (fatal)
    __ppar_die("%s (%s:%u): the asynchronous GPU call failed: %s; %s%s",
               or_unknown(first->name), or_unknown(first->file), first->line,
               cause, seen, more);
  int rc = __ppar_set_error(PPAR_EDRIVER,
                            "%s (%s:%u): the asynchronous GPU call failed: "
                            "%s; %s%s",
                            or_unknown(first->name), or_unknown(first->file),
                            first->line, cause, seen, more);
  __ppar_print_error("%s", __ppar_last_cause());
  return rc;
}

/* ---- Waiting ------------------------------------------------------------ */

/* Waits for a's calls in flight; from any thread. */
static int wait_record(struct inflight *a, const char *who,
                       const struct __ppar_rt_module *by, int fatal) {
  pthread_mutex_lock(&a->mu);
  int ncalls = a->ncalls, followed = __atomic_load_n(&a->followed,
                                                      __ATOMIC_ACQUIRE);
  const struct __ppar_rt_module *first = a->first, *last = a->last;
  if (!ncalls) {
    pthread_mutex_unlock(&a->mu);
    return PPAR_OK;
  }
  log_once(who, by, first, ncalls);
  int tracing = __ppar_trace_gpu_on();
  double t0 = tracing ? __ppar_trace_clock() : 0;
  char cause[400] = "";
  const struct __ppar_gpu_device *d = __ppar_gpu_thread_device(a->t);
  const struct __ppar_cu_api *cu = __ppar_cu();
  int own = pthread_equal(a->owner, pthread_self());
  int failed = 0;
  if (own) {
    /* The owner alone adds to the record: waiting without the lock lets
     * __ppar_gpu_sync empty it (and reclaim the thread's pinned buffer). */
    pthread_mutex_unlock(&a->mu);
    if (__ppar_gpu_sync(a->t) != PPAR_OK) {
      snprintf(cause, sizeof cause, "%s", __ppar_last_cause());
      failed = 1;
    }
    pthread_mutex_lock(&a->mu);
  } else {
    __ppar_cu_result cr = __ppar_gpu_make_current(d) == PPAR_OK
                              ? cu->stream_synchronize(
                                    __ppar_gpu_thread_stream(a->t))
                              : __PPAR_CU_ERROR_INVALID_VALUE;
    if (cr != __PPAR_CU_SUCCESS && cr != __PPAR_CU_ERROR_DEINITIALIZED) {
      char err[200];
      snprintf(cause, sizeof cause, "cuStreamSynchronize failed: %s",
               __ppar_cu_strerror(cr, err, sizeof err));
      failed = 1;
    }
  }
  /* At exit the driver may already be shut down: nothing is lost then. */
  if (failed && strstr(cause, "CUDA_ERROR_DEINITIALIZED"))
    failed = 0;
  retire(a);
  pthread_mutex_unlock(&a->mu);
  if (tracing)
    __ppar_trace_gpu("wait", who, by ? by->name : NULL, NULL, d->ordinal, t0,
                     __ppar_trace_clock(), -1);
  return failed ? report(first, last, ncalls, followed, who, by, cause, fatal)
                : PPAR_OK;
}

int __ppar_gpu_async_wait(struct __ppar_gpu_thread *t, const char *who,
                          const struct __ppar_rt_module *by, int fatal) {
  struct inflight *a = __ppar_gpu_thread_async(t);
  if (!a || !__atomic_load_n(&a->ncalls, __ATOMIC_ACQUIRE))
    return PPAR_OK;
  return wait_record(a, who, by, fatal);
}

struct wait_args {
  struct __ppar_resident *r; /* NULL: every record */
  struct __ppar_gpu_thread *self;
  const char *who;
  const struct __ppar_rt_module *by;
  int fatal;
  int rc; /* the first failure; every record is waited for all the same */
};

static int wait_one(struct __ppar_gpu_thread *t, void *arg) {
  struct wait_args *w = arg;
  struct inflight *a = __ppar_gpu_thread_async(t);
  if (!a || t == w->self || !__atomic_load_n(&a->ncalls, __ATOMIC_ACQUIRE))
    return 0;
  if (w->r) {
    pthread_mutex_lock(&a->mu);
    int uses = 0;
    for (int i = 0; i < a->nheld && !uses; i++)
      uses = a->held[i] == w->r;
    pthread_mutex_unlock(&a->mu);
    if (!uses)
      return 0;
  }
  /* A failure is reported and the next records are waited for too: a
   * record left in flight would end the program at its thread's exit. */
  int rc = wait_record(a, w->who, w->by, w->fatal);
  if (rc && !w->rc)
    w->rc = rc;
  return 0;
}

int __ppar_gpu_async_wait_for(struct __ppar_resident *r,
                              struct __ppar_gpu_thread *self, const char *who,
                              const struct __ppar_rt_module *by, int fatal) {
  if (!__ppar_resident_inflight(r, self))
    return PPAR_OK;
  struct wait_args w = {r, self, who, by, fatal, PPAR_OK};
  __ppar_gpu_threads_each(wait_one, &w);
  return w.rc;
}

int __ppar_gpu_async_wait_all(const char *who, int fatal) {
  struct wait_args w = {NULL, NULL, who, NULL, fatal, PPAR_OK};
  __ppar_gpu_threads_each(wait_one, &w);
  return w.rc;
}

/* ---- Waiting on the device ---------------------------------------------- */

struct follow_args {
  struct __ppar_resident *r;
  struct __ppar_gpu_thread *self;
  struct inflight *mine;
  int streams; /* streams followed */
};

/* If t's calls in flight use f->r, self's stream waits on the device for
 * what t's stream has queued so far. Non-zero on a driver failure. */
static int follow_one(struct __ppar_gpu_thread *t, void *arg) {
  struct follow_args *f = arg;
  struct inflight *a = __ppar_gpu_thread_async(t);
  if (!a || t == f->self || !__atomic_load_n(&a->ncalls, __ATOMIC_ACQUIRE))
    return 0;
  pthread_mutex_lock(&a->mu);
  int uses = 0;
  for (int i = 0; i < a->nheld && !uses; i++)
    uses = a->held[i] == f->r;
  int rc = 0;
  if (uses) {
    /* One event serves every wait: a stream waits for the event's most
     * recent record at the time of cuStreamWaitEvent, so recording it
     * again later changes nothing for waits already queued. Under a->mu,
     * so that the record is not emptied meanwhile (nothing would be lost,
     * the wait would only be longer). */
    const struct __ppar_cu_api *cu = __ppar_cu();
    rc = cu->event_record(f->mine->ev, __ppar_gpu_thread_stream(t)) !=
             __PPAR_CU_SUCCESS ||
         cu->stream_wait_event(__ppar_gpu_thread_stream(f->self),
                               f->mine->ev, 0) != __PPAR_CU_SUCCESS;
    f->streams += !rc;
  }
  pthread_mutex_unlock(&a->mu);
  return rc;
}

int __ppar_gpu_async_follow(struct __ppar_resident *r,
                            struct __ppar_gpu_thread *self) {
  if (!__ppar_resident_inflight(r, self))
    return PPAR_OK;
  struct inflight *mine = record_of(self);
  if (!mine)
    return PPAR_ENOMEM;
  if (!mine->ev && __ppar_cu()->event_create(&mine->ev,
                                             __PPAR_CU_EVENT_DISABLE_TIMING) !=
                       __PPAR_CU_SUCCESS) {
    mine->ev = NULL;
    return PPAR_EDRIVER;
  }
  int tracing = __ppar_trace_gpu_on();
  double t0 = tracing ? __ppar_trace_clock() : 0;
  struct follow_args f = {r, self, mine, 0};
  if (__ppar_gpu_threads_each(follow_one, &f))
    return PPAR_EDRIVER;
  if (f.streams)
    __atomic_store_n(&mine->followed, 1, __ATOMIC_RELEASE);
  if (tracing && f.streams)
    __ppar_trace_gpu("wait", "stream waits for another stream", NULL,
                     "cuStreamWaitEvent, no host wait",
                     __ppar_gpu_thread_device(self)->ordinal, t0,
                     __ppar_trace_clock(), -1);
  return PPAR_OK;
}

void __ppar_gpu_async_note(struct __ppar_gpu_thread *t,
                           const struct __ppar_rt_module *m, const char *why) {
  struct inflight *a = __ppar_gpu_thread_async(t);
  if (!a || !__atomic_load_n(&a->ncalls, __ATOMIC_ACQUIRE))
    return;
  pthread_mutex_lock(&a->mu);
  int ncalls = a->ncalls;
  const struct __ppar_rt_module *first = a->first;
  pthread_mutex_unlock(&a->mu);
  if (ncalls)
    log_once(why, m, first, ncalls);
}
