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
 * it before it ends. Devices tied for the most data count as holding none
 * of it; ties of the least busy go to the lowest ordinal.
 */
#include "task_place.h"

#include "config.h"
#include "cuda_driver.h"
#include "devices.h"
#include "error.h"
#include "resident.h"
#include "task.h"

#include <pthread.h>
#include <stddef.h>
#include <string.h>

static int placing; /* two or more distinct devices, GPU code run */
/* The distinct ordinals of the device set, ascending (so that ties of the
 * loops below go to the lowest), and the placed tasks running on each;
 * running is under busy_mu, so that two tasks starting at once see each
 * other. */
static int distinct[__PPAR_MAX_SLOTS], ndistinct;
static int running[__PPAR_MAX_SLOTS];
static pthread_mutex_t busy_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static _Thread_local int placed_here; /* placed tasks on this thread's stack */

int __ppar_place_here(void) { return placed_here; }

static void read_set(void) {
  const struct __ppar_config *c = __ppar_config();
  if (c->disable_jit || c->check || c->target == __PPAR_TARGET_CPU ||
      __ppar_cu_device_count() <= 0)
    return; /* GPU calls run on the CPU: nothing to place */
  int n = __ppar_devices_count();
  for (int i = 0; i < n; i++) {
    int d = __ppar_devices_ordinal(i), j = ndistinct;
    while (j > 0 && distinct[j - 1] > d)
      j--;
    if (j > 0 && distinct[j - 1] == d)
      continue;
    memmove(&distinct[j + 1], &distinct[j],
            (size_t)(ndistinct - j) * sizeof *distinct);
    distinct[j] = d;
    ndistinct++;
  }
  placing = ndistinct > 1;
}

static int index_of(int ordinal) {
  int j = 0;
  while (distinct[j] != ordinal)
    j++;
  return j;
}

void __ppar_place_plan(struct __ppar_rt_task *t,
                       const struct __ppar_rt_access *acc, int nacc) {
  pthread_once(&once, read_set);
  if (!placing) {
    t->flags &= ~(unsigned)__PPAR_RT_TASK_GPU;
    return;
  }
  size_t bytes[__PPAR_MAX_SLOTS] = {0};
  for (int i = 0; i < nacc; i++)
    if (acc[i].lo != __PPAR_RT_ANYWHERE_LO) /* all memory says nothing */
      __ppar_resident_bytes(acc[i].lo, acc[i].hi, distinct, ndistinct, bytes);
  /* Devices tied for the most (every device, for data with a copy on
   * each that a split call has not changed yet) hold it equally: the
   * least busy of all runs it then. */
  int best = -1, tied = 0;
  for (int j = 0; j < ndistinct; j++)
    if (bytes[j] && (best < 0 || bytes[j] >= bytes[best])) {
      tied = best >= 0 && bytes[j] == bytes[best];
      if (!tied)
        best = j;
    }
  t->device = best < 0 || tied ? -1 : distinct[best];
}

int __ppar_place_enter(struct __ppar_rt_task *t) {
  int by_data = t->device >= 0;
  pthread_mutex_lock(&busy_mu);
  int j = 0;
  if (by_data) {
    j = index_of(t->device);
  } else {
    for (int k = 1; k < ndistinct; k++)
      if (running[k] < running[j])
        j = k;
    t->device = distinct[j];
  }
  running[j]++;
  pthread_mutex_unlock(&busy_mu);
  int saved = __ppar_device_enter(t->device);
  placed_here++;
  __ppar_log(__PPAR_LOG_DECISIONS, "task %s (%s:%u) placed on device %d (%s)",
             t->name, t->file, t->line, t->device,
             by_data ? "its resident data" : "the least busy");
  return saved;
}

void __ppar_place_leave(const struct __ppar_rt_task *t, int saved) {
  placed_here--;
  __ppar_device_leave(saved);
  pthread_mutex_lock(&busy_mu);
  running[index_of(t->device)]--;
  pthread_mutex_unlock(&busy_mu);
}
