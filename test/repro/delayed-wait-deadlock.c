// outer(inner(1), p): outer's task depends on inner's future and, p being
// a parameter, touches all of memory. inner, running as a task, waits for
// the memory of g before it gives &g to leaf; that wait used to include the
// pending outer task, itself waiting for inner: a cycle, and the program
// hung with any number of threads. A wait inside a task now only waits for
// tasks before that task in program order (and those it made), and a task
// made inside another gets no edge from a later one. Compared with the
// serial build; the timeout turns a hang into a failure. The same with
// ppar_compute() inside the first task: it waited for every pending task,
// the later one waiting for it included.
// RUN: %cc_ppar -O1 %s -o %t %link_rt
// RUN: %cc_plain -O1 %s -o %t.plain
// RUN: timeout 60 %check_run %t.plain %t
// RUN: %cc_ppar -g -fsanitize=thread %s -o %t.tsan %rt_tsan -lpthread -ldl
// RUN: env PPAR_NUM_THREADS=4 TSAN_OPTIONS=halt_on_error=1 timeout 60 %t.tsan | FileCheck %s
// CHECK: 4 9 20 22
#include <ppar.h>
#include <stdio.h>

static int g = 1;

#pragma ppar delayed
static int leaf(int *p) { return *p + 1; }

#pragma ppar delayed
static int inner(int v) {
  int *q = &g;
  int t = leaf(q);
  return t + v;
}

#pragma ppar delayed
static int outer(int a, int *p) { return a + *p; }

/* A task that updates what it was given and calls a delayed function on
 * the same memory: the inner task must not wait for its creator. */
#pragma ppar delayed
static void bump(int *p) { *p += 1; }

#pragma ppar delayed
static int twice(int *p) {
  bump(p);
  bump(p);
  return *p;
}

#pragma ppar delayed
static int computes(int v) {
  ppar_compute();
  return v + 1;
}

static int run(int *p) {
  int r = outer(inner(1), p);
  return r;
}

int main(void) {
  int x = 1, y = 7;
  int a = run(&x);
  int b = twice(&y);
  int c = outer(inner(b), &y);
  int d = outer(computes(c), &x);
  printf("%d %d %d %d\n", a, b, c, d);
  return 0;
}
