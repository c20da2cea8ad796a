// A loop of tasks each writing parts[i] (a byte range of one array), then a
// task that reads the whole array and sums it: it depends on all of them
// through memory alone, and the writers, touching disjoint bytes, may run
// at once.
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
// CHECK:      total = 1000000

#define PPAR_USE_RUNTIME 1
#include "ppar_rt_abi.h"

#include <stdio.h>

enum { P = 1000, M = 1000 };

struct fill_args { long *part; };
static void fill_task(void *a, void *r) {
  (void)r;
  long *part = ((struct fill_args *)a)->part;
  long s = 0;
  for (int j = 0; j < M; j++)
    s += 1;
  *part = s;
}

struct sum_args { const long *parts; };
static void sum_task(void *a, void *r) {
  const long *parts = ((struct sum_args *)a)->parts;
  long s = 0;
  for (int i = 0; i < P; i++)
    s += parts[i];
  *(long *)r = s;
}

int main(void) {
  static long parts[P];
  __ppar_rt_scope_enter();
  for (int i = 0; i < P; i++) {
    struct fill_args a = {&parts[i]};
    struct __ppar_rt_access acc = {&parts[i], &parts[i] + 1, __PPAR_RT_ACCESS_WRITE};
    __ppar_rt_task_release(__ppar_rt_task_create(
        "fill", __FILE__, __LINE__, fill_task, &a, sizeof a, 0, &acc, 1, 0, 0,
        __PPAR_RT_TASK_NOGIL));
  }
  struct sum_args a = {parts};
  struct __ppar_rt_access acc = {parts, parts + P, __PPAR_RT_ACCESS_READ};
  struct __ppar_rt_task *s = __ppar_rt_task_create(
      "sum", __FILE__, __LINE__, sum_task, &a, sizeof a, sizeof(long), &acc, 1,
      0, 0, __PPAR_RT_TASK_NOGIL);
  printf("total = %ld\n", *(long *)__ppar_rt_task_force(s));
  __ppar_rt_task_release(s);
  __ppar_rt_scope_leave();
  return 0;
}
