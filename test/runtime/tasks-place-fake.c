// Delayed tasks that call GPU code (__PPAR_RT_TASK_GPU) placed on the
// devices of PPAR_DEVICES (docs/multi-gpu.md), on the stand-in driver with
// two devices: the device holding most bytes of a task's resident data
// (a tie: the least busy), else the least busy one (two tasks running
// at once get one device each); the thread's device comes back after the
// task, a task's own ppar_set_device holds for its own calls, tasks without
// the flag are not placed. With one device (or one used twice) and without
// a GPU nothing is placed. PPAR_VERBOSE and PPAR_TRACE show each placement.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir/lib
// RUN: %clang -shared -fPIC -O1 %S/Inputs/fake_cuda.c -o %t.dir/lib/libcuda.so.1 -lpthread
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// DEFINE: %{env} = env LD_LIBRARY_PATH=%t.dir/lib PPAR_NUM_THREADS=2 PPAR_VERBOSE=1 UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 TSAN_OPTIONS=halt_on_error=1
//
// RUN: %{env} FAKE_CUDA_DEVICES=2 PPAR_TRACE=%t.json %t 2>&1 | FileCheck %s --check-prefix=TWO
// RUN: FileCheck %s --check-prefix=TRACE --input-file %t.json
// RUN: %{env} FAKE_CUDA_DEVICES=2 %t.tsan 2>&1 | FileCheck %s --check-prefix=TWO
// TWO-DAG: ppar: task data_a ({{.*}}tasks-place-fake.c:{{[0-9]+}}) placed on device 1 (its resident data)
// TWO-DAG: ppar: task data_b ({{.*}}) placed on device 0 (its resident data)
// TWO-DAG: ppar: task own_choice ({{.*}}) placed on device 0 (the least busy)
// TWO-DAG: ppar: task spread ({{.*}}) placed on device 0 (the least busy)
// TWO-DAG: ppar: task spread ({{.*}}) placed on device 1 (the least busy)
// TWO-NOT: task host_only ({{.*}}) placed
// TWO-DAG: data: a 1, a+b 1, b 0, tie 0, host task 0
// TWO-DAG: restore: placed 0, own choice 1, host task 1, thread 1
// TWO-DAG: spread: devices 0 1
// TRACE-DAG: {"name": "data_a", "cat": "task"{{.*}}, "device": 1}}
// TRACE-DAG: {"name": "data_b", "cat": "task"{{.*}}, "device": 0}}
// TRACE-DAG: {"name": "host_only", "cat": "task"{{.*}}, "task": {{[0-9]+}}}}
//
// One device, one device used twice, no GPU: every task sees its thread's
// device, nothing is placed.
// DEFINE: %{one} = FileCheck %s --check-prefix=ONE --implicit-check-not=placed
// RUN: %{env} FAKE_CUDA_DEVICES=1 %t 2>&1 | %{one}
// RUN: %{env} FAKE_CUDA_DEVICES=2 PPAR_DEVICES=0,0 %t 2>&1 | FileCheck %s --check-prefix=TWIN --implicit-check-not=placed
// RUN: env PPAR_NUM_THREADS=2 PPAR_VERBOSE=1 ASAN_OPTIONS=detect_leaks=1 %t 2>&1 | %{one}
// ONE: data: a 0, a+b 0, b 0, tie 0, host task 0
// ONE: restore: placed 0, own choice 0, host task 0, thread 0
// ONE: spread: devices 0 0
// TWIN: data: a 0, a+b 0, b 0, tie 0, host task 0
// TWIN: restore: placed 1, own choice 1, host task 1, thread 1
// TWIN: spread: devices 0 0
#define _POSIX_C_SOURCE 200809L
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <stdio.h>

#include "Inputs/wait_for_two.h"

enum { BIG = 100, SMALL = 10 };
static double a[BIG], b[SMALL], c[BIG];

