// 1,000,000 empty tasks through the plain (unsanitised, optimised) static
// runtime at 1, 2 and 8 threads: each runs exactly once, and the program
// ends (no lost wake-up, no hang). Half are lazy and computed together, half
// eager in chains of dependences through memory. Not timed here; see
// bench/tasks_overhead.c.
//
// RUN: %clang -std=c11 -O2 -I%include -I%rt_src %s %libdir/libppar_rt.a -o %t -lpthread -ldl
// RUN: env PPAR_NUM_THREADS=1 %t | FileCheck %s --match-full-lines
// RUN: env PPAR_NUM_THREADS=2 %t | FileCheck %s --match-full-lines
// RUN: env PPAR_NUM_THREADS=8 %t | FileCheck %s --match-full-lines
// CHECK:      lazy: 500000 ran
// CHECK-NEXT: chains: 500000 ran, cells ok

#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <stdio.h>

enum { N = 500000, CELLS = 64 };

static long ran; /* atomic */
static long cells[CELLS];

static void empty_task(void *a, void *r) {
  (void)a; (void)r;
  __atomic_fetch_add(&ran, 1, __ATOMIC_RELAXED);
}

static void cell_task(void *a, void *r) {
  (void)r;
  long *c = *(long **)a;
  ++*c;
  __atomic_fetch_add(&ran, 1, __ATOMIC_RELAXED);
}

int main(void) {
  for (int i = 0; i < N; i++)
    __ppar_rt_task_release(__ppar_rt_task_create(
        "empty", __FILE__, __LINE__, empty_task, 0, 0, 0, 0, 0, 0, 0,
        __PPAR_RT_TASK_NOGIL));
  ppar_compute();
  printf("lazy: %ld ran\n", __atomic_load_n(&ran, __ATOMIC_SEQ_CST));

  __atomic_store_n(&ran, 0, __ATOMIC_SEQ_CST);
  __ppar_rt_scope_enter();
  for (int i = 0; i < N; i++) {
    long *c = &cells[i % CELLS];
    struct __ppar_rt_access acc = {c, c + 1, __PPAR_RT_ACCESS_READWRITE};
    __ppar_rt_task_release(__ppar_rt_task_create(
        "cell", __FILE__, __LINE__, cell_task, &c, sizeof c, 0, &acc, 1, 0, 0,
        __PPAR_RT_TASK_NOGIL | __PPAR_RT_TASK_EAGER));
  }
  __ppar_rt_scope_leave();
  int ok = 1;
  for (int i = 0; i < CELLS; i++)
    ok &= cells[i] == N / CELLS + (i < N % CELLS);
  printf("chains: %ld ran, cells %s\n", __atomic_load_n(&ran, __ATOMIC_SEQ_CST),
         ok ? "ok" : "WRONG");
  return 0;
}
