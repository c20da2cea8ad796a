// Resident data where no GPU code runs: ppar_to_device keeps the device copy
// in host memory, and __ppar_rt_host_copy moves a GPU function's pointer
// onto it (what the plugin's dispatcher does; ppar_rt_abi.h). A pointer
// moves only when every non-empty range lies in one copy; the call's
// reference keeps the copy alive past ppar_device_free. Threads use copies
// while others make and free them (TSan), with ASan's leak check.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// RUN: env CUDA_VISIBLE_DEVICES= UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t | FileCheck %s --match-full-lines
// RUN: env CUDA_VISIBLE_DEVICES= TSAN_OPTIONS=halt_on_error=1 %t.tsan | FileCheck %s --match-full-lines
// CHECK:      copies before: 0
// CHECK-NEXT: to_device=0 copies: 1
// CHECK-NEXT: moved: yes, reads 1, host still 1 after the copy's 42
// CHECK-NEXT: past the end: stays
// CHECK-NEXT: empty ranges: stays
// CHECK-NEXT: base before the range: moved, reads 2
// CHECK-NEXT: two ranges in one copy: moved
// CHECK-NEXT: free during the call=0, copy still reads 42, copies: 0
// CHECK-NEXT: threads: 8 x 2000 calls, all saw the copy
// CHECK-NEXT: to_host: 7 7 7 7

#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <pthread.h>
#include <stdio.h>

static double shared_x[4] = {7, 7, 7, 7};
static int all_saw = 1; /* under mu */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void *user(void *arg) {
  (void)arg;
  int saw = 1;
  for (int i = 0; i < 2000; i++) {
    struct __ppar_rt_host_use *use = 0;
    double *p = __ppar_rt_host_copy(&use, shared_x,
                                    (const void *[]){shared_x, shared_x + 4}, 1);
    saw &= p != shared_x && p[3] == 7;
    __ppar_rt_host_done(&use);
  }
  pthread_mutex_lock(&mu);
  all_saw &= saw;
  pthread_mutex_unlock(&mu);
  return NULL;
}

static void *churn(void *arg) {
  (void)arg;
  double y[16] = {0};
  for (int i = 0; i < 500; i++) {
    ppar_to_device(y, sizeof y);
    ppar_device_free(y);
  }
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  double buf[12] = {0, 0, 1, 2, 3, 4, 5, 6, 7, 8}, *x = buf + 2; /* x[0..8) */
  printf("copies before: %d\n", __ppar_rt_host_copies());
  int rc = ppar_to_device(x, 8 * sizeof *x);
  printf("to_device=%d copies: %d\n", rc, __ppar_rt_host_copies());

  struct __ppar_rt_host_use *use = 0;
  double *p = __ppar_rt_host_copy(&use, x, (const void *[]){x, x + 8}, 1);
  double first = p[0];
  p[0] = 42;
  printf("moved: %s, reads %g, host still %g after the copy's %g\n",
         p != x ? "yes" : "no", first, x[0], p[0]);

  struct __ppar_rt_host_use *u2 = 0;
  printf("past the end: %s\n",
         __ppar_rt_host_copy(&u2, x, (const void *[]){x, x + 9}, 1) == x ? "stays" : "moved");
  printf("empty ranges: %s\n",
         __ppar_rt_host_copy(&u2, x, (const void *[]){x + 2, x + 2, x, x}, 2) == x ? "stays" : "moved");
  double *q = __ppar_rt_host_copy(&u2, x - 1, (const void *[]){x, x + 8}, 1);
  printf("base before the range: %s, reads %g\n", q != x - 1 ? "moved" : "stays", q[2]);
  double *r = __ppar_rt_host_copy(&u2, x, (const void *[]){x, x + 2, x + 6, x + 8}, 2);
  printf("two ranges in one copy: %s\n", r != x ? "moved" : "stays");
  __ppar_rt_host_done(&u2);

  rc = ppar_device_free(x);
  printf("free during the call=%d, copy still reads %g, copies: %d\n", rc, p[0],
         __ppar_rt_host_copies());
  __ppar_rt_host_done(&use); /* the call's end frees it */

  ppar_to_device(shared_x, sizeof shared_x);
  pthread_t t[9];
  for (int i = 0; i < 8; i++)
    pthread_create(&t[i], NULL, user, NULL);
  pthread_create(&t[8], NULL, churn, NULL);
  for (int i = 0; i < 9; i++)
    pthread_join(t[i], NULL);
  printf("threads: 8 x 2000 calls, %s\n", all_saw ? "all saw the copy" : "some did not");
  shared_x[0] = shared_x[1] = 0;
  ppar_to_host(shared_x);
  printf("to_host: %g %g %g %g\n", shared_x[0], shared_x[1], shared_x[2], shared_x[3]);
  ppar_device_free(shared_x);
  return 0;
}
