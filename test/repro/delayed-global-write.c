// Tasks that touch globals besides their arguments. A delayed f wrote a
// global and its caller read the global right after the call without
// waiting for the task (g=1 printed instead of 5). What a delayed function
// and the functions it calls (of the file, transitively, recursion
// included) read and write of file-scope variables are now accesses of its
// task, and memory it reaches through a pointer the plugin cannot follow
// (a global pointer, a static local, an unknown function) is all of memory:
// the caller's statements wait for them, a later task writing a global
// waits for an earlier one reading it. Compared with the serial build.
// RUN: %cc_ppar -O1 %s -o %t %link_rt
// RUN: %cc_plain -O1 %s -o %t.plain
// RUN: %check_run %t.plain %t
// RUN: %cc_ppar -fsyntax-only -fplugin-arg-ppar-report %s 2>&1 | FileCheck %s
// CHECK-DAG: remark: tasks of 'f' also touch the globals 'g' (written), ordered like their arguments
// CHECK-DAG: remark: tasks of 'read_g' also touch the globals 'g' (read), ordered like their arguments
// CHECK-DAG: remark: tasks of 'fill' also touch the globals 'arr' (written), 'st' (written), ordered like their arguments
// CHECK-DAG: remark: tasks of 'pointers' are ordered with all memory
// CHECK-DAG: remark: tasks of 'sum_to' are ordered with all memory
#include <stdio.h>

static int g = 1;
static int arr[4];
static struct { int a; long b; } st;
static int *gp = &arr[2];
static int hits;

#pragma ppar delayed
static int f(int x) {
  g = g * 3 + x;
  return g;
}

/* A reader of g: a later writer must not overtake it. */
#pragma ppar delayed
static int read_g(int k) { return g * k; }

/* Writes through a helper of the file, not itself delayed. */
static void put(int i, int v) { arr[i] = v; st.b += v; }
#pragma ppar delayed
static void fill(int v) {
  for (int i = 0; i < 4; i++)
    put(i, v + i);
}

/* Through a local pointer, a global pointer, a parameter. */
static void through(int *p, int v) { *p += v; }
#pragma ppar delayed
static void pointers(int v) {
  int *q = &st.a;
  through(q, v);
  *gp += v;
}

/* Recursion, and a static local counting calls. */
static int count_calls(void) {
  static int calls;
  return ++calls;
}
#pragma ppar delayed
static int sum_to(int n) {
  hits += 1;
  count_calls();
  return n ? n + sum_to(n - 1) : 0;
}

int main(void) {
  int a = f(2);
  printf("g=%d\n", g);
  printf("a=%d\n", a);
  int r = read_g(10); /* reads g = 5 */
  f(1);               /* writes g = 16 after the read */
  printf("r=%d g=%d\n", r, g);
  fill(10);
  printf("arr=%d %d %d %d b=%ld\n", arr[0], arr[1], arr[2], arr[3], st.b);
  pointers(5);
  pointers(7);
  printf("st.a=%d arr[2]=%d\n", st.a, arr[2]);
  int s = sum_to(10);
  hits *= 2;
  printf("s=%d hits=%d calls=%d\n", s, hits, count_calls());
  return 0;
}
