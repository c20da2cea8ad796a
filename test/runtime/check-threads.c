// Loops checked from 8 threads at once, the first checks racing on reading
// the settings and registering the report at exit: check objects are
// independent, every difference is reported once, the counts at exit are
// exact, and neither ThreadSanitizer nor AddressSanitizer finds a fault.
//
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t.asan -lpthread -ldl
// DEFINE: %{tsan} = env PPAR_CHECK=1 TSAN_OPTIONS=halt_on_error=1 %t.tsan
// DEFINE: %{asan} = env PPAR_CHECK=1 UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t.asan
// DEFINE: %{status} = sh -c '"$0" "$@" 2>&1; echo "exit status $?"'
// DEFINE: %{fc} = FileCheck %s --match-full-lines --implicit-check-not=ppar: --implicit-check-not=WARNING
//
// RUN: %{status} env PPAR_VERBOSE=1 %{tsan} ok | %{fc} --check-prefix=OK
// RUN: %{status} env PPAR_VERBOSE=1 %{asan} ok | %{fc} --check-prefix=OK
// OK:      ppar: settings: {{.*}}
// OK-NEXT: sum=8000
// OK-NEXT: ppar: check: all 800 checked loop runs agreed
// OK-NEXT: exit status 0
//
// Thread 3 gets every tenth run wrong, thread 5 its last one; the lines of
// different threads may come in any order, so they are sorted.
// RUN: %{status} %{tsan} bad | env LC_ALL=C sort | %{fc} --check-prefix=BAD
// RUN: %{status} %{asan} bad | env LC_ALL=C sort | %{fc} --check-prefix=BAD
// BAD:               exit status 3
// BAD-NEXT:          ppar: check: 11 of 800 checked loop runs differed
// BAD-COUNT-10:      ppar: check: work (threads.c:9): a3[17] is 18 in parallel but 17 serially
// BAD-NEXT:          ppar: check: work (threads.c:9): a5[999] is 1000 in parallel but 999 serially
// BAD-NEXT:          sum=8000

#define _POSIX_C_SOURCE 200809L /* pthread_barrier_t */
#include "ppar_rt_abi.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { THREADS = 8, RUNS = 100, N = 1000 };

static const char *const names[THREADS] = {"a0", "a1", "a2", "a3",
                                           "a4", "a5", "a6", "a7"};
static int wrong;
static pthread_barrier_t start;

/* What the plugin generates for `for (i..) a[i] = i`, the parallel
 * version wrong at index bad (none when bad < 0). */
static void work(int t, int *a, int bad) {
  struct __ppar_rt_check *c = 0;
  if (__ppar_rt_checking() &&
      (c = __ppar_rt_check_begin(
           "work", "threads.c", 9,
           (struct __ppar_rt_region[]){{a, a + N, 'i', sizeof *a, names[t]}},
           1))) {
    for (int i = 0; i < N; i++)
      a[i] = i;
    __ppar_rt_check_mid(c);
  }
  for (int i = 0; i < N; i++)
    a[i] = i + (i == bad);
  if (c)
    __ppar_rt_check_end(c);
}

static void *thread(void *arg) {
  int t = (int)(long)arg;
  int *a = calloc(N, sizeof *a);
  if (!a)
    abort();
  pthread_barrier_wait(&start);
  for (int run = 0; run < RUNS; run++) {
    int bad = -1;
    if (wrong && t == 3 && run % 10 == 0)
      bad = 17;
    if (wrong && t == 5 && run == RUNS - 1)
      bad = N - 1;
    work(t, a, bad);
  }
  long sum = a[1] * 10; /* every thread ends with a[1] == 1 */
  free(a);
  return (void *)sum;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  wrong = argc > 1 && strcmp(argv[1], "bad") == 0;
  pthread_t threads[THREADS];
  pthread_barrier_init(&start, NULL, THREADS);
  for (long t = 0; t < THREADS; t++)
    if (pthread_create(&threads[t], NULL, thread, (void *)t) != 0)
      return 1;
  long sum = 0;
  for (int t = 0; t < THREADS; t++) {
    void *r;
    pthread_join(threads[t], &r);
    sum += (long)r * 100;
  }
  pthread_barrier_destroy(&start);
  printf("sum=%ld\n", sum);
  return 0;
}
