// Fan-out/fan-in: 10,000 nogil tasks, then one task that takes all their
// futures and sums them.
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
// CHECK:      sum = 50005000

#define PPAR_USE_RUNTIME 1
#include "ppar_rt_abi.h"

#include <stdio.h>
#include <stdlib.h>

enum { N = 10000 };

static void sq_task(void *a, void *r) { *(long *)r = *(int *)a + 1; }

struct sum_args { struct __ppar_rt_task **ts; };
static void sum_task(void *a, void *r) {
  struct sum_args *p = a;
  long s = 0;
  for (int i = 0; i < N; i++)
    s += *(long *)__ppar_rt_task_force(p->ts[i]);
  *(long *)r = s;
}

int main(void) {
  struct __ppar_rt_task **ts = malloc(N * sizeof *ts);
  __ppar_rt_scope_enter();
  for (int i = 0; i < N; i++)
    ts[i] = __ppar_rt_task_create("one", __FILE__, __LINE__, sq_task, &i,
                                  sizeof i, sizeof(long), 0, 0, 0, 0,
                                  __PPAR_RT_TASK_NOGIL);
  struct sum_args a = {ts};
  struct __ppar_rt_task *s = __ppar_rt_task_create(
      "sum", __FILE__, __LINE__, sum_task, &a, sizeof a, sizeof(long), 0, 0,
      ts, N, __PPAR_RT_TASK_NOGIL);
  printf("sum = %ld\n", *(long *)__ppar_rt_task_force(s));
  __ppar_rt_task_release(s);
  for (int i = 0; i < N; i++)
    __ppar_rt_task_release(ts[i]);
  __ppar_rt_scope_leave();
  free(ts);
  return 0;
}
