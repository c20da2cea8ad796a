/*
 * tasks_overhead.c - cost of a delayed task in the ppar runtime: microseconds
 * per empty task, created, run and freed, with 1 thread and with all.
 *
 *   clang -O2 -Iinclude -Iruntime bench/tasks_overhead.c build/lib/libppar_rt.a \
 *         -lpthread -ldl -o tasks_overhead && ./tasks_overhead [tasks]
 *
 * The thread count is read once per process, so the program runs itself
 * again with PPAR_NUM_THREADS set for each measurement. Three shapes:
 *   lazy      create N independent tasks, then ppar_compute()
 *   eager     create N independent eager tasks, then wait (scope exit)
 *   chain     N eager tasks on one memory cell, each after the previous
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void empty(void *a, void *r) { (void)a; (void)r; }

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double run(const char *shape, long n) {
  static long cell;
  struct __ppar_rt_access acc = {&cell, &cell + 1, __PPAR_RT_ACCESS_READWRITE};
  int chain = !strcmp(shape, "chain");
  unsigned flags = __PPAR_RT_TASK_NOGIL |
                   (strcmp(shape, "lazy") ? __PPAR_RT_TASK_EAGER : 0);
  double t0 = now();
  __ppar_rt_scope_enter();
  for (long i = 0; i < n; i++)
    __ppar_rt_task_release(__ppar_rt_task_create(
        "empty", __FILE__, __LINE__, empty, 0, 0, 0, chain ? &acc : 0,
        chain, 0, 0, flags));
  ppar_compute();
  __ppar_rt_scope_leave();
  return (now() - t0) / (double)n * 1e6;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  if (argc > 2) { /* child: one measurement */
    run(argv[2], n / 10); /* warm up: threads, allocator */
    printf("%-6s %4s threads: %7.3f us/task\n", argv[2],
           getenv("PPAR_NUM_THREADS"), run(argv[2], n));
    return 0;
  }
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  long counts[2] = {1, cpus};
  const char *shapes[] = {"lazy", "eager", "chain"};
  printf("%ld empty tasks, %ld CPUs\n", n, cpus);
  for (int s = 0; s < 3; s++)
    for (int c = 0; c < (cpus > 1 ? 2 : 1); c++) {
      char cmd[4096];
      snprintf(cmd, sizeof cmd, "PPAR_NUM_THREADS=%ld '%s' %ld %s", counts[c],
               argv[0], n, shapes[s]);
      fflush(stdout);
      if (system(cmd) != 0)
        return 1;
    }
  return 0;
}
