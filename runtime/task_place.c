/*
 * task_place.c - placing delayed tasks that call GPU code on the devices
 * of PPAR_DEVICES (task_place.h).
 *
 * Data first: a task whose accesses touch resident data (ppar_to_device)
 * runs where most of those bytes are, found when the task is created (the
 * plugin's waits before ppar_to_device and ppar_device_free keep that true
 * until it runs). Otherwise the least busy device when it starts: the one
 * with the fewest placed tasks running now. Counting tasks rather than GPU
 * calls in flight keeps the choice one short critical section: a task's
 * asynchronous calls are known to gpu_async.c only per thread and until
 * that thread's next wait, and a task that calls the GPU usually waits for
 * it before it ends. Ties go to the lowest ordinal.
 */
#include "task_place.h"

#include "config.h"
#include "cuda_driver.h"
#include "error.h"
#include "gpu_devices.h"
#include "resident.h"
#include "task.h"

#include <pthread.h>
#include <stddef.h>

static int placing; /* two or more distinct devices, GPU code run */
static int distinct[__PPAR_MAX_DEVICES], ndistinct;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Placed tasks running on each device; under busy_mu, so that two tasks
 * starting at once see each other. */
static int running[__PPAR_MAX_DEVICES];
static pthread_mutex_t busy_mu = PTHREAD_MUTEX_INITIALIZER;

static _Thread_local int placed_here; /* placed tasks on this thread's stack */

int __ppar_place_here(void) { return placed_here; }

static void read_set(void) {
  const struct __ppar_config *c = __ppar_config();
  if (c->disable_jit || c->check || c->target == __PPAR_TARGET_CPU ||
      __ppar_cu_device_count() <= 0)
    return; /* GPU calls run on the CPU: nothing to place */
  const int *list;
  int n = __ppar_gpu_devices(&list);
  for (int i = 0; i < n; i++) {
    int seen = 0;
    for (int j = 0; j < ndistinct; j++)
      seen |= distinct[j] == list[i];
    if (!seen)
      distinct[ndistinct++] = list[i];
  }
  placing = ndistinct > 1;
}

void __ppar_place_plan(struct __ppar_rt_task *t,
                       const struct __ppar_rt_access *acc, int nacc) {
  pthread_once(&once, read_set);
  if (!placing) {
    t->flags &= ~(unsigned)__PPAR_RT_TASK_GPU;
    return;
  }
  size_t bytes[__PPAR_MAX_DEVICES] = {0};
  for (int i = 0; i < nacc; i++)
    if (acc[i].lo != __PPAR_RT_ANYWHERE_LO) /* all memory says nothing */
      __ppar_resident_bytes(acc[i].lo, acc[i].hi, bytes, __PPAR_MAX_DEVICES);
  t->device = -1;
  for (int j = 0; j < ndistinct; j++) {
    int d = distinct[j];
    if (bytes[d] &&
        (t->device < 0 || bytes[d] > bytes[t->device] ||
         (bytes[d] == bytes[t->device] && d < t->device)))
      t->device = d;
  }
}

int __ppar_place_enter(struct __ppar_rt_task *t) {
  int by_data = t->device >= 0;
  pthread_mutex_lock(&busy_mu);
  if (!by_data) {
    int best = distinct[0];
    for (int j = 1; j < ndistinct; j++) {
      int d = distinct[j];
      if (running[d] < running[best] ||
          (running[d] == running[best] && d < best))
        best = d;
    }
    t->device = best;
  }
  running[t->device]++;
  pthread_mutex_unlock(&busy_mu);
  int saved = __ppar_device_current();
  __ppar_device_set(t->device);
  placed_here++;
  __ppar_log(__PPAR_LOG_DECISIONS, "task %s (%s:%u) placed on device %d (%s)",
             t->name, t->file, t->line, t->device,
             by_data ? "its resident data" : "the least busy");
  return saved;
}

void __ppar_place_leave(const struct __ppar_rt_task *t, int saved) {
  placed_here--;
  __ppar_device_set(saved);
  pthread_mutex_lock(&busy_mu);
  running[t->device]--;
  pthread_mutex_unlock(&busy_mu);
}
