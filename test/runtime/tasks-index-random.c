// The index of pending accesses against a brute-force oracle: 1,500 lazy
// tasks with 1 to 3 random accesses each (reads, writes, read-writes of
// 8-byte cells, of short ranges that may cross a 64-byte cell boundary, of
// longer ranges, of the whole buffer, and of "anywhere"), then forces of
// random tasks. Forcing a task runs exactly its not-yet-run ancestors, so
// after each force the set of tasks that ran must equal what the oracle
// computes from every pair of conflicting accesses in program order (the
// runtime may drop covered accesses, which keeps the same ancestors).
//
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t.asan -lpthread -ldl
// DEFINE: %{fc} = FileCheck %s --match-full-lines --implicit-check-not=WARNING --implicit-check-not=ERROR --implicit-check-not=ppar:
// RUN: env PPAR_NUM_THREADS=1 TSAN_OPTIONS=halt_on_error=1 %t.tsan 2>&1 | %{fc}
// RUN: env PPAR_NUM_THREADS=8 TSAN_OPTIONS=halt_on_error=1 %t.tsan 2>&1 | %{fc}
// RUN: env PPAR_NUM_THREADS=2 ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 %t.asan 2>&1 | %{fc}
//
// CHECK:      forces: 60, all as the oracle says
// CHECK-NEXT: compute: 1500 ran

#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { M = 1500, LATE = 100, BUF = 1 << 17, FORCES = 60 };

static _Alignas(64) char buf[BUF];
static unsigned char ran[M]; /* atomic */
static struct __ppar_rt_access acc[M][3];
static int nacc[M];
static unsigned char want[M]; /* oracle: ran so far */
static unsigned long rng = 12345;

static unsigned rnd(unsigned n) {
  rng = rng * 6364136223846793005ul + 1442695040888963407ul;
  return (unsigned)(rng >> 33) % n;
}

static void mark_task(void *a, void *r) {
  (void)r;
  __atomic_store_n(&ran[*(int *)a], 1, __ATOMIC_SEQ_CST);
}

/* Sparse enough that a force runs a few tasks, not all earlier ones: only
 * the last LATE tasks touch "anywhere" or the whole buffer (which link
 * everything before them), and those mostly read. */
static struct __ppar_rt_access random_access(int task) {
  unsigned kind = task < M - LATE ? 60 + rnd(940) : rnd(1000), lo, len;
  int mode = 1 + (int)rnd(3);
  if (kind < 60)
    mode = kind < 20 ? mode : 1;
  if (kind < 30)
    return (struct __ppar_rt_access){__PPAR_RT_ANYWHERE_LO, __PPAR_RT_ANYWHERE_HI, mode};
  if (kind < 60) {
    lo = 0, len = BUF;
  } else if (kind < 700) {
    lo = 8 * rnd(BUF / 8), len = 8;
  } else if (kind < 960) {
    lo = rnd(BUF - 100), len = 1 + rnd(99);
  } else {
    lo = rnd(BUF - 1000), len = 100 + rnd(900);
  }
  return (struct __ppar_rt_access){buf + lo, buf + lo + len, mode};
}

static int conflict(const struct __ppar_rt_access *a,
                    const struct __ppar_rt_access *b) {
  const char *alo = a->lo, *ahi = a->hi, *blo = b->lo, *bhi = b->hi;
  return alo < bhi && blo < ahi && ((a->mode | b->mode) & 2);
}

static int depends(int i, int j) { /* j < i */
  for (int x = 0; x < nacc[i]; x++)
    for (int y = 0; y < nacc[j]; y++)
      if (conflict(&acc[i][x], &acc[j][y]))
        return 1;
  return 0;
}

/* Marks in want the ancestors of t that have not run (and t). */
static void oracle_force(int t) {
  static int stack[M];
  int n = 0;
  if (want[t])
    return;
  want[t] = 1;
  stack[n++] = t;
  while (n) {
    int i = stack[--n];
    for (int j = 0; j < i; j++)
      if (!want[j] && depends(i, j)) {
        want[j] = 1;
        stack[n++] = j;
      }
  }
}

int main(void) {
  static struct __ppar_rt_task *ts[M];
  __ppar_rt_scope_enter();
  for (int i = 0; i < M; i++) {
    nacc[i] = 1 + (int)rnd(3);
    for (int k = 0; k < nacc[i]; k++)
      acc[i][k] = random_access(i);
    ts[i] = __ppar_rt_task_create("mark", __FILE__, __LINE__, mark_task, &i,
                                  sizeof i, 0, acc[i], nacc[i], 0, 0,
                                  __PPAR_RT_TASK_NOGIL);
  }
  int bad = -1;
  for (int f = 0; f < FORCES && bad < 0; f++) {
    int t = (int)rnd(f < FORCES / 2 ? M - LATE : M);
    __ppar_rt_task_force(ts[t]);
    oracle_force(t);
    for (int i = 0; i < M; i++)
      if (__atomic_load_n(&ran[i], __ATOMIC_SEQ_CST) != want[i]) {
        printf("force %d of task %d: task %d %s\n", f, t, i,
               want[i] ? "did not run" : "ran, but is no ancestor");
        bad = f;
        break;
      }
  }
  if (bad < 0)
    printf("forces: %d, all as the oracle says\n", FORCES);
  ppar_compute();
  int n = 0;
  for (int i = 0; i < M; i++)
    n += __atomic_load_n(&ran[i], __ATOMIC_SEQ_CST);
  printf("compute: %d ran\n", n);
  for (int i = 0; i < M; i++)
    __ppar_rt_task_release(ts[i]);
  __ppar_rt_scope_leave();
  return 0;
}
