// __ppar_rt_scope_leave runs and waits for the tasks created since its
// enter (a function returning), and only those: an outer lazy task stays
// pending until the outer scope ends. __ppar_rt_wait_memory orders a plain
// statement after the task writing what it reads, and forces nothing else.
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
// CHECK:      inner done: 1 1, outer pending: 0
// CHECK-NEXT: outer done: 1
// CHECK-NEXT: read after wait_memory: 7, unrelated pending: 0
// CHECK-NEXT: unrelated after scope: 9

#define PPAR_USE_RUNTIME 1
#include "ppar_rt_abi.h"

#include <stdio.h>

static int a1, a2, b; /* written by tasks, read after the waits */

struct set_args { int *p, v; };
static void set_task(void *a, void *r) {
  (void)r;
  struct set_args *s = a;
  *s->p = s->v;
}

static struct __ppar_rt_task *set(int *p, int v) {
  struct set_args a = {p, v};
  struct __ppar_rt_access acc = {p, p + 1, __PPAR_RT_ACCESS_WRITE};
  return __ppar_rt_task_create("set", __FILE__, __LINE__, set_task, &a,
                               sizeof a, 0, &acc, 1, 0, 0, __PPAR_RT_TASK_NOGIL);
}

static void inner(void) {
  __ppar_rt_scope_enter();
  __ppar_rt_task_release(set(&a1, 1));
  __ppar_rt_task_release(set(&a2, 1));
  __ppar_rt_scope_leave();
}

int main(void) {
  static int x, y;
  __ppar_rt_scope_enter();
  __ppar_rt_task_release(set(&b, 1));
  inner();
  /* wait_memory on b would force it: peek with the tasks' own ordering
   * instead, by reading a1/a2 (done) and b through an atomic load. */
  printf("inner done: %d %d, outer pending: %d\n", a1, a2,
         __atomic_load_n(&b, __ATOMIC_SEQ_CST));
  __ppar_rt_wait_memory(&b, &b + 1, __PPAR_RT_ACCESS_READ);
  printf("outer done: %d\n", b);

  __ppar_rt_task_release(set(&x, 7));
  __ppar_rt_task_release(set(&y, 9));
  __ppar_rt_wait_memory(&x, &x + 1, __PPAR_RT_ACCESS_READ);
  printf("read after wait_memory: %d, unrelated pending: %d\n", x,
         __atomic_load_n(&y, __ATOMIC_SEQ_CST));
  __ppar_rt_scope_leave();
  printf("unrelated after scope: %d\n", y);
  return 0;
}
