/*
 * tasks.c - the task graph of delayed functions (SPEC section 3, delayed):
 * start-up, ppar_compute, and the end of the program.
 *
 * The pieces: graph.c (tasks, dependences, scopes, the __ppar_rt_task_*
 * entry points), pool.c (the thread pool behind scheduler.h), gil.c (the global
 * lock), graph_dot.c (PPAR_GRAPH), trace.c (PPAR_TRACE). See docs/tasks.md.
 * The memory of task objects is managed here too (__ppar_task_alloc).
 */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "config.h"
#include "error.h"
#include "scheduler.h"
#include "task.h"
#include "visibility.h"

#include <pthread.h>
#include <stdlib.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PPAR_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(PPAR_ASAN)
#define PPAR_ASAN 1
#endif
#ifdef PPAR_ASAN
#include <sanitizer/asan_interface.h>
#endif

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int started; /* atomic: the scheduler runs */
static struct __ppar_rt_task **never_run;

/* At exit: tasks already requested (eager ones, say) finish, lazy ones
 * never forced do not run (as in Dask); then the workers stop and the graph
 * and the trace are written. */
static void at_exit(void) {
  if (__ppar_sched->on_worker())
    return; /* exit() inside a task: nothing can be joined or trusted */
  size_t n;
  struct __ppar_rt_task **ts = __ppar_graph_take_all(&n);
  for (size_t i = 0; i < n; i++)
    if (__ppar_task_is_requested(ts[i]))
      __ppar_task_wait(ts[i]);
  __ppar_sched->shutdown();
  /* Finished tasks are given back; lazy ones never run stay listed (and
   * reachable, for leak checkers) as pending work that was dropped. */
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (__ppar_task_is_done(ts[i]))
      __ppar_task_unref(ts[i]);
    else
      ts[k++] = ts[i];
  }
  never_run = ts;
  __ppar_dot_write();
  __ppar_trace_write();
}

static void init(void) {
  const struct __ppar_config *cfg = __ppar_config();
  __ppar_dot_init();
  __ppar_trace_init();
  __ppar_sched = &__ppar_sched_pool;
  __ppar_sched->start(cfg->num_threads);
  if (atexit(at_exit))
    __ppar_die("cannot register the task graph's exit handler");
  __ppar_log(__PPAR_LOG_DECISIONS, "tasks: %s scheduler, %d threads",
             __ppar_sched->name, cfg->num_threads);
  __atomic_store_n(&started, 1, __ATOMIC_RELEASE);
}

void __ppar_tasks_init(void) { pthread_once(&init_once, init); }

/* Requests every task of ts. With no worker threads, the caller would
 * run them all anyway: each that is ready runs at once, in creation order,
 * and is dropped from ts (NULL), so each task is touched once instead of
 * being queued, found again and waited for. Otherwise they are only
 * requested, so the workers start while the rest are being requested. */
static void request_all(struct __ppar_rt_task **ts, size_t n) {
  if (__ppar_sched->workers() > 0) {
    __ppar_task_request_many(ts, n);
    return;
  }
  for (size_t i = 0; i < n; i++) {
    if (__ppar_task_request_run(ts[i])) {
      __ppar_task_unref(ts[i]);
      ts[i] = NULL;
    }
  }
}

PPAR_API void ppar_compute(void) {
  if (!__atomic_load_n(&started, __ATOMIC_ACQUIRE))
    return; /* no task was ever created */
  /* Tasks that the computed ones create go to a fresh list: repeat until a
   * round finds none. */
  for (;;) {
    size_t n;
    struct __ppar_rt_task **ts = __ppar_graph_take_all(&n);
    if (!n) {
      free(ts);
      __ppar_graph_sweep();
      return;
    }
    request_all(ts, n);
    /* Called from inside a task, only the tasks before the call in program
     * order are waited for: the caller and its creators are running it,
     * and a later task may be waiting for the caller. */
    for (size_t i = 0; i < n; i++) {
      if (!ts[i])
        continue;
      if (__ppar_task_precedes_here(ts[i]))
        __ppar_task_wait(ts[i]);
      __ppar_task_unref(ts[i]);
    }
    free(ts);
  }
}

