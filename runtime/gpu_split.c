/*
 * gpu_split.c - one GPU call split across the devices of PPAR_DEVICES
 * (ppar_rt_abi.h, "One call split across devices", whose entry points
 * abi_gpu_split.c forwards here; docs/multi-gpu.md).
 *
 * Part p runs on slot p of the device set (devices.h). A repeated ordinal
 * is a virtual device: each part runs on a host thread of its own, and the
 * GPU state is per thread (gpu_xfer.c), so `0,0` gives two streams and two
 * sets of device memory on one GPU, which is how one GPU tests the split.
 * A placed task's calls are not split (task_place.h).
 *
 * A split runs the generated part function once per part: part 0 on the
 * caller's thread, the others on persistent helper threads (their streams,
 * pinned buffers and block caches stay warm between calls). The parts'
 * calls meet twice (__ppar_split_step): at copy_in, where the written
 * ranges of all parts are compared (overlapping ones would copy stale
 * bytes over another part's results: the split is declined), and at end,
 * once every part's kernels have finished, so that either every part
 * copies out or none does and the caller can still run the call on one
 * device from untouched host data. One split runs at a time.
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "ppar_rt_abi.h"

#include "cuda_driver.h"
#include "devices.h"
#include "error.h"
#include "gpu_split.h"
#include "message.h"
#include "resident.h"
#include "task_place.h"
#include "visibility.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* At most this many parts (devices, real or virtual). */
enum { MAX_PARTS = __PPAR_MAX_SLOTS };

struct __ppar_split_part {
  struct split *s;
  int part, device;
  long long first, count;
  int reached; /* steps this part has arrived at */
  int rc;      /* what its part function returned */
  uintptr_t *writes; /* lo, hi pairs given at copy_in */
  int nwrites, capwrites;
};

struct split {
  int parts;
  struct __ppar_rt_module *m;
  int (*fn)(void *, const struct __ppar_rt_gpu_part *);
  void *env;
  int arrived[2], verdict[2];
  int overlapped; /* step 0 declined it: the parts' writes overlap */
  struct __ppar_split_part part[MAX_PARTS];
  /* The helpers: a new generation of work, and how many parts finished. */
  unsigned gen;
  int finished;
  pthread_mutex_t mu;
  pthread_cond_t cv;
};

static struct split the = {.mu = PTHREAD_MUTEX_INITIALIZER,
                           .cv = PTHREAD_COND_INITIALIZER};
static pthread_mutex_t one_at_a_time = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local struct __ppar_split_part *current;

/* One part while this thread runs a placed task, whose calls stay on its
 * device (task_place.h). */
int __ppar_split_parts(void) {
  int n = __ppar_devices_count();
  return n > 1 && __ppar_place_here() ? 1 : n;
}

/* ---- Steps in common ------------------------------------------------------ */

struct __ppar_split_part *__ppar_split_current(void) { return current; }

void __ppar_split_where(const struct __ppar_split_part *p, int *device,
                        int *part, int *parts) {
  *device = p->device;
  *part = p->part;
  *parts = p->s->parts;
}

int __ppar_split_write(struct __ppar_split_part *p, uintptr_t lo,
                       uintptr_t hi) {
  if (p->nwrites + 2 > p->capwrites) {
    int cap = p->capwrites ? 2 * p->capwrites : 16;
    uintptr_t *w = realloc(p->writes, (size_t)cap * sizeof *w);
    if (!w)
      return PPAR_ENOMEM;
    p->writes = w;
    p->capwrites = cap;
  }
  p->writes[p->nwrites++] = lo;
  p->writes[p->nwrites++] = hi;
  return 0;
}

/* Whether two parts write overlapping bytes. The parts' loop iterations
 * are independent, but a part copies out whole ranges: the bounding boxes
 * of its accesses (a column of a row-major array spans every row). */
static int writes_overlap(const struct split *s) {
  for (int a = 0; a < s->parts; a++)
    for (int b = a + 1; b < s->parts; b++) {
      const struct __ppar_split_part *p = &s->part[a], *q = &s->part[b];
      for (int i = 0; i < p->nwrites; i += 2)
        for (int j = 0; j < q->nwrites; j += 2)
          if (p->writes[i] < q->writes[j + 1] &&
              q->writes[j] < p->writes[i + 1])
            return 1;
    }
  return 0;
}

int __ppar_split_step(struct __ppar_split_part *p, int step, int ok) {
  struct split *s = p->s;
  pthread_mutex_lock(&s->mu);
  p->reached = step + 1;
  if (ok && !s->verdict[step])
    s->verdict[step] = ok;
  if (++s->arrived[step] == s->parts) {
    if (step == 0 && !s->verdict[0] && writes_overlap(s))
      s->verdict[0] = PPAR_ENOTSUP, s->overlapped = 1;
    pthread_cond_broadcast(&s->cv);
  }
  while (s->arrived[step] < s->parts)
    pthread_cond_wait(&s->cv, &s->mu);
  int v = s->verdict[step];
  pthread_mutex_unlock(&s->mu);
  return v;
}

/* ---- Parts ------------------------------------------------------------- */

/* Part p's function with its device current on this thread; a step it did
 * not reach counts as failed, so that the others do not wait for it. */
