/*
 * task_mem.c - memory of task objects (task_mem.h), kept for reuse.
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
 * past its links, so a use after free is still reported.
 */
#include "task_mem.h"

#include "message.h"

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
