// A delayed f that calls a delayed g, with main returning while the f task
// is still pending: main's scope exit runs f on the same thread, and f opens
// and closes a scope of its own inside that exit. The runtime used to keep
// one list of scope marks per thread and free it when the inner scope
// closed, under the outer exit still walking it: a segfault with any number
// of threads. Compared with the serial build, and run under ASan and TSan.
// RUN: %cc_ppar -O1 %s -o %t %link_rt
// RUN: %cc_plain -O1 %s -o %t.plain
// RUN: %check_run %t.plain %t
// RUN: %cc_ppar -g -fsanitize=address,undefined %s -o %t.asan %rt_asan -lpthread -ldl
// RUN: %cc_ppar -g -fsanitize=thread %s -o %t.tsan %rt_tsan -lpthread -ldl
// RUN: env PPAR_NUM_THREADS=1 %t.asan | FileCheck %s
// RUN: env PPAR_NUM_THREADS=2 %t.asan | FileCheck %s
// RUN: env PPAR_NUM_THREADS=1 TSAN_OPTIONS=halt_on_error=1 %t.tsan | FileCheck %s
// RUN: env PPAR_NUM_THREADS=4 TSAN_OPTIONS=halt_on_error=1 %t.tsan | FileCheck %s
// CHECK: done 11
#include <stdio.h>

static int sink;

#pragma ppar delayed
static int g(int x) { return x + 1; }

#pragma ppar delayed
static int f(int x) {
  int y = g(x);
  return y * 2;
}

/* Tasks three deep, each scope left while its creator's exit runs it. */
#pragma ppar delayed
static int h(int x) {
  f(x);
  int z = f(x + 1);
  return z + 1;
}

int main(void) {
  f(1);
  h(2);
  sink = h(3);
  printf("done %d\n", sink);
  return 0;
}