static void run_part(struct __ppar_split_part *p) {
  struct split *s = p->s;
  int saved = __ppar_device_enter(p->device);
  current = p;
  struct __ppar_rt_gpu_part info = {p->part, s->parts, p->device, p->first,
                                    p->count};
  p->rc = s->fn(s->env, &info);
  current = NULL;
  __ppar_device_leave(saved);
  for (int step = p->reached; step < 2; step++)
    __ppar_split_step(p, step, p->rc ? p->rc : PPAR_EINVAL);
}

/* A helper thread runs part `index` of every split. */
static void *helper(void *arg) {
  int index = (int)(intptr_t)arg;
  unsigned seen = 0;
  for (;;) {
    pthread_mutex_lock(&the.mu);
    while (the.gen == seen || index >= the.parts) {
      if (the.gen != seen)
        seen = the.gen; /* a split with fewer parts: not this one's */
      pthread_cond_wait(&the.cv, &the.mu);
    }
    seen = the.gen;
    pthread_mutex_unlock(&the.mu);
    run_part(&the.part[index]);
    pthread_mutex_lock(&the.mu);
    the.finished++;
    pthread_cond_broadcast(&the.cv);
    pthread_mutex_unlock(&the.mu);
  }
  return NULL;
}

/* Helpers for parts 1 .. parts - 1, started once each. */
static int helpers_started = 1;
static int start_helpers(int parts) {
  for (; helpers_started < parts; helpers_started++) {
    pthread_t t;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    int rc = pthread_create(&t, &a, helper, (void *)(intptr_t)helpers_started);
    pthread_attr_destroy(&a);
    if (rc)
      return PPAR_ENOMEM;
  }
  return 0;
}

/* How many parts a split of n trips (total: the iterations of the whole
 * nest) gets: one per slot, at most one per trip; across distinct GPUs
 * also at most one per wave of the first one's threads (multiprocessors
 * times threads per multiprocessor: 270,336 on an H100), so that no GPU
 * gets a part too small to fill it, where the split's fixed costs (waking
 * the helpers, a launch and a wait per device) would make the call slower
 * than on one device. Virtual devices split any loop: they are there to
 * test the split on one GPU. */
static int parts_for(long long n, long long total) {
  int parts = __ppar_split_parts();
  if (parts > n)
    parts = n > 0 ? (int)n : 1;
  if (parts > 1 && !__ppar_devices_virtual()) {
    const struct __ppar_gpu_device *d =
        __ppar_gpu_device(__ppar_devices_ordinal(0));
    long long wave = d ? (long long)d->sms * d->sm_threads : 1;
    if (total / wave < parts)
      parts = (int)(total / wave);
  }
  return parts;
}

/* Splits declined because the parts' writes overlapped, by module and
 * shape: the same call would be declined again (its parts' writes are the
 * same bounding boxes), so it goes to one device at once instead of waking
 * the helpers for the verdict. The few most recent; under one_at_a_time.
 * (A false hit, arrays that alias in one call only, costs the split, not
 * the answer: one device is always right.) */
enum { DECLINES = 8 };
static struct {
  const struct __ppar_rt_module *m;
  long long n, total;
} declined[DECLINES];
static int next_decline;

static int declined_before(const struct __ppar_rt_module *m, long long n,
                           long long total) {
  for (int i = 0; i < DECLINES; i++)
    if (declined[i].m == m && declined[i].n == n &&
        declined[i].total == total)
      return 1;
  return 0;
}

int __ppar_split_run(struct __ppar_rt_module *m, long long n, long long total,
                     int (*fn)(void *, const struct __ppar_rt_gpu_part *),
                     void *env) {
  int parts = parts_for(n, total);
  if (parts < 2 || !fn)
    return PPAR_ENOTSUP;
  pthread_mutex_lock(&one_at_a_time);
  if (declined_before(m, n, total)) {
    pthread_mutex_unlock(&one_at_a_time);
    return PPAR_ENOTSUP;
  }
  if (start_helpers(parts)) {
    pthread_mutex_unlock(&one_at_a_time);
    return PPAR_ENOTSUP;
  }
  /* Near-equal blocks in part order: the first n % parts get one more. */
  pthread_mutex_lock(&the.mu);
  the.parts = parts;
  the.m = m;
  the.fn = fn;
  the.env = env;
  the.arrived[0] = the.arrived[1] = the.verdict[0] = the.verdict[1] = 0;
  the.overlapped = 0;
  the.finished = 0;
  long long q = n / parts, r = n % parts;
  for (int i = 0; i < parts; i++) {
    struct __ppar_split_part *p = &the.part[i];
    p->s = &the;
    p->part = i;
    p->device = __ppar_devices_ordinal(i);
    p->first = i * q + (i < r ? i : r);
    p->count = q + (i < r);
    p->reached = p->rc = p->nwrites = 0;
  }
  the.gen++;
  pthread_cond_broadcast(&the.cv);
  pthread_mutex_unlock(&the.mu);

  run_part(&the.part[0]);

  pthread_mutex_lock(&the.mu);
  while (the.finished < parts - 1)
    pthread_cond_wait(&the.cv, &the.mu);
  int rc = the.verdict[0] ? the.verdict[0] : the.verdict[1];
  for (int i = 0; !rc && i < parts; i++)
    rc = the.part[i].rc;
  if (the.overlapped) {
    declined[next_decline].m = m;
    declined[next_decline].n = n;
    declined[next_decline].total = total;
    next_decline = (next_decline + 1) % DECLINES;
  }
  pthread_mutex_unlock(&the.mu);
  pthread_mutex_unlock(&one_at_a_time);
  return rc;
}
