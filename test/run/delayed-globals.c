// nogil tasks that reach globals only through pointers the plugin cannot
// follow (a global pointer to a pointer, a linked list, a pointer a callee
// returns, a local pointer to a local pointer): each such task touches all
// of memory, so the tasks and the caller's reads keep the serial order.
// Compared with the serial build, and under TSan (a missed order is a race
// between nogil tasks).
// RUN: %cc_ppar -O1 %s -o %t %link_rt
// RUN: %cc_plain -O1 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
// RUN: %cc_ppar -g -fsanitize=thread %s -o %t.tsan %rt_tsan -lpthread -ldl
// RUN: env PPAR_NUM_THREADS=4 TSAN_OPTIONS=halt_on_error=1 %t.tsan | FileCheck %s
// CHECK: 8 24 13 15 100 7 7 3
#include <stdio.h>
#include <ppar.h>
static int a[8], b[8];
static int *pa = a, **ppa = &pa;
static struct node { int v; struct node *next; } n2 = {2, 0}, n1 = {1, &n2};
static int total;
PPAR_DELAYED(nogil) static void inc_all(int k) { for (int i = 0; i < 8; i++) (*ppa)[i] += k; }
PPAR_DELAYED(nogil) static int sum_a(void) { int s = 0; for (int i = 0; i < 8; i++) s += a[i]; return s; }
static void walk(struct node *n, int d) { for (; n; n = n->next) n->v += d; }
PPAR_DELAYED(nogil) static void bump_list(int d) { walk(&n1, d); }
PPAR_DELAYED(nogil) static int list_sum(void) { int s = 0; for (struct node *n = &n1; n; n = n->next) s += n->v; return s; }
static int *pick(int w) { return w ? a : b; }
PPAR_DELAYED(nogil) static void via_call(int w, int v) { pick(w)[3] = v; }
PPAR_DELAYED(nogil) static void add_total(int v) { int *t = &total; int **tt = &t; **tt += v; }
int main(void) {
  inc_all(1);
  int s1 = sum_a();
  inc_all(2);
  int s2 = sum_a();
  bump_list(5);
  int l1 = list_sum();
  bump_list(1);
  via_call(1, 100);
  via_call(0, 7);
  add_total(3);
  add_total(4);
  printf("%d %d %d %d %d %d %d %d\n", s1, s2, l1, n1.v + n2.v, a[3], b[3], total, *pa);
  return 0;
}
