// Lazy against eager: a lazy task's side effect is not visible before it is
// forced, even after waiting; an eager one happens without a force (with 2+
// threads a worker runs it; with 1 the next wait does: here ppar_compute).
// A task that forces another from inside (nested) while holding the global
// lock lets it go while it waits.
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
// CHECK:      lazy before force: 0
// CHECK-NEXT: lazy after force: 1
// CHECK-NEXT: eager ran without force: 1
// CHECK-NEXT: nested: 42

#define _POSIX_C_SOURCE 200809L
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int lazy_flag, eager_flag; /* atomic */

static void set_task(void *a, void *r) {
  (void)r;
  __atomic_store_n(*(int **)a, 1, __ATOMIC_SEQ_CST);
}

static void answer_task(void *a, void *r) { (void)a; *(int *)r = 42; }
static void outer_task(void *a, void *r) {
  (void)a;
  __ppar_rt_scope_enter();
  struct __ppar_rt_task *in = __ppar_rt_task_create(
      "answer", __FILE__, __LINE__, answer_task, 0, 0, sizeof(int), 0, 0, 0, 0, 0);
  *(int *)r = *(int *)__ppar_rt_task_force(in);
  __ppar_rt_task_release(in);
  __ppar_rt_scope_leave();
}

int main(void) {
  const char *e = getenv("PPAR_NUM_THREADS");
  int threads = e ? atoi(e) : 2;
  __ppar_rt_scope_enter();
  int *p = &lazy_flag;
  struct __ppar_rt_task *l = __ppar_rt_task_create(
      "lazy", __FILE__, __LINE__, set_task, &p, sizeof p, 0, 0, 0, 0, 0,
      __PPAR_RT_TASK_NOGIL);
  nanosleep(&(struct timespec){0, 50000000}, 0);
  printf("lazy before force: %d\n", __atomic_load_n(&lazy_flag, __ATOMIC_SEQ_CST));
  __ppar_rt_task_force(l);
  printf("lazy after force: %d\n", __atomic_load_n(&lazy_flag, __ATOMIC_SEQ_CST));
  __ppar_rt_task_release(l);

  p = &eager_flag;
  struct __ppar_rt_task *g = __ppar_rt_task_create(
      "eager", __FILE__, __LINE__, set_task, &p, sizeof p, 0, 0, 0, 0, 0,
      __PPAR_RT_TASK_NOGIL | __PPAR_RT_TASK_EAGER);
  if (threads >= 2) {
    for (int i = 0; i < 10000 && !__atomic_load_n(&eager_flag, __ATOMIC_SEQ_CST); i++)
      nanosleep(&(struct timespec){0, 1000000}, 0);
  } else {
    ppar_compute();
  }
  printf("eager ran without force: %d\n", __atomic_load_n(&eager_flag, __ATOMIC_SEQ_CST));
  __ppar_rt_task_release(g);

  struct __ppar_rt_task *o = __ppar_rt_task_create(
      "outer", __FILE__, __LINE__, outer_task, 0, 0, sizeof(int), 0, 0, 0, 0, 0);
  printf("nested: %d\n", *(int *)__ppar_rt_task_force(o));
  __ppar_rt_task_release(o);
  __ppar_rt_scope_leave();
  return 0;
}
