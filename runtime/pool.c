/*
 * pool.c - the thread pool that runs ready tasks (pool.h, a scheduler.h).
 *
 * PPAR_NUM_THREADS - 1 worker threads, plus whichever thread waits (force,
 * scope exit, ppar_compute), which runs ready tasks while it waits, so
 * PPAR_NUM_THREADS threads compute (1: everything runs on the waiting
 * thread). Each worker has a deque: tasks it makes ready go to its own back
 * (LIFO, warm caches), idle threads steal from the front of others'. Tasks
 * made ready by other threads go to a shared injection queue, in batches
 * when a waiting thread requests many (submit_many); a worker that finds
 * work there takes a few at once into its own deque, where others may
 * still steal them. A deque is a ring buffer under its own spin lock (the
 * critical sections are a few instructions; a mutex that sleeps costs a
 * system call whenever the producer and a consumer meet); a thread with
 * nothing to do sleeps on one condition variable, woken when work is
 * pushed or a wait may be over.
 */
#include "pool.h"

#include "graph_run.h"
#include "message.h"
#include "scheduler.h"
#include "spin.h"
#include "task.h"
#include "vec.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct deque {
  int mu; /* spin lock */
  struct __ppar_rt_task **buf;
  size_t mask, head;
  size_t n; /* written under mu, read unlocked (atomically) as a hint */
};

static struct {
  int nworkers;
  pthread_t *threads;
  struct deque *q; /* nworkers + 1: the last is the injection queue */
  long queued;     /* atomic: tasks in all deques (may lag)          */
  int sleepers;    /* atomic: threads asleep or going to sleep      */
  int spinning;    /* atomic: idle threads polling before they sleep */
  int stop;        /* under mu                                      */
  int stopped;     /* atomic: workers gone; run submitted tasks inline */
  pthread_mutex_t mu;
  pthread_cond_t cv;
} P = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

static _Thread_local int self = -1;
static _Thread_local unsigned rng;

static int pool_worker_index(void) { return self; }

/* Test and test-and-set; yields the CPU after a while, in case the holder
 * was preempted (an oversubscribed machine). */
static void deque_lock(struct deque *d) {
  for (int spins = 0;;) {
    if (!__atomic_exchange_n(&d->mu, 1, __ATOMIC_ACQUIRE))
      return;
    while (__atomic_load_n(&d->mu, __ATOMIC_RELAXED)) {
      if (++spins % 64 == 0)
        sched_yield();
      else
        __ppar_cpu_relax();
    }
  }
}

static void deque_unlock(struct deque *d) {
  __atomic_store_n(&d->mu, 0, __ATOMIC_RELEASE);
}

static void deque_init(struct deque *d) {
  d->mu = 0;
  d->mask = 63;
  d->head = 0;
  d->n = 0;
  d->buf = malloc(64 * sizeof *d->buf);
  if (!d->buf)
    __ppar_die("out of memory starting the task scheduler");
}

/* Under d's lock: room for `more` entries. The capacity stays a power of
 * two (it doubles); the entries that had wrapped around to the start move
 * to just past the old end, where the larger ring now has them. */
static void reserve(struct deque *d, size_t more) {
  size_t old = d->mask + 1, cap = old;
  if (d->n + more <= old)
    return;
  __ppar_vec_reserve_or_die(&d->buf, &cap, d->n + more, sizeof *d->buf,
                            "task queue");
  if (d->head + d->n > old)
    memcpy(d->buf + old, d->buf, (d->head + d->n - old) * sizeof *d->buf);
  d->mask = cap - 1;
}

static void push_many(struct deque *d, struct __ppar_rt_task *const *ts,
                      size_t n) {
  deque_lock(d);
  reserve(d, n);
  for (size_t i = 0; i < n; i++)
    d->buf[(d->head + d->n + i) & d->mask] = ts[i];
  __atomic_store_n(&d->n, d->n + n, __ATOMIC_RELAXED);
  deque_unlock(d);
}

/* back: the owner's end (newest first), one task; else the front (oldest
 * first), up to max tasks. Returns how many it put in out. */
static size_t pop(struct deque *d, int back, struct __ppar_rt_task **out,
                  size_t max) {
  if (__atomic_load_n(&d->n, __ATOMIC_RELAXED) == 0)
    return 0;
  size_t k = 0;
  deque_lock(d);
  if (back && d->n) {
    out[k++] = d->buf[(d->head + d->n - 1) & d->mask];
  } else {
    if (max > 1 && max > d->n / 4)
      max = d->n / 4 ? d->n / 4 : 1; /* a short queue: leave some to others */
    for (; k < max && k < d->n; k++)
      out[k] = d->buf[(d->head + k) & d->mask];
    d->head = (d->head + k) & d->mask;
  }
  __atomic_store_n(&d->n, d->n - k, __ATOMIC_RELAXED);
  deque_unlock(d);
  return k;
}

