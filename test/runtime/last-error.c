// ppar_last_error() is per thread, like errno: a failure on one thread never
// shows up on another, the text stays until the thread's next failure, and a
// thread that never failed sees "".
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// RUN: env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t | FileCheck %s --match-full-lines
// RUN: env TSAN_OPTIONS=halt_on_error=1 %t.tsan | FileCheck %s --match-full-lines
// CHECK:      main before: ''
// CHECK-NEXT: thread 0: rc=-3 'ppar: ppar_set_device(-1): no such device: {{.+}}'
// CHECK-NEXT: thread 1: rc=-1 'ppar: ppar_to_device: host is NULL'
// CHECK-NEXT: thread 2: rc=0 ''
// CHECK-NEXT: thread 3: rc=-1 'ppar: ppar_to_host: host is NULL'
// CHECK-NEXT: thread 1 after a success: 'ppar: ppar_to_device: host is NULL'
// CHECK-NEXT: main after: ''

#define _POSIX_C_SOURCE 200809L /* pthread_barrier_t */
#define PPAR_USE_RUNTIME 1
#include "ppar.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define NTHREADS 4

static pthread_barrier_t failed, checked;
static int rcs[NTHREADS];
static char texts[NTHREADS][512];
static char after_success[512];

static void *worker(void *arg) {
  int id = (int)(size_t)arg;
  switch (id) {
  case 0:
    ppar_set_device(-1); /* a void function: the text is all there is */
    rcs[id] = -3;
    break;
  case 1:
    rcs[id] = ppar_to_device(NULL, 8);
    break;
  case 2:
    rcs[id] = ppar_device_free(NULL); /* succeeds on any machine */
    break;
  case 3:
    rcs[id] = ppar_to_host(NULL);
    break;
  }
  /* Every thread has failed (or not) before any reads its text. */
  pthread_barrier_wait(&failed);
  snprintf(texts[id], sizeof texts[id], "%s", ppar_last_error());
  if (id == 1) {
    ppar_compute(); /* successes leave the text alone */
    (void)ppar_device_count();
    snprintf(after_success, sizeof after_success, "%s", ppar_last_error());
  }
  pthread_barrier_wait(&checked);
  return NULL;
}

int main(void) {
  printf("main before: '%s'\n", ppar_last_error());
  pthread_t threads[NTHREADS];
  pthread_barrier_init(&failed, NULL, NTHREADS);
  pthread_barrier_init(&checked, NULL, NTHREADS);
  for (int t = 0; t < NTHREADS; t++)
    pthread_create(&threads[t], NULL, worker, (void *)(size_t)t);
  for (int t = 0; t < NTHREADS; t++)
    pthread_join(threads[t], NULL);
  for (int t = 0; t < NTHREADS; t++)
    printf("thread %d: rc=%d '%s'\n", t, rcs[t], texts[t]);
  printf("thread 1 after a success: '%s'\n", after_success);
  printf("main after: '%s'\n", ppar_last_error());
  return 0;
}
