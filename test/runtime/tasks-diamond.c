// The Dask inc/add diamond, written as the plugin would generate it:
// x = inc(1), y = inc(2), z = add(x, y). Nothing runs before z is forced;
// forcing z runs exactly its ancestors (an unrelated task stays pending
// until ppar_compute); results are right at 1, 2 and 8 threads under
// ThreadSanitizer and AddressSanitizer.
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
// CHECK:      before force: 0 ran
// CHECK-NEXT: z = 5
// CHECK-NEXT: after force: 3 ran, w pending: 1
// CHECK-NEXT: w = 11
// CHECK-NEXT: after compute: 4 ran

#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <stdio.h>

static int ran; /* atomic */

struct inc_args { int x; };
static int inc(int x) { __atomic_fetch_add(&ran, 1, __ATOMIC_SEQ_CST); return x + 1; }
static void inc_task(void *a, void *r) { *(int *)r = inc(((struct inc_args *)a)->x); }

/* add(x, y) takes two futures: the generated wrapper reads their results. */
struct add_args { struct __ppar_rt_task *x, *y; };
static void add_task(void *a, void *r) {
  struct add_args *p = a;
  __atomic_fetch_add(&ran, 1, __ATOMIC_SEQ_CST);
  *(int *)r = *(int *)__ppar_rt_task_force(p->x) + *(int *)__ppar_rt_task_force(p->y);
}

static struct __ppar_rt_task *call_inc(int x, unsigned line) {
  struct inc_args a = {x};
  return __ppar_rt_task_create("inc", __FILE__, line, inc_task, &a, sizeof a,
                               sizeof(int), 0, 0, 0, 0, 0);
}

int main(void) {
  __ppar_rt_scope_enter();
  struct __ppar_rt_task *x = call_inc(1, __LINE__);
  struct __ppar_rt_task *y = call_inc(2, __LINE__);
  struct add_args aa = {x, y};
  struct __ppar_rt_task *deps[] = {x, y};
  struct __ppar_rt_task *z = __ppar_rt_task_create(
      "add", __FILE__, __LINE__, add_task, &aa, sizeof aa, sizeof(int), 0, 0,
      deps, 2, 0);
  struct __ppar_rt_task *w = call_inc(10, __LINE__);
  printf("before force: %d ran\n", __atomic_load_n(&ran, __ATOMIC_SEQ_CST));
  printf("z = %d\n", *(int *)__ppar_rt_task_force(z));
  printf("after force: %d ran, w pending: %d\n",
         __atomic_load_n(&ran, __ATOMIC_SEQ_CST), __atomic_load_n(&ran, __ATOMIC_SEQ_CST) == 3);
  ppar_compute();
  printf("w = %d\n", *(int *)__ppar_rt_task_force(w));
  printf("after compute: %d ran\n", __atomic_load_n(&ran, __ATOMIC_SEQ_CST));
  __ppar_rt_task_release(x);
  __ppar_rt_task_release(y);
  __ppar_rt_task_release(z);
  __ppar_rt_task_release(w);
  __ppar_rt_scope_leave();
  return 0;
}