static struct __ppar_rt_task *pop_one(struct deque *d, int back) {
  struct __ppar_rt_task *t;
  return pop(d, back, &t, 1) ? t : NULL;
}

/* A worker takes up to TAKE tasks from the injection queue at once (a
 * quarter of it at most), and keeps all but the first in its deque: fewer
 * trips to the shared queue when one thread requests many tasks. They stay
 * counted in `queued`. */
enum { TAKE = 8 };

static struct __ppar_rt_task *take_injected(void) {
  struct __ppar_rt_task *ts[TAKE];
  size_t n = pop(&P.q[P.nworkers], 0, ts, self >= 0 ? TAKE : 1);
  if (n > 1)
    push_many(&P.q[self], ts + 1, n - 1);
  return n ? ts[0] : NULL;
}

static struct __ppar_rt_task *take(void) {
  struct __ppar_rt_task *t;
  if (!P.q)
    return NULL; /* shut down */
  if (self >= 0 && (t = pop_one(&P.q[self], 1)))
    goto got;
  if ((t = take_injected()))
    goto got;
  if (P.nworkers > 0) {
    rng = rng * 1103515245u + 12345u;
    int start = (int)((rng >> 16) % (unsigned)P.nworkers);
    for (int i = 0; i < P.nworkers; i++) {
      int v = (start + i) % P.nworkers;
      if (v != self && (t = pop_one(&P.q[v], 0)))
        goto got;
    }
  }
  return NULL;
got:
  __atomic_fetch_sub(&P.queued, 1, __ATOMIC_SEQ_CST);
  return t;
}

static void wake_one(void) {
  /* A thread still polling will find the work: no system call. */
  if (__atomic_load_n(&P.spinning, __ATOMIC_SEQ_CST) == 0 &&
      __atomic_load_n(&P.sleepers, __ATOMIC_SEQ_CST) > 0) {
    pthread_mutex_lock(&P.mu);
    pthread_cond_signal(&P.cv);
    pthread_mutex_unlock(&P.mu);
  }
}

static void pool_wake(void) {
  if (__atomic_load_n(&P.sleepers, __ATOMIC_SEQ_CST) > 0) {
    pthread_mutex_lock(&P.mu);
    pthread_cond_broadcast(&P.cv);
    pthread_mutex_unlock(&P.mu);
  }
}

static void run(struct __ppar_rt_task *t) {
  /* More work queued and someone asleep: pass the word on, so a fan-out
   * wakes the pool one thread at a time. */
  if (__atomic_load_n(&P.queued, __ATOMIC_SEQ_CST) > 0)
    wake_one();
  __ppar_task_execute(t);
}

/* Set by the distributed scheduler (__ppar_pool_set_poll): completes what
 * it can of the rank's messages, which may make tasks ready or a wait
 * done; returns how many completed, -1 when none is in flight. Called
 * with last = 1 once before the thread sleeps. NULL without MPI. */
static int (*poll_messages)(int last);

void __ppar_pool_set_poll(int (*poll)(int last)) { poll_messages = poll; }

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Poll for work a little before sleeping: a producer that submits task
 * after task then need not wake a sleeper for each. */
static int spin_for_work(void) {
  __atomic_fetch_add(&P.spinning, 1, __ATOMIC_SEQ_CST);
  int found = 0;
  for (int i = 0; i < 2000 && !found; i++) {
    if (__atomic_load_n(&P.queued, __ATOMIC_SEQ_CST) > 0)
      found = 1;
    else if (poll_messages && poll_messages(0) > 0)
      continue; /* what completed is in the queue (or a wait is over) */
    else if (i % 64 == 63)
      sched_yield();
    else
      __ppar_cpu_relax();
  }
  __atomic_fetch_sub(&P.spinning, 1, __ATOMIC_SEQ_CST);
  if (!found && poll_messages)
    poll_messages(1);
  return found;
}

static void *worker(void *arg) {
  self = (int)(intptr_t)arg;
  rng = (unsigned)self * 2654435761u + 1;
  for (;;) {
    struct __ppar_rt_task *t = take();
    if (t) {
      run(t);
      continue;
    }
    if (spin_for_work())
      continue;
    pthread_mutex_lock(&P.mu);
    __atomic_fetch_add(&P.sleepers, 1, __ATOMIC_SEQ_CST);
    while (!P.stop && __atomic_load_n(&P.queued, __ATOMIC_SEQ_CST) <= 0)
      pthread_cond_wait(&P.cv, &P.mu);
    __atomic_fetch_sub(&P.sleepers, 1, __ATOMIC_SEQ_CST);
    int stop = P.stop && __atomic_load_n(&P.queued, __ATOMIC_SEQ_CST) <= 0;
    pthread_mutex_unlock(&P.mu);
    if (stop)
      return NULL;
  }
}