/* Each task stores the device current while it runs. */
static void seen(void *args, void *result) {
  (void)args;
  *(int *)result = ppar_get_device();
}

/* A task that picks its own device: its later calls use it. */
static void own_choice(void *args, void *result) {
  (void)args;
  int *r = result;
  r[0] = ppar_get_device();
  ppar_set_device(ppar_device_count() > 1 ? 1 : 0);
  r[1] = ppar_get_device();
}

/* Two of these wait for each other, so that both are running when the
 * second is placed. */
static int inside;
static void spread(void *args, void *result) {
  (void)args;
  *(int *)result = ppar_get_device();
  wait_for_two(&inside);
}

static struct __ppar_rt_task *task(const char *name,
                                   void (*fn)(void *, void *),
                                   const struct __ppar_rt_access *acc,
                                   int nacc, unsigned flags) {
  return __ppar_rt_task_create(name, __FILE__, __LINE__, fn, NULL, 0,
                               2 * sizeof(int), acc, nacc, NULL, 0,
                               flags | __PPAR_RT_TASK_NOGIL);
}

/* Forces t on this thread and returns what it stored (its result). */
static int run(struct __ppar_rt_task *t) {
  int r = *(int *)__ppar_rt_task_force(t);
  __ppar_rt_task_release(t);
  return r;
}

#define ACC(x, n) {(x), (x) + (n), __PPAR_RT_ACCESS_READWRITE}

int main(void) {
  const unsigned GPU = __PPAR_RT_TASK_GPU;
  /* a on device 1 (where there is one), b and c on device 0. */
  ppar_set_device(1);
  ppar_to_device(a, sizeof a);
  ppar_set_device(0);
  ppar_to_device(b, sizeof b);
  ppar_to_device(c, sizeof c);
  struct __ppar_rt_access on_a[] = {ACC(a, BIG)};
  struct __ppar_rt_access on_ab[] = {ACC(a, BIG), ACC(b, SMALL)};
  struct __ppar_rt_access on_b[] = {ACC(b, SMALL)};
  struct __ppar_rt_access on_ac[] = {ACC(c, BIG), ACC(a, BIG)};
  int da = run(task("data_a", seen, on_a, 1, GPU));
  int dab = run(task("data_ab", seen, on_ab, 2, GPU));
  int db = run(task("data_b", seen, on_b, 1, GPU));
  int dac = run(task("data_tie", seen, on_ac, 2, GPU));
  int dh = run(task("host_only", seen, on_a, 1, 0));
  printf("data: a %d, a+b %d, b %d, tie %d, host task %d\n", da, dab, db, dac,
         dh);

  /* The thread's device is 1; a placed task without resident data goes to
   * the least busy device and may choose its own; the thread gets its
   * device back. */
  ppar_set_device(1);
  struct __ppar_rt_task *t = task("own_choice", own_choice, NULL, 0, GPU);
  int *own = __ppar_rt_task_force(t);
  int placed = own[0], chosen = own[1];
  __ppar_rt_task_release(t);
  int host = run(task("host_only", seen, NULL, 0, 0));
  printf("restore: placed %d, own choice %d, host task %d, thread %d\n",
         placed, chosen, host, ppar_get_device());
  ppar_set_device(0);

  struct __ppar_rt_task *s[2] = {task("spread", spread, NULL, 0, GPU),
                                 task("spread", spread, NULL, 0, GPU)};
  ppar_compute();
  int d0 = *(int *)__ppar_rt_task_force(s[0]);
  int d1 = *(int *)__ppar_rt_task_force(s[1]);
  __ppar_rt_task_release(s[0]);
  __ppar_rt_task_release(s[1]);
  printf("spread: devices %d %d\n", d0 < d1 ? d0 : d1, d0 < d1 ? d1 : d0);

  ppar_device_free(a);
  ppar_device_free(b);
  ppar_device_free(c);
  return 0;
}
