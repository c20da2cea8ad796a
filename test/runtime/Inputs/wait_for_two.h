/* For tests that need two tasks running at once: each caller counts itself
 * in *inside and waits (at most 2 s, so that one thread alone goes on)
 * until two have arrived. */
#ifndef PPAR_TEST_WAIT_FOR_TWO_H
#define PPAR_TEST_WAIT_FOR_TWO_H

#include <time.h>

static void wait_for_two(int *inside) {
  __atomic_add_fetch(inside, 1, __ATOMIC_SEQ_CST);
  struct timespec t0, t, nap = {0, 1000000};
  clock_gettime(CLOCK_MONOTONIC, &t0);
  do {
    nanosleep(&nap, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t);
  } while (__atomic_load_n(inside, __ATOMIC_SEQ_CST) < 2 &&
           t.tv_sec - t0.tv_sec < 2);
}

#endif
