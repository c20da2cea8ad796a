/* bench/region_cost.c - what a parallel loop must do to pay for its threads.
 *
 *   clang-19 -O2 -fopenmp bench/region_cost.c -o region_cost && ./region_cost
 *   (OMP_NUM_THREADS picks the thread count; bench/calibrate.sh runs it)
 *
 * Measures, with hand-written OpenMP, the cost the run-time work test of
 * `jit(parallel)` weighs (docs/profitability.md):
 *  - the first parallel region of a process (the threads are created);
 *  - a warm `omp parallel for` with an empty body (fork, join);
 *  - a barrier inside a warm region (what one region around a serial loop
 *    pays per work-shared loop instead);
 *  - for loop bodies of increasing weight (one multiply-add per element,
 *    a 5-point stencil row, a body of 16 dependent operations), the serial
 *    and parallel time of n iterations for n = 2^8 .. 2^20, and the
 *    smallest n from which the parallel loop is at least as fast, and 1.25x
 *    as fast, as the serial one;
 *  - the same inside a warm region: a serial loop of 64 steps, each a loop
 *    of n iterations shared by the threads and ended by a barrier (ppar's
 *    region around a serial loop), against the 64 steps serially: the
 *    break-even of the per-barrier threshold.
 * Each time is the best of several repetitions of a batch, so a busy
 * machine inflates the numbers less. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

enum { MAX_N = 1 << 20, REPS = 7 };

static double *x, *y;

static void saxpy_serial(long n) {
  for (long i = 0; i < n; i++)
    y[i] = 1.0001 * x[i] + y[i];
}
static void saxpy_parallel(long n) {
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; i++)
    y[i] = 1.0001 * x[i] + y[i];
}

/* A 5-point stencil over rows of 64: n counts inner iterations. */
static void stencil_serial(long n) {
  long rows = n / 64;
  for (long r = 1; r < rows - 1; r++)
    for (long j = 1; j < 63; j++)
      y[r * 64 + j] = 0.2 * (x[r * 64 + j] + x[r * 64 + j - 1] + x[r * 64 + j + 1] +
                             x[(r - 1) * 64 + j] + x[(r + 1) * 64 + j]);
}
static void stencil_parallel(long n) {
  long rows = n / 64;
#pragma omp parallel for schedule(static)
  for (long r = 1; r < rows - 1; r++)
    for (long j = 1; j < 63; j++)
      y[r * 64 + j] = 0.2 * (x[r * 64 + j] + x[r * 64 + j - 1] + x[r * 64 + j + 1] +
                             x[(r - 1) * 64 + j] + x[(r + 1) * 64 + j]);
}

/* 16 dependent operations per element: a heavier body. */
static double heavy(double v) {
  for (int k = 0; k < 8; k++)
    v = v * 0.999 + 0.001;
  return v;
}
static void heavy_serial(long n) {
  for (long i = 0; i < n; i++)
    y[i] = heavy(x[i]);
}
static void heavy_parallel(long n) {
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; i++)
    y[i] = heavy(x[i]);
}

/* Seconds per call of f(n): best over REPS batches of enough calls to take
 * about a millisecond. */
static double per_call(void (*f)(long), long n) {
  long calls = 1;
  for (;;) {
    double t = omp_get_wtime();
    for (long c = 0; c < calls; c++)
      f(n);
    if (omp_get_wtime() - t > 1e-3 || calls > (1L << 24))
      break;
    calls *= 2;
  }
  double best = 1e30;
  for (int r = 0; r < REPS; r++) {
    double t = omp_get_wtime();
    for (long c = 0; c < calls; c++)
      f(n);
    t = (omp_get_wtime() - t) / (double)calls;
    if (t < best)
      best = t;
  }
  return best;
}

static void empty_region(long n) {
  (void)n;
#pragma omp parallel for schedule(static)
  for (int i = 0; i < omp_get_num_threads(); i++)
    __asm__ volatile("" ::: "memory");
}

/* Seconds per barrier inside one warm region (what a region around a
 * serial loop pays per work-shared loop instead of a fork and join). */
static double per_barrier(void) {
  enum { N = 100000 };
  double best = 1e30;
  for (int r = 0; r < REPS; r++) {
    double t = 0;
#pragma omp parallel
    {
#pragma omp barrier
#pragma omp master
      t = omp_get_wtime();
      for (int i = 0; i < N; i++) {
#pragma omp barrier
      }
#pragma omp master
      t = (omp_get_wtime() - t) / N;
    }
    if (t < best)
      best = t;
  }
  return best;
}

/* A work-shared loop inside a warm region, as ppar's region around a serial
 * loop runs it: STEPS iterations of a serial loop, each a loop of n
 * iterations split in static blocks and ended by a barrier, against the
 * same steps serially. Its break-even is the per-barrier threshold's. */
enum { STEPS = 64 };
static void saxpy_block(long lo, long hi) {
  for (long i = lo; i < hi; i++)
    y[i] = 1.0001 * x[i] + y[i];
}
static void heavy_block(long lo, long hi) {
  for (long i = lo; i < hi; i++)
    y[i] = heavy(x[i]);
}
static void (*block)(long, long);
static void steps_serial(long n) {
  for (int s = 0; s < STEPS; s++)
    block(0, n);
}
static void steps_region(long n) {
#pragma omp parallel
  {
    long t = omp_get_thread_num(), nt = omp_get_num_threads();
    for (int s = 0; s < STEPS; s++) {
      block(n * t / nt, n * (t + 1) / nt);
#pragma omp barrier
    }
  }
}

static void body(const char *name, void (*serial)(long), void (*parallel)(long)) {
  long even = 0, gain = 0;
  printf("%-8s %9s %12s %12s %8s\n", name, "n", "serial us", "parallel us", "ratio");
  for (long n = 1 << 8; n <= MAX_N; n *= 2) {
    double s = per_call(serial, n), p = per_call(parallel, n);
    printf("%-8s %9ld %12.3f %12.3f %8.2f\n", "", n, s * 1e6, p * 1e6, s / p);
    if (s / p >= 1.0 && !even)
      even = n;
    if (s / p >= 1.25 && !gain)
      gain = n;
  }
  printf("%-8s parallel at least as fast from n = %ld, 1.25x from n = %ld\n", name, even, gain);
}

int main(void) {
  x = malloc(sizeof(double) * MAX_N);
  y = malloc(sizeof(double) * MAX_N);
  for (long i = 0; i < MAX_N; i++)
    x[i] = (double)(i % 97), y[i] = 1.0;
  double t = omp_get_wtime();
  empty_region(0);
  printf("threads %d\nfirst parallel region (creates the threads): %.1f us\n",
         omp_get_max_threads(), (omp_get_wtime() - t) * 1e6);
  printf("warm empty parallel loop: %.2f us\n", per_call(empty_region, 0) * 1e6);
  printf("barrier in a warm region: %.2f us\n", per_barrier() * 1e6);
  body("saxpy", saxpy_serial, saxpy_parallel);
  body("stencil", stencil_serial, stencil_parallel);
  body("heavy", heavy_serial, heavy_parallel);
  printf("in a warm region, %d steps of a work-shared loop, one barrier each:\n", STEPS);
  block = saxpy_block;
  body("saxpy-r", steps_serial, steps_region);
  block = heavy_block;
  body("heavy-r", steps_serial, steps_region);
  double sum = 0;
  for (long i = 0; i < MAX_N; i++)
    sum += y[i];
  printf("checksum %.6e\n", sum);
  return 0;
}
