/*
 * tasks_dist.c - overhead of the distributed task graph per task per rank
 * (docs/distributed.md), run by bench/dist_run.sh under mpirun.
 *
 *   build/bin/ppar-cc -O2 bench/tasks_dist.c -o tasks_dist
 *   mpirun -np R ./tasks_dist [N] [reps] [steps] [work]
 *
 * cells: N calls `bump(&cells[i], i)` on a block-distributed array: every
 * rank creates and plans all N tasks, runs N/R of them and skips the rest
 * (no message). Prints microseconds per task (creation, planning and the
 * graph walk, over all N tasks, best of reps) as rank 0 measures it: wall
 * clock, and the main thread's CPU time (the cost to the rank, whatever
 * else shares its cores).
 * halo: `steps` steps of a 1-D stencil of R * 8 blocks of 1<<14 cells (the
 * same work per rank at every R: weak scaling), each block a task that reads
 * one cell of each neighbour and sweeps its block `work` times (128: about
 * 1 ms); prints the milliseconds per step, the final ppar_compute included
 * (it gives every rank both grids).
 */
#define _POSIX_C_SOURCE 200809L
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double clock_s(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
/* The main thread's CPU time: what creating, planning and walking the graph
 * cost this rank, whatever else shares its cores. */
static double cpu(void) { return clock_s(CLOCK_THREAD_CPUTIME_ID); }

PPAR_DELAYED(nogil, inout(cell[0:1])) void bump(long *cell, long v) {
  *cell += v;
}

/* work sweeps over the block (the same result each time): the task's
 * size, without more memory. */
PPAR_DELAYED(nogil, in(src[0:n + 2]), out(dst[1:n]))
void relax(double *dst, const double *src, int n, int work) {
  for (int w = 0; w < work; w++)
    for (int i = 1; i <= n; i++)
      dst[i] = 0.25 * src[i - 1] + 0.5 * src[i] + 0.25 * src[i + 1] + w * 0.0;
}

static int ranks(void) {
  const char *s = getenv("OMPI_COMM_WORLD_SIZE"); /* Open MPI's mpirun */
  if (!s)
    s = getenv("PMI_SIZE"); /* MPICH's Hydra */
  return s ? atoi(s) : 1;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 200000;
  int reps = argc > 2 ? atoi(argv[2]) : 3;
  int steps = argc > 3 ? atoi(argv[3]) : 20;
  int work = argc > 4 ? atoi(argv[4]) : 128;
  int r = ranks();

  long *cells = calloc((size_t)n, sizeof *cells);
  ppar_distribute(cells, (size_t)n * sizeof *cells, PPAR_BLOCK, sizeof *cells);
  double best = 1e30, best_cpu = 1e30;
  for (int k = 0; k < reps; k++) {
    double t0 = now(), c0 = cpu();
    for (long i = 0; i < n; i++)
      bump(&cells[i], i);
    ppar_compute();
    double t = now() - t0, c = cpu() - c0;
    best = t < best ? t : best;
    best_cpu = c < best_cpu ? c : best_cpu;
  }
  long bad = 0;
  for (long i = 0; i < n; i++)
    bad += cells[i] != reps * i;
  printf("cells ranks=%d tasks=%ld us_per_task=%.3f cpu_us_per_task=%.3f%s\n",
         r, n, best / n * 1e6, best_cpu / n * 1e6, bad ? " WRONG" : "");
  free(cells);

  int blocks = 8 * r, per = 1 << 14;
  size_t len = (size_t)blocks * per + 2;
  double *a = malloc(len * sizeof *a), *b = malloc(len * sizeof *b);
  for (size_t i = 0; i < len; i++)
    a[i] = b[i] = (double)(i % 17);
  ppar_distribute(a, len * sizeof *a, PPAR_BLOCK, sizeof *a);
  ppar_distribute(b, len * sizeof *b, PPAR_BLOCK, sizeof *b);
  double t0 = now();
  for (int s = 0; s < steps; s++) {
    double *src = s % 2 ? b : a, *dst = s % 2 ? a : b;
    for (int k = 0; k < blocks; k++)
      relax(dst + (size_t)k * per, src + (size_t)k * per, per, work);
  }
  ppar_compute();
  double t = now() - t0;
  printf("halo ranks=%d blocks=%d work=%d ms_per_step=%.3f\n", r, blocks, work,
         t / steps * 1e3);
  free(a);
  free(b);
  return bad != 0;
}
