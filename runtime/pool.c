/*
 * pool.c - the thread pool that runs ready tasks (the scheduler of scheduler.h).
 *
 * PPAR_NUM_THREADS - 1 worker threads, plus whichever thread waits (force,
 * scope exit, ppar_compute), which runs ready tasks while it waits, so
 * PPAR_NUM_THREADS threads compute (1: everything runs on the waiting
 * thread). Each worker has a deque: tasks it makes ready go to its own back
 * (LIFO, warm caches), idle threads steal from the front of others'. Tasks
 * made ready by other threads go to a shared injection queue. A deque is a
 * ring buffer under its own mutex; a thread with nothing to do sleeps on
 * one condition variable, woken when work is pushed or a wait may be over.
 */
#include "scheduler.h"

#include "config.h"
#include "error.h"
#include "task.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

struct deque {
  pthread_mutex_t mu;
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

int __ppar_pool_worker_index(void) { return self; }

static void deque_init(struct deque *d) {
  pthread_mutex_init(&d->mu, NULL);
  d->mask = 63;
  d->head = 0;
  d->n = 0;
  d->buf = malloc(64 * sizeof *d->buf);
  if (!d->buf)
    __ppar_die("out of memory starting the task scheduler");
}

static void push(struct deque *d, struct __ppar_rt_task *t) {
  pthread_mutex_lock(&d->mu);
  if (d->n == d->mask + 1) {
    size_t cap = 2 * (d->mask + 1);
    struct __ppar_rt_task **b = malloc(cap * sizeof *b);
    if (!b)
      __ppar_die("out of memory growing a task queue to %zu entries", cap);
    for (size_t i = 0; i < d->n; i++)
      b[i] = d->buf[(d->head + i) & d->mask];
    free(d->buf);
    d->buf = b;
    d->head = 0;
    d->mask = cap - 1;
  }
  d->buf[(d->head + d->n) & d->mask] = t;
  __atomic_store_n(&d->n, d->n + 1, __ATOMIC_RELAXED);
  pthread_mutex_unlock(&d->mu);
}

/* back: the owner's end (newest first); else the front (oldest first). */
static struct __ppar_rt_task *pop(struct deque *d, int back) {
  if (__atomic_load_n(&d->n, __ATOMIC_RELAXED) == 0)
    return NULL;
  struct __ppar_rt_task *t = NULL;
  pthread_mutex_lock(&d->mu);
  if (d->n) {
    if (back) {
      t = d->buf[(d->head + d->n - 1) & d->mask];
    } else {
      t = d->buf[d->head];
      d->head = (d->head + 1) & d->mask;
    }
    __atomic_store_n(&d->n, d->n - 1, __ATOMIC_RELAXED);
  }
  pthread_mutex_unlock(&d->mu);
  return t;
}

static struct __ppar_rt_task *take(void) {
  struct __ppar_rt_task *t;
  if (!P.q)
    return NULL; /* shut down */
  if (self >= 0 && (t = pop(&P.q[self], 1)))
    goto got;
  if ((t = pop(&P.q[P.nworkers], 0)))
    goto got;
  if (P.nworkers > 0) {
    rng = rng * 1103515245u + 12345u;
    int start = (int)((rng >> 16) % (unsigned)P.nworkers);
    for (int i = 0; i < P.nworkers; i++) {
      int v = (start + i) % P.nworkers;
      if (v != self && (t = pop(&P.q[v], 0)))
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

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield" ::: "memory");
#else
  __asm__ __volatile__("" ::: "memory");
#endif
}

/* Poll for work a little before sleeping: a producer that submits task
 * after task then need not wake a sleeper for each. */
static int spin_for_work(void) {
  __atomic_fetch_add(&P.spinning, 1, __ATOMIC_SEQ_CST);
  int found = 0;
  for (int i = 0; i < 2000 && !found; i++) {
    if (__atomic_load_n(&P.queued, __ATOMIC_SEQ_CST) > 0)
      found = 1;
    else if (i % 64 == 63)
      sched_yield();
    else
      cpu_relax();
  }
  __atomic_fetch_sub(&P.spinning, 1, __ATOMIC_SEQ_CST);
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
  push(&P.q[self >= 0 ? self : P.nworkers], t);
  __atomic_fetch_add(&P.queued, 1, __ATOMIC_SEQ_CST);
  wake_one();
}

static void pool_wait(int (*done)(void *), void *arg) {
  while (!done(arg)) {
    struct __ppar_rt_task *t = take();
    if (t) {
      run(t);
      continue;
    }
    pthread_mutex_lock(&P.mu);
    __atomic_fetch_add(&P.sleepers, 1, __ATOMIC_SEQ_CST);
    while (!done(arg) && __atomic_load_n(&P.queued, __ATOMIC_SEQ_CST) <= 0)
      pthread_cond_wait(&P.cv, &P.mu);
    __atomic_fetch_sub(&P.sleepers, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&P.mu);
  }
}

static int pool_on_worker(void) { return self >= 0; }

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
    pthread_mutex_destroy(&P.q[i].mu);
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
    .wait = pool_wait,
    .wake = pool_wake,
    .shutdown = pool_shutdown,
    .on_worker = pool_on_worker,
};
