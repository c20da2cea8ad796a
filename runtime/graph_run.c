/*
 * graph_run.c - running the task graph (graph_run.h): requesting a task
 * requests its predecessors; a task is handed to the scheduler when it is
 * requested and all its predecessors have finished (count reaches 0);
 * running it makes its successors ready; what a thread is running (the
 * innermost task on its stack, task.h) is set here.
 */
#include "graph_run.h"

#include "ppar_rt_abi.h"

#include "gil.h"
#include "graph_dot.h"
#include "message.h"
#include "scheduler.h"
#include "task.h"
#include "task_place.h"
#include "trace.h"
#include "vec.h"

#include <stdlib.h>
#include <string.h>

int __ppar_task_precedes_here(const struct __ppar_rt_task *t) {
  return __ppar_task_precedes(t, __ppar_task_running);
}

static int is_done(void *t) { return __ppar_task_is_done(t); }

/* While a thread requests tasks (a task and its ancestors, or many at
 * once), those that become ready are handed to the scheduler BATCH at a
 * time: one trip to a queue instead of one per task. They also go after
 * every BATCH tasks requested, ready or not, so that the first ready task
 * of a long chain is not held back until the whole chain is requested. */
enum { BATCH = 64 };
static _Thread_local struct {
  int on, n, seen;
  struct __ppar_rt_task *v[BATCH];
} batch;

/* Copied out first: submitting may run tasks here (after shutdown) that
 * request more. */
static void flush_batch(void) {
  struct __ppar_rt_task *v[BATCH];
  size_t n = (size_t)batch.n;
  batch.seen = 0;
  if (!n)
    return;
  memcpy(v, batch.v, n * sizeof *v);
  batch.n = 0;
  __ppar_sched->submit_many(v, n);
}

/* Starts batching; returns whether an outer caller already had, in which
 * case batch_end leaves the flush to it. */
static int batch_begin(void) {
  int outer = batch.on;
  batch.on = 1;
  return outer;
}

/* One more task requested. */
static void batch_tick(void) {
  if (++batch.seen >= BATCH)
    flush_batch();
}

static void batch_end(int outer) {
  if (outer)
    return;
  flush_batch();
  batch.on = 0;
}

static void ready_if_zero(struct __ppar_rt_task *t) {
  if (__atomic_sub_fetch(&t->count, 1, __ATOMIC_ACQ_REL) != 0)
    return;
  if (!batch.on) {
    __ppar_sched->submit(t);
    return;
  }
  batch.v[batch.n++] = t;
  if (batch.n == BATCH)
    flush_batch();
}

void __ppar_task_created(struct __ppar_rt_task *t) { ready_if_zero(t); }

void __ppar_task_finish_elsewhere(struct __ppar_rt_task *t) {
  /* No predecessor, successor, waiter, list or scope holds it yet: the
   * tokens and references of task.c's creation go in plain stores. The
   * future's reference is released by the generated code as always. */
  t->count = 0;
  t->requested = 1;
  t->running = 1;
  t->refs = 1;
  __atomic_store_n(&t->done, 1, __ATOMIC_RELEASE);
}

/* Requests t and its unrequested ancestors. If hold_ready and t itself
 * becomes ready here, it is not submitted: returns 1, and the caller runs
 * it (nothing else can, it was never queued). */
static int request(struct __ppar_rt_task *t, int hold_ready) {
  if (__atomic_load_n(&t->requested, __ATOMIC_ACQUIRE))
    return 0; /* and so are its ancestors, by whoever requested it */
  /* Iterative: a chain of a million lazy tasks must not need a million
   * stack frames. Each entry holds a reference. */
  struct __ppar_rt_task *local[64], **st = local;
  size_t n = 0, cap = 64;
  int held = 0, outer = batch_begin();
  __ppar_task_ref(t);
  st[n++] = t;
  while (n) {
    struct __ppar_rt_task *x = st[--n];
    if (!__atomic_exchange_n(&x->requested, 1, __ATOMIC_ACQ_REL)) {
      for (int i = 0; i < x->npred; i++) {
        struct __ppar_rt_task *p = x->pred[i];
        if (__atomic_load_n(&p->requested, __ATOMIC_ACQUIRE))
          continue;
        if (n == cap && __ppar_vec_grow(&st, &cap, n + 1, sizeof *st, local))
          __ppar_die("out of memory requesting a task graph");
        __ppar_task_ref(p);
        st[n++] = p;
      }
      /* the "not requested" token */
      if (x == t && hold_ready)
        held = __atomic_sub_fetch(&x->count, 1, __ATOMIC_ACQ_REL) == 0;
      else
        ready_if_zero(x);
      batch_tick();
    }
    __ppar_task_unref(x);
  }
  if (st != local)
    free(st);
  batch_end(outer);
  return held;
}

