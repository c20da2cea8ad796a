// 16 tasks of a function without nogil each add 1 to a global counter
// 100,000 times with no atomics: the global lock makes the total exact (and
// ThreadSanitizer quiet). 16 nogil tasks run concurrently: with 2 or more
// threads, at least two meet at a rendezvous (which gives up after 10 s, so
// a scheduler that serialises them fails instead of hanging).
//
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t.asan -lpthread -ldl
// DEFINE: %{fc} = FileCheck %s --match-full-lines --implicit-check-not=WARNING --implicit-check-not=ERROR --implicit-check-not=ppar:
// RUN: env PPAR_NUM_THREADS=1 TSAN_OPTIONS=halt_on_error=1 %t.tsan 2>&1 | %{fc}
// RUN: env PPAR_NUM_THREADS=2 TSAN_OPTIONS=halt_on_error=1 %t.tsan 2>&1 | %{fc}
// RUN: env PPAR_NUM_THREADS=8 TSAN_OPTIONS=halt_on_error=1 %t.tsan 2>&1 | %{fc}
// RUN: env PPAR_NUM_THREADS=1 ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 %t.asan 2>&1 | %{fc}
// RUN: env PPAR_NUM_THREADS=2 ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 %t.asan 2>&1 | %{fc}
// RUN: env PPAR_NUM_THREADS=8 ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 %t.asan 2>&1 | %{fc}
//
// CHECK:      counter = 1600000
// CHECK-NEXT: atomic = 1600000
// CHECK-NEXT: concurrency as expected

#define _POSIX_C_SOURCE 200809L
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { TASKS = 16, ITERS = 100000 };

static long counter;         /* under the global lock only */
static long atomic_counter;  /* atomic */
static int arrived, met;     /* atomic */

static void locked_task(void *a, void *r) {
  (void)a; (void)r;
  for (int i = 0; i < ITERS; i++)
    counter++;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void nogil_task(void *a, void *r) {
  (void)r;
  int threads = *(int *)a;
  for (int i = 0; i < ITERS; i++)
    __atomic_fetch_add(&atomic_counter, 1, __ATOMIC_RELAXED);
  __atomic_fetch_add(&arrived, 1, __ATOMIC_SEQ_CST);
  if (threads < 2 || __atomic_load_n(&met, __ATOMIC_SEQ_CST))
    return;
  double give_up = now() + 10;
  while (now() < give_up) {
    /* Another task arrived while this one is still running. */
    if (__atomic_load_n(&arrived, __ATOMIC_SEQ_CST) >= 2) {
      __atomic_store_n(&met, 1, __ATOMIC_SEQ_CST);
      return;
    }
    nanosleep(&(struct timespec){0, 100000}, 0);
  }
}

int main(void) {
  const char *e = getenv("PPAR_NUM_THREADS");
  int threads = e ? atoi(e) : 2;
  __ppar_rt_scope_enter();
  for (int i = 0; i < TASKS; i++)
    __ppar_rt_task_release(__ppar_rt_task_create(
        "locked", __FILE__, __LINE__, locked_task, 0, 0, 0, 0, 0, 0, 0, 0));
  ppar_compute();
  printf("counter = %ld\n", counter);
  for (int i = 0; i < TASKS; i++)
    __ppar_rt_task_release(__ppar_rt_task_create(
        "free", __FILE__, __LINE__, nogil_task, &threads, sizeof threads, 0, 0,
        0, 0, 0, __PPAR_RT_TASK_NOGIL));
  __ppar_rt_scope_leave();
  printf("atomic = %ld\n", __atomic_load_n(&atomic_counter, __ATOMIC_SEQ_CST));
  int ok = threads < 2 ? 1 : __atomic_load_n(&met, __ATOMIC_SEQ_CST);
  printf("%s\n", ok ? "concurrency as expected" : "nogil tasks never overlapped");
  return 0;
}
