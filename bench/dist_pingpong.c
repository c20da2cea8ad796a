/*
 * dist_pingpong.c - a message between ranks through the task graph against
 * MPI itself (docs/benchmarks.md, "Distributed task graphs"), run by
 * bench/dist_run.sh under mpirun -np 2.
 *
 *   ppar-cc -O2 bench/dist_pingpong.c -o pp && mpirun -np 2 ./pp
 *
 * x[0] is rank 0's and x[1] rank 1's (ppar_distribute, PPAR_BLOCK, one row
 * each): copy(x[1], x[0]) runs on rank 1 and receives x[0] from rank 0,
 * copy(x[0], x[1]) runs on rank 0 and receives x[1]: each pair is a round
 * trip of two messages of `bytes`, with two tasks. Prints, per size, the
 * microseconds of one way (half a round trip, best of 3 runs of `iters`
 * round trips, the final ppar_compute included).
 */
#define _POSIX_C_SOURCE 200809L
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

PPAR_DELAYED(nogil, in(src[0:n]), out(dst[0:n]))
void copy(char *dst, const char *src, long n) {
  memcpy(dst, src, (size_t)n);
  dst[0]++;
}

int main(int argc, char **argv) {
  int iters = argc > 1 ? atoi(argv[1]) : 1000;
  static const long sizes[] = {8, 1024, 65536, 1 << 20};
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    long n = sizes[s];
    char *x = calloc(2, (size_t)n);
    ppar_distribute(x, 2 * (size_t)n, PPAR_BLOCK, (size_t)n);
    int it = n >= 65536 ? iters / 10 : iters;
    double best = 1e30;
    for (int rep = 0; rep < 3; rep++) {
      double t0 = now();
      for (int i = 0; i < it; i++) {
        copy(x + n, x, n);
        copy(x, x + n, n);
      }
      ppar_compute();
      double t = now() - t0;
      best = t < best ? t : best;
    }
    printf("ppar bytes=%ld one_way_us=%.2f check=%d\n", n,
           best / it / 2 * 1e6, x[0]);
    free(x);
  }
  return 0;
}
