/*
 * tasks_cells.c - tasks on distinct elements of one array: ppar's
 * dependences from the callee against OpenMP's depend clauses, in one
 * process with the same thread count.
 *
 *   build/bin/ppar-cc -O2 -fopenmp bench/tasks_cells.c -o tasks_cells
 *   PPAR_NUM_THREADS=2 OMP_NUM_THREADS=2 ./tasks_cells [N] [reps]
 *
 * ppar: N calls `bump(&cells[i], i)` of a `PPAR_DELAYED(nogil)` function
 * with no data clause; the plugin reads from bump's body that a task
 * touches cells[i] alone, so the tasks are independent (before, a pointer
 * without a clause stood for the whole array: a chain of N - 1 edges).
 * OpenMP: the same calls as `#pragma omp task depend(inout: cells[i])`.
 * Prints `cells threads ppar_us omp_us ratio` (microseconds per task,
 * best of reps; ratio = omp_us / ppar_us, above 1: ppar is cheaper) and
 * fails when the cells differ from the serial sums.
 */
#define _POSIX_C_SOURCE 200809L
#include <omp.h>
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

PPAR_DELAYED(nogil) void bump(long *cell, long v) { *cell += v; }

static void bump_plain(long *cell, long v) { *cell += v; }

/* Tasks of ppar: the calls are tasks, ppar_compute runs them. */
static void with_ppar(long *cells, long n) {
  for (long i = 0; i < n; i++)
    bump(&cells[i], i);
  ppar_compute();
}

static void with_omp(long *cells, long n) {
#pragma omp parallel
#pragma omp single
  for (long i = 0; i < n; i++) {
#pragma omp task depend(inout : cells[i]) firstprivate(i)
    bump_plain(&cells[i], i);
  }
}

static int check(const long *cells, long n, long rounds) {
  for (long i = 0; i < n; i++)
    if (cells[i] != rounds * i) {
      fprintf(stderr, "cells[%ld] = %ld, expected %ld\n", i, cells[i], rounds * i);
      return 1;
    }
  return 0;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 200000;
  int reps = argc > 2 ? atoi(argv[2]) : 5;
  long *a = calloc((size_t)n, sizeof *a), *b = calloc((size_t)n, sizeof *b);
  if (!a || !b)
    return 1;
  double best_p = 1e30, best_o = 1e30;
  for (int r = 0; r < reps; r++) {
    double t = now();
    with_ppar(a, n);
    t = now() - t;
    best_p = t < best_p ? t : best_p;
    t = now();
    with_omp(b, n);
    t = now() - t;
    best_o = t < best_o ? t : best_o;
  }
  if (check(a, n, reps) | check(b, n, reps))
    return 1;
  double p = best_p / (double)n * 1e6, o = best_o / (double)n * 1e6;
  printf("cells %d %.3f %.3f %.2f\n", omp_get_max_threads(), p, o, o / p);
  return 0;
}