static void pool_start(int nthreads) {
  P.nworkers = nthreads - 1;
  P.q = malloc((size_t)(P.nworkers + 1) * sizeof *P.q);
  P.threads = malloc((size_t)(P.nworkers > 0 ? P.nworkers : 1) *
                     sizeof *P.threads);
  if (!P.q || !P.threads)
    __ppar_die("out of memory starting the task scheduler");
  for (int i = 0; i <= P.nworkers; i++)
    deque_init(&P.q[i]);
  for (int i = 0; i < P.nworkers; i++) {
    int rc = pthread_create(&P.threads[i], NULL, worker, (void *)(intptr_t)i);
    if (rc)
      __ppar_die("cannot start task worker thread %d of %d: %s (set "
                 "PPAR_NUM_THREADS lower)",
                 i + 1, P.nworkers, strerror(rc));
  }
}

static void pool_submit(struct __ppar_rt_task *t) {
  if (__atomic_load_n(&P.stopped, __ATOMIC_ACQUIRE)) {
    __ppar_task_execute(t); /* after shutdown: run it here and now */
    return;
  }
  push_many(&P.q[self >= 0 ? self : P.nworkers], &t, 1);
  __atomic_fetch_add(&P.queued, 1, __ATOMIC_SEQ_CST);
  wake_one();
}

/* Tasks made ready together (a waiting thread requesting many): one trip
 * to the queue. */
static void pool_submit_many(struct __ppar_rt_task *const *ts, size_t n) {
  if (__atomic_load_n(&P.stopped, __ATOMIC_ACQUIRE)) {
    for (size_t i = 0; i < n; i++)
      __ppar_task_execute(ts[i]);
    return;
  }
  if (!n)
    return;
  push_many(&P.q[self >= 0 ? self : P.nworkers], ts, n);
  __atomic_fetch_add(&P.queued, (long)n, __ATOMIC_SEQ_CST);
  wake_one();
}

/* How long a waiting thread polls the rank's messages before it sleeps:
 * a few round trips of a message between ranks of one host through a
 * task on the other rank (rendezvous of 64 KiB included). */
enum { POLL_NS = 100000 };

static void pool_wait(int (*done)(void *), void *arg) {
  int polls = 0;
  long long since = 0;
  while (!done(arg)) {
    struct __ppar_rt_task *t = take();
    if (t) {
      run(t);
      polls = 0;
      continue;
    }
    /* Under MPI what this thread waits for is often a message: completing
     * it here runs its task on this thread, without waking one. */
    if (poll_messages && polls >= 0) {
      int r = poll_messages(0);
      if (r > 0) {
        polls = 0;
        continue;
      }
      if (r == 0 && polls++ == 0)
        since = now_ns();
      if (r < 0 || (polls % 16 == 0 && now_ns() - since > POLL_NS)) {
        polls = -1; /* none in flight, or none came: sleep */
        poll_messages(1);
        continue;
      }
      if (polls % 16 == 0)
        sched_yield(); /* ranks may share this core */
      else
        __ppar_cpu_relax();
      continue;
    }
    polls = 0;
    pthread_mutex_lock(&P.mu);
    __atomic_fetch_add(&P.sleepers, 1, __ATOMIC_SEQ_CST);
    while (!done(arg) && __atomic_load_n(&P.queued, __ATOMIC_SEQ_CST) <= 0)
      pthread_cond_wait(&P.cv, &P.mu);
    __atomic_fetch_sub(&P.sleepers, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&P.mu);
  }
}

static int pool_on_worker(void) { return self >= 0; }

static int pool_workers(void) { return P.nworkers; }

static void pool_shutdown(void) {
  if (self >= 0 || !P.q)
    return; /* exit() inside a task: the workers cannot be joined */
  pthread_mutex_lock(&P.mu);
  P.stop = 1;
  pthread_cond_broadcast(&P.cv);
  pthread_mutex_unlock(&P.mu);
  for (int i = 0; i < P.nworkers; i++)
    pthread_join(P.threads[i], NULL);
  __atomic_store_n(&P.stopped, 1, __ATOMIC_RELEASE);
  /* Whatever is still queued (nothing after a clean run) runs here. */
  struct __ppar_rt_task *t;
  while ((t = take()))
    __ppar_task_execute(t);
  for (int i = 0; i <= P.nworkers; i++) {
    free(P.q[i].buf);
  }
  free(P.q);
  free(P.threads);
  P.q = NULL;
  P.threads = NULL;
  P.nworkers = 0;
}

const struct __ppar_sched __ppar_sched_pool = {
    .name = "threads",
    .start = pool_start,
    .submit = pool_submit,
    .submit_many = pool_submit_many,
    .wait = pool_wait,
    .wake = pool_wake,
    .shutdown = pool_shutdown,
    .on_worker = pool_on_worker,
    .workers = pool_workers,
    .worker_index = pool_worker_index,
};
