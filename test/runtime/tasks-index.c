// The index of pending accesses finds every conflict and only those. Tasks
// are lazy and forcing one runs exactly its ancestors, so the number of
// tasks that ran after each force shows which edges were made: 4,096
// writers of disjoint cells x[i]; one read-write of x[100:300) that must
// depend on exactly the 200 writers it overlaps (half-open ranges: x[99]
// and x[300] not); a read of "anywhere" that depends on everything before
// it and, being a read, on no later reader; 50 readers of all of x and a
// writer of one cell after them (write-after-read on a big range); a
// read-write of "anywhere" that a later one-cell reader must wait for.
// Values check the order as well.
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
// CHECK:      before: 0 ran
// CHECK-NEXT: overlap: 201 ran, x[99..300] 0 203 601 0
// CHECK-NEXT: anywhere read: 4099 ran, sum 8430956 ok, y 5, x[7] 8
// CHECK-NEXT: wait_memory x[7]: 4100 ran, x[7] -1
// CHECK-NEXT: readers then writer: 4151 ran, readers saw 11, x[10] 99
// CHECK-NEXT: anywhere write: 4153 ran, x[0] 42
// CHECK-NEXT: compute: 4153 ran

#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <stdio.h>

enum { N = 4096, READERS = 50 };

static long x[N], y;
static int ran; /* atomic */

static void count(void) { __atomic_fetch_add(&ran, 1, __ATOMIC_SEQ_CST); }
static int ran_now(void) { return __atomic_load_n(&ran, __ATOMIC_SEQ_CST); }

struct set_args { long *p, v; };
static void set_task(void *a, void *r) {
  (void)r;
  struct set_args *s = a;
  count();
  *s->p = s->v;
}

static void twice_task(void *a, void *r) { /* x[100:300) = 2x + 1 */
  (void)a; (void)r;
  count();
  for (int j = 100; j < 300; j++)
    x[j] = 2 * x[j] + 1;
}

static void sum_task(void *a, void *r) { /* reads all of x, and y */
  (void)a;
  count();
  long s = 0;
  for (int j = 0; j < N; j++)
    s += x[j];
  *(long *)r = s + 1000000000L * y;
}

static void peek_task(void *a, void *r) { /* reads *p */
  count();
  *(long *)r = **(long **)a;
}

static void everything_task(void *a, void *r) { /* reads and writes anything */
  (void)a; (void)r;
  count();
  x[0] = 42;
  y++;
}

#define RD __PPAR_RT_ACCESS_READ
#define WR __PPAR_RT_ACCESS_WRITE
#define RW __PPAR_RT_ACCESS_READWRITE
#define ANY __PPAR_RT_ANYWHERE_LO, __PPAR_RT_ANYWHERE_HI

static struct __ppar_rt_task *task(void (*fn)(void *, void *), void *args,
                                   size_t size, const void *lo, const void *hi,
                                   int mode) {
  struct __ppar_rt_access acc = {lo, hi, mode};
  return __ppar_rt_task_create("t", __FILE__, __LINE__, fn, args, size,
                               sizeof(long), &acc, 1, 0, 0,
                               __PPAR_RT_TASK_NOGIL);
}

static struct __ppar_rt_task *set(long *p, long v) {
  struct set_args a = {p, v};
  return task(set_task, &a, sizeof a, p, p + 1, WR);
}

static long force(struct __ppar_rt_task *t) {
  long v = *(long *)__ppar_rt_task_force(t);
  __ppar_rt_task_release(t);
  return v;
}

int main(void) {
  __ppar_rt_scope_enter();
  for (int i = 0; i < N; i++)
    __ppar_rt_task_release(set(&x[i], i + 1));
  struct __ppar_rt_task *o = task(twice_task, 0, 0, x + 100, x + 300, RW);
  struct __ppar_rt_task *any = task(sum_task, 0, 0, ANY, RD);
  __ppar_rt_task_release(set(&x[7], -1));
  struct __ppar_rt_task *c = set(&y, 5);
  printf("before: %d ran\n", ran_now());

  force(o);
  printf("overlap: %d ran, x[99..300] %ld %ld %ld %ld\n", ran_now(), x[99],
         x[100], x[299], x[300]);

  force(c);
  long want = 0;
  for (long j = 0; j < N; j++)
    want += j >= 100 && j < 300 ? 2 * (j + 1) + 1 : j + 1;
  long sum = force(any);
  printf("anywhere read: %d ran, sum %ld %s, y %ld, x[7] %ld\n", ran_now(), sum,
         sum == want ? "ok" : "WRONG", y, x[7]);

  __ppar_rt_wait_memory(x + 7, x + 8, RD);
  printf("wait_memory x[7]: %d ran, x[7] %ld\n", ran_now(), x[7]);

  struct __ppar_rt_task *readers[READERS];
  for (int k = 0; k < READERS; k++) {
    long *p = &x[10];
    readers[k] = task(peek_task, &p, sizeof p, x, x + N, RD);
  }
  force(set(&x[10], 99));
  int same = 1;
  for (int k = 0; k < READERS; k++)
    same &= force(readers[k]) == 11;
  printf("readers then writer: %d ran, readers saw %s, x[10] %ld\n", ran_now(),
         same ? "11" : "OTHER", x[10]);

  __ppar_rt_task_release(task(everything_task, 0, 0, ANY, RW));
  long *p0 = &x[0];
  long seen = force(task(peek_task, &p0, sizeof p0, x, x + 1, RD));
  printf("anywhere write: %d ran, x[0] %ld\n", ran_now(), seen);

  ppar_compute();
  printf("compute: %d ran\n", ran_now());
  __ppar_rt_scope_leave();
  return 0;
}