/* ---- task memory ---------------------------------------------------------
 *
 * Task objects of up to TASK_SLOT bytes (nearly all) are kept for reuse
 * instead of going back to malloc: a program that makes a million lazy
 * tasks, runs them and does it again would otherwise have malloc return
 * the memory to the system and take page faults on all of it each time.
 * The scheme is Bonwick's magazines: each thread has two lists of at most
 * BATCH free objects (no locking: tasks are made and freed on every thread,
 * and the thread that frees an object keeps it); full lists move to and
 * from a global depot under a mutex, once per BATCH objects, so objects
 * freed by workers flow back to the thread that creates tasks. The depot
 * keeps at most DEPOT_MAX lists (256 MiB); beyond that memory goes back
 * to malloc. A thread's lists go to the depot when it ends, so nothing
 * kept is unreachable. Under AddressSanitizer a kept object is poisoned
 * past its links, so a use after free is still reported. */

enum { TASK_SLOT = 256, BATCH = 128, DEPOT_MAX = 8192 };

struct free_obj {
  struct free_obj *next;      /* within a list                      */
  struct free_obj *next_list; /* in the depot: the next list's head */
  size_t n;                   /* in the depot: this list's length   */
};

struct magazine {
  struct free_obj *head;
  size_t n;
};

static _Thread_local struct {
  struct magazine cur, prev; /* allocate from cur; prev is full or empty */
  int registered;            /* the thread-exit flush is set up          */
} cache;

static pthread_mutex_t depot_mu = PTHREAD_MUTEX_INITIALIZER;
static struct free_obj *depot; /* lists, linked through next_list */
static size_t ndepot;
static pthread_key_t exit_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void poison(struct free_obj *o) {
#ifdef PPAR_ASAN
  ASAN_POISON_MEMORY_REGION((char *)o + sizeof *o, TASK_SLOT - sizeof *o);
#else
  (void)o;
#endif
}

static void unpoison(struct free_obj *o) {
#ifdef PPAR_ASAN
  ASAN_UNPOISON_MEMORY_REGION(o, TASK_SLOT);
#else
  (void)o;
#endif
}

static void free_list(struct free_obj *o) {
  while (o) {
    struct free_obj *next = o->next;
    unpoison(o);
    free(o);
    o = next;
  }
}

/* Gives a list to the depot (or back to malloc when the depot is full). */
static void depot_put(struct magazine *m) {
  if (!m->n)
    return;
  struct free_obj *h = m->head;
  pthread_mutex_lock(&depot_mu);
  int keep = ndepot < DEPOT_MAX;
  if (keep) {
    h->n = m->n;
    h->next_list = depot;
    depot = h;
    ndepot++;
  }
  pthread_mutex_unlock(&depot_mu);
  if (!keep)
    free_list(h);
  m->head = NULL;
  m->n = 0;
}

static int depot_get(struct magazine *m) {
  pthread_mutex_lock(&depot_mu);
  struct free_obj *h = depot;
  if (h) {
    depot = h->next_list;
    ndepot--;
    m->head = h;
    m->n = h->n;
  }
  pthread_mutex_unlock(&depot_mu);
  return h != NULL;
}

static void flush_at_thread_exit(void *arg) {
  (void)arg;
  depot_put(&cache.cur);
  depot_put(&cache.prev);
}

static void make_exit_key(void) {
  if (pthread_key_create(&exit_key, flush_at_thread_exit))
    __ppar_die("cannot register the task memory's thread-exit handler");
}

/* Once per thread that frees a task: its lists are flushed at its end. */
static void register_thread(void) {
  pthread_once(&key_once, make_exit_key);
  pthread_setspecific(exit_key, &cache);
  cache.registered = 1;
}

void *__ppar_task_alloc(size_t size, unsigned *pooled) {
  *pooled = size <= TASK_SLOT;
  if (!*pooled)
    return malloc(size);
  if (!cache.cur.n) {
    if (cache.prev.n) {
      struct magazine m = cache.cur;
      cache.cur = cache.prev;
      cache.prev = m;
    } else if (!depot_get(&cache.cur)) {
      return malloc(TASK_SLOT); /* NULL: the caller reports it */
    }
  }
  struct free_obj *o = cache.cur.head;
  unpoison(o);
  cache.cur.head = o->next;
  cache.cur.n--;
  return o;
}

void __ppar_task_free(void *p, unsigned pooled) {
  if (!pooled) {
    free(p);
    return;
  }
  if (!cache.registered)
    register_thread();
  if (cache.cur.n == BATCH) {
    depot_put(&cache.prev); /* prev is full or empty */
    cache.prev = cache.cur;
    cache.cur.head = NULL;
    cache.cur.n = 0;
  }
  struct free_obj *o = p;
  o->next = cache.cur.head;
  poison(o);
  cache.cur.head = o;
  cache.cur.n++;
}
