// 100 in-place updates x = 2x + 1 of one buffer, each a task that reads and
// writes the whole buffer: the order changes the answer (the first task also
// sets a stamp the others fold in), so the result equals the serial one only
// if program order is kept. A plain read after them waits through
// __ppar_rt_wait_memory. Half the tasks update only the lower half
// (byte ranges), which must still order them with the whole-buffer ones.
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
// CHECK:      chain: same as serial

#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <stdio.h>
#include <string.h>

enum { N = 256, STEPS = 100 };

struct upd_args { unsigned long *buf; int n, k; };
static void update(unsigned long *buf, int n, int k) {
  for (int i = 0; i < n; i++)
    buf[i] = (2 * buf[i] + 1) ^ (unsigned long)(k * 7919);
}
static void upd_task(void *a, void *r) {
  (void)r;
  struct upd_args *p = a;
  update(p->buf, p->n, p->k);
}

int main(void) {
  static unsigned long buf[N], ref[N];
  for (int i = 0; i < N; i++)
    buf[i] = ref[i] = (unsigned long)i;
  for (int k = 0; k < STEPS; k++)
    update(ref, k % 3 == 1 ? N / 2 : N, k);

  __ppar_rt_scope_enter();
  for (int k = 0; k < STEPS; k++) {
    int n = k % 3 == 1 ? N / 2 : N;
    struct upd_args a = {buf, n, k};
    struct __ppar_rt_access acc = {buf, buf + n, __PPAR_RT_ACCESS_READWRITE};
    /* Some of them nogil, some eager: order must not depend on it. */
    unsigned flags = (k % 2 ? __PPAR_RT_TASK_NOGIL : 0) |
                     (k % 5 == 0 ? __PPAR_RT_TASK_EAGER : 0);
    __ppar_rt_task_release(__ppar_rt_task_create(
        "update", __FILE__, __LINE__, upd_task, &a, sizeof a, 0, &acc, 1, 0,
        0, flags));
  }
  __ppar_rt_wait_memory(buf, buf + N, __PPAR_RT_ACCESS_READ);
  printf("chain: %s\n", memcmp(buf, ref, sizeof buf) ? "DIFFERENT" : "same as serial");
  __ppar_rt_scope_leave();
  return 0;
}
