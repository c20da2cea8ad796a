// The global lock: 16 tasks of a function without nogil each add 1 to a
// global counter 100,000 times without atomics, and the total is exact;
// the same with nogil and an atomic is exact too. Two nogil tasks that wait
// for each other meet (they run at once); two tasks under the lock never
// do (one at a time).
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: env PPAR_NUM_THREADS=4 %t | FileCheck %s
// RUN: env PPAR_NUM_THREADS=1 %t | FileCheck %s --check-prefix=ONE
// RUN: %t.plain | FileCheck %s --check-prefix=ONE
// CHECK: locked total = 1600000
// CHECK: atomic total = 1600000
// CHECK: nogil tasks met: yes
// CHECK: locked tasks met: no
// ONE: locked total = 1600000
// ONE: atomic total = 1600000
// ONE: nogil tasks met: no
// ONE: locked tasks met: no
#include <ppar.h>
#include <stdio.h>
#include <time.h>

static long counter;
static long atomic_counter;
static int arrived;

PPAR_DELAYED() void bump_locked(int times) {
  for (int i = 0; i < times; i++)
    counter++; /* safe: the global lock holds */
}
PPAR_DELAYED(nogil) void bump_atomic(int times) {
  for (int i = 0; i < times; i++)
    __atomic_fetch_add(&atomic_counter, 1, __ATOMIC_RELAXED);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* Arrive, then wait up to `patience` seconds for the other task. */
static int meet(double patience) {
  __atomic_fetch_add(&arrived, 1, __ATOMIC_SEQ_CST);
  double end = now() + patience;
  while (__atomic_load_n(&arrived, __ATOMIC_SEQ_CST) < 2 && now() < end)
    ;
  return __atomic_load_n(&arrived, __ATOMIC_SEQ_CST) >= 2;
}
PPAR_DELAYED(nogil) int meet_nogil(double patience) { return meet(patience); }
PPAR_DELAYED() int meet_locked(double patience) { return meet(patience); }

int main(void) {
  for (int t = 0; t < 16; t++)
    bump_locked(100000);
  for (int t = 0; t < 16; t++)
    bump_atomic(100000);
  ppar_compute();
  printf("locked total = %ld\n", counter);
  printf("atomic total = %ld\n", atomic_counter);

  int a = meet_nogil(10.0), b = meet_nogil(10.0);
  ppar_compute(); /* both requested at once: nogil ones may overlap */
  printf("nogil tasks met: %s\n", a && b ? "yes" : "no");
  arrived = 0;
  int c = meet_locked(0.2), d = meet_locked(0.2);
  ppar_compute();
  printf("locked tasks met: %s\n", c && d ? "yes" : "no");
  return 0;
}