void __ppar_task_request(struct __ppar_rt_task *t) { request(t, 0); }

void __ppar_task_request_many(struct __ppar_rt_task *const *ts, size_t n) {
  if (!n)
    return; /* nothing, and maybe no scheduler yet (no task ever made) */
  int outer = batch_begin();
  for (size_t i = 0; i < n; i++)
    if (ts[i])
      request(ts[i], 0);
  batch_end(outer);
}

/* Requests t; if that makes t ready, runs it right here, as libomp runs an
 * undeferred task: no queue, no wake-up. A task that holds the global lock
 * lets it go meanwhile, as in __ppar_task_wait. Returns whether it ran. */
int __ppar_task_request_run(struct __ppar_rt_task *t) {
  if (!request(t, 1))
    return 0;
  if (t->dist_messages) {
    /* Under MPI its messages come first (dist_sched.c). */
    __ppar_sched->submit(t);
    return 0;
  }
  int held = __ppar_gil_release_if_held();
  __ppar_task_execute(t);
  if (held)
    __ppar_gil_lock();
  return 1;
}

void __ppar_task_request_wait(struct __ppar_rt_task *t) {
  if (!__ppar_task_request_run(t))
    __ppar_task_wait(t);
}

void *__ppar_task_force(struct __ppar_rt_task *t) {
  if (!t)
    __ppar_die("internal error: __ppar_rt_task_force of no task; the plugin "
               "generated bad code, please report it");
  __ppar_task_request_wait(t);
  return t->result;
}

void __ppar_task_execute(struct __ppar_rt_task *t) {
  int gil = !(t->flags & __PPAR_RT_TASK_NOGIL);
  int tracing = __ppar_trace_enabled();
  /* Set only where several devices are used (task_place.h). */
  int placed = __builtin_expect(t->flags & __PPAR_RT_TASK_GPU, 0);
  __atomic_store_n(&t->running, 1, __ATOMIC_RELEASE);
  struct __ppar_rt_task *outer = __ppar_task_running;
  __ppar_task_running = t;
  int previous = placed ? __ppar_place_enter(t) : 0;
  if (gil)
    __ppar_gil_lock();
  double start = tracing ? __ppar_trace_now() : 0;
  t->fn(t->args, t->result);
  double end = tracing ? __ppar_trace_now() : 0;
  if (gil)
    __ppar_gil_unlock();
  if (placed)
    __ppar_place_leave(t, previous);
  __ppar_task_running = outer;
  if (tracing)
    __ppar_trace_task(t, start, end);
  if (__ppar_dot_enabled())
    __ppar_dot_record(t);

  __ppar_task_lock(t);
  __atomic_store_n(&t->done, 1, __ATOMIC_SEQ_CST);
  struct __ppar_rt_task **succ = t->succ;
  int nsucc = t->nsucc;
  t->succ = t->inline_succ;
  t->nsucc = 0;
  t->capsucc = 2;
  __ppar_task_unlock(t);
  for (int i = 0; i < nsucc; i++)
    ready_if_zero(succ[i]);
  if (succ != t->inline_succ)
    free(succ);
  for (int i = 0; i < t->npred; i++)
    __ppar_task_unref(t->pred[i]);
  t->npred = 0;
  if (__atomic_load_n(&t->waiters, __ATOMIC_SEQ_CST) > 0)
    __ppar_sched->wake();
  __ppar_task_unref(t); /* the execution's reference */
}

void __ppar_task_wait(struct __ppar_rt_task *t) {
  if (__ppar_task_is_done(t))
    return;
  __atomic_fetch_add(&t->waiters, 1, __ATOMIC_SEQ_CST);
  int held = __ppar_gil_release_if_held();
  __ppar_sched->wait(is_done, t);
  if (held)
    __ppar_gil_lock();
  __atomic_fetch_sub(&t->waiters, 1, __ATOMIC_SEQ_CST);
}
