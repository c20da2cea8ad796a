// __ppar_rt_choose for functions that have a CUDA variant, on a machine
// without a usable GPU (CUDA_VISIBLE_DEVICES="" hides every GPU, so this
// runs the same where one is present). target=cuda falls back to the CPU
// and says so once per process (not once per function); target=auto falls
// back silently (logged under PPAR_VERBOSE); PPAR_TARGET=cuda ends the
// program with one line naming the function; PPAR_TARGET=cpu never picks
// CUDA; PPAR_DISABLE_JIT wins over everything; PPAR_CHECK keeps picking the
// (CPU) checking variant.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// DEFINE: %{run} = env CUDA_VISIBLE_DEVICES= UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t
//
// RUN: %{run} 2>&1 | FileCheck %s --match-full-lines
// CHECK:      ppar: cuda1 (k.c:10): no CUDA device ({{.+}}); running on the CPU
// CHECK-NEXT: cuda1=1 cuda2=1 auto=1 cpu=1 serial_only=0
// CHECK-NEXT: again cuda1=1 cuda2=1 auto=1 cpu=1 serial_only=0
// CHECK-NOT:  ppar:
//
// The same from 8 threads racing on the first calls: still one line.
// RUN: env CUDA_VISIBLE_DEVICES= TSAN_OPTIONS=halt_on_error=1 %t.tsan 8 2>&1 | FileCheck %s --check-prefix=THREADS --match-full-lines
// THREADS:     ppar: {{cuda1 \(k.c:10\)|cuda2 \(k.c:20\)}}: no CUDA device ({{.+}}); running on the CPU
// THREADS-NOT: ppar:
// THREADS:     threads agree: 1
//
// RUN: env PPAR_VERBOSE=1 %{run} 2>&1 | FileCheck %s --check-prefix=LOG --match-full-lines
// LOG:      ppar: cuda1 (k.c:10): no CUDA device ({{.+}}); running on the CPU
// LOG-NEXT: ppar: cuda1 (k.c:10): running the multi-core version (no CUDA device)
// LOG-NEXT: ppar: cuda2 (k.c:20): running the multi-core version (no CUDA device)
// LOG-NEXT: ppar: auto (k.c:30): running the multi-core version (no CUDA device)
// LOG-NEXT: ppar: cpu (k.c:40): running the multi-core version
// LOG-NEXT: ppar: serial_only (k.c:50): running the serial version (no CUDA device, and no multi-core version was generated)
//
// Asked for with PPAR_TARGET=cuda, the missing device is an error; stdout
// written before it comes first.
// RUN: env PPAR_TARGET=cuda not %{run} 2>&1 | FileCheck %s --check-prefix=FORCE --match-full-lines
// FORCE:      before the first call
// FORCE-NEXT: ppar: error: cuda1 (k.c:10): no CUDA device ({{.+}}); PPAR_TARGET=cuda forbids running on the CPU: unset it to fall back
// FORCE-NOT:  cuda1=
//
// RUN: env PPAR_TARGET=cpu %{run} 2>&1 | FileCheck %s --check-prefix=ONCPU --match-full-lines
// ONCPU:      before the first call
// ONCPU-NEXT: cuda1=1 cuda2=1 auto=1 cpu=1 serial_only=0
// ONCPU-NOT:  ppar:
//
// RUN: env PPAR_DISABLE_JIT=1 PPAR_TARGET=cuda %{run} 2>&1 | FileCheck %s --check-prefix=SERIAL --match-full-lines
// SERIAL:      before the first call
// SERIAL-NEXT: cuda1=0 cuda2=0 auto=0 cpu=0 serial_only=0
// SERIAL-NOT:  ppar:
//
// RUN: env PPAR_CHECK=1 %{run} 2>&1 | FileCheck %s --check-prefix=CHECKING --match-full-lines
// CHECKING: cuda1=2 cuda2=2 auto=2 cpu=2 serial_only=0

#include "ppar_rt_abi.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define ALL (1u << __PPAR_RT_CPU | 1u << __PPAR_RT_CHECK | 1u << __PPAR_RT_CUDA)
static struct __ppar_rt_fn cuda1 = {"cuda1", "k.c", 10, ALL,
                                    __PPAR_RT_TARGET_CUDA, 0};
static struct __ppar_rt_fn cuda2 = {"cuda2", "k.c", 20, ALL,
                                    __PPAR_RT_TARGET_CUDA, 0};
static struct __ppar_rt_fn autof = {"auto", "k.c", 30, ALL,
                                    __PPAR_RT_TARGET_AUTO, 0};
static struct __ppar_rt_fn cpu = {"cpu", "k.c", 40, ALL, __PPAR_RT_TARGET_CPU,
                                  0};
/* A CUDA variant but no multi-core one. */
static struct __ppar_rt_fn serial_only = {"serial_only", "k.c", 50,
                                          1u << __PPAR_RT_CUDA,
                                          __PPAR_RT_TARGET_AUTO, 0};

static void choose_all(int v[5]) {
  v[0] = __ppar_rt_choose(&cuda1);
  v[1] = __ppar_rt_choose(&cuda2);
  v[2] = __ppar_rt_choose(&autof);
  v[3] = __ppar_rt_choose(&cpu);
  v[4] = __ppar_rt_choose(&serial_only);
}

static void print(const char *prefix, const int v[5]) {
  printf("%scuda1=%d cuda2=%d auto=%d cpu=%d serial_only=%d\n", prefix, v[0],
         v[1], v[2], v[3], v[4]);
}

static int results[64][5];

static void *thread(void *arg) {
  int *v = results[(size_t)arg];
  /* Half the threads start with cuda2, so either may print the line. */
  if ((size_t)arg % 2)
    __ppar_rt_choose(&cuda2);
  choose_all(v);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1) {
    int n = atoi(argv[1]);
    pthread_t t[64];
    for (int i = 0; i < n; i++)
      pthread_create(&t[i], NULL, thread, (void *)(size_t)i);
    int agree = 1;
    for (int i = 0; i < n; i++) {
      pthread_join(t[i], NULL);
      for (int j = 0; j < 5; j++)
        agree &= results[i][j] == results[0][j];
    }
    printf("threads agree: %d\n", agree && results[0][0] == 1);
    return 0;
  }
  printf("before the first call\n"); /* stays in stdout's buffer (a pipe) */
  int v[5];
  choose_all(v);
  print("", v);
  choose_all(v);
  print("again ", v);
  return 0;
}
