// The first calls of __ppar_rt_choose race from many threads, which also
// race on reading the settings and probing for devices: every thread gets
// the same answer, each function's decision is logged once, and neither
// ThreadSanitizer nor AddressSanitizer finds a fault.
//
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t.asan -lpthread -ldl
// DEFINE: %{tsan} = env TSAN_OPTIONS=halt_on_error=1 %t.tsan
// DEFINE: %{asan} = env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t.asan
//
// RUN: %{tsan} 8 | FileCheck %s --check-prefix=JIT
// RUN: %{tsan} 2 | FileCheck %s --check-prefix=JIT
// RUN: %{tsan} 32 | FileCheck %s --check-prefix=JIT
// RUN: %{asan} 8 | FileCheck %s --check-prefix=JIT
// JIT: f0=1 f1=1 f2=0 f3=1
//
// RUN: env PPAR_DISABLE_JIT=1 %{tsan} 8 | FileCheck %s --check-prefix=SERIAL
// RUN: env PPAR_DISABLE_JIT=1 %{asan} 8 | FileCheck %s --check-prefix=SERIAL
// SERIAL: f0=0 f1=0 f2=0 f3=0
//
// Sorted, the log has each function once (a repeat would sort next to it).
// RUN: env PPAR_VERBOSE=1 %{tsan} 8 2>&1 | sort | FileCheck %s --check-prefix=LOG --match-full-lines
// RUN: env PPAR_VERBOSE=1 %{asan} 8 2>&1 | sort | FileCheck %s --check-prefix=LOG --match-full-lines
// LOG:      f0=1 f1=1 f2=0 f3=1
// LOG-NEXT: ppar: f0 (threads.c:10): running the multi-core version
// LOG-NEXT: ppar: f1 (threads.c:11): running the multi-core version
// LOG-NEXT: ppar: f2 (threads.c:12): running the serial version (no multi-core version was generated)
// LOG-NEXT: ppar: f3 (threads.c:13): running the multi-core version
// LOG-NEXT: ppar: no CUDA device: {{.+}}
// LOG-NEXT: ppar: settings: {{.+}}
// LOG-NEXT: threads=8 ok
// LOG-EMPTY:
// RUN: env PPAR_VERBOSE=1 CUDA_VISIBLE_DEVICES= %{tsan} 8 2>&1 | FileCheck %s --check-prefix=ONCE
// ONCE-COUNT-1: ppar: no CUDA device
// ONCE-NOT:     ppar: no CUDA device

#define _POSIX_C_SOURCE 200809L /* pthread_barrier_t */
#include "ppar_rt_abi.h"
#define PPAR_USE_RUNTIME 1
#include "ppar.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NFNS 4
#define MAX_THREADS 64
#define ROUNDS 10000

static struct __ppar_rt_fn fns[NFNS] = {
    {"f0", "threads.c", 10, 1u << __PPAR_RT_CPU, 0},
    {"f1", "threads.c", 11, (1u << __PPAR_RT_SERIAL) | (1u << __PPAR_RT_CPU),
     0},
    {"f2", "threads.c", 12, 0u, 0},
    {"f3", "threads.c", 13, 1u << __PPAR_RT_CPU, 0},
};

static pthread_barrier_t start;
static int results[MAX_THREADS][NFNS];
static int devices[MAX_THREADS];

static void *worker(void *arg) {
  int id = (int)(size_t)arg;
  pthread_barrier_wait(&start); /* all threads make their first call at once */
  devices[id] = ppar_device_count();
  for (int i = 0; i < NFNS; i++) { /* each thread in its own order */
    int f = (i + id) % NFNS;
    results[id][f] = __ppar_rt_choose(&fns[f]);
  }
  for (int round = 0; round < ROUNDS; round++)
    for (int i = 0; i < NFNS; i++)
      if (__ppar_rt_choose(&fns[i]) != results[id][i])
        results[id][i] = -1;
  if (__ppar_rt_num_threads() < 1)
    results[id][0] = -1;
  return NULL;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 8;
  if (n < 1 || n > MAX_THREADS)
    return EXIT_FAILURE;
  pthread_t threads[MAX_THREADS];
  pthread_barrier_init(&start, NULL, (unsigned)n);
  for (int t = 0; t < n; t++)
    pthread_create(&threads[t], NULL, worker, (void *)(size_t)t);
  for (int t = 0; t < n; t++)
    pthread_join(threads[t], NULL);
  pthread_barrier_destroy(&start);

  for (int t = 1; t < n; t++)
    for (int i = 0; i < NFNS; i++)
      if (results[t][i] != results[0][i] || devices[t] != devices[0]) {
        printf("thread %d disagrees on f%d: %d, not %d\n", t, i, results[t][i],
               results[0][i]);
        return EXIT_FAILURE;
      }
  printf("f0=%d f1=%d f2=%d f3=%d\n", results[0][0], results[0][1],
         results[0][2], results[0][3]);
  printf("threads=%d ok\n", n);
  return 0;
}
