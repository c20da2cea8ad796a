/*
 * gil.c - the runtime's global lock. Tasks of delayed functions without
 * nogil hold it while they run, so they run one at a time (as Python code
 * under the GIL); nogil tasks never take it. A task that waits for another
 * (force inside a task) lets it go while it waits, so the other can run.
 */
#include "gil.h"

#include <pthread.h>

static pthread_mutex_t gil = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local int held;

void __ppar_gil_lock(void) {
  pthread_mutex_lock(&gil);
  held = 1;
}

void __ppar_gil_unlock(void) {
  held = 0;
  pthread_mutex_unlock(&gil);
}

int __ppar_gil_release_if_held(void) {
  if (!held)
    return 0;
  __ppar_gil_unlock();
  return 1;
}
