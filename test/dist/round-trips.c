// Messages back to back: a ring of four blocks, each step a task that
// reads the block before it (on another rank, where there are several) and
// writes its own, so every message is followed at once by a task that
// needs it and then by the next message. Sizes from 8 B to 1 MiB cover
// messages that MPI sends at once (eager) and those that wait for the
// receiver (rendezvous). Idle threads of the pool post and complete the
// messages themselves, one at a time, beside the progress thread
// (MPI_THREAD_SERIALIZED); the output must stay the serial build's on 1,
// 2 and 4 ranks, with 1 and 2 threads per rank.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_mpi %t.plain %t
// RUN: %if mpich %{ %check_mpich %t.plain %t %}
// RUN: env PPAR_VERBOSE=1 %mpirun -np 2 %t 2>&1 | FileCheck --check-prefix=LEVEL %s
// LEVEL: rank {{[01]}}: Open MPI (libmpi.so.40), started by ppar; idle threads poll messages (MPI_THREAD_SERIALIZED)
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>

enum { BLOCKS = 4, STEPS = 40 };

PPAR_DELAYED(nogil, in(src[0:n]), out(dst[0:n]))
void step(unsigned char *dst, const unsigned char *src, long n, int k) {
  for (long i = 0; i < n; i++)
    dst[i] = (unsigned char)(src[i] * 3 + k + i);
}

int main(void) {
  static const long sizes[] = {8, 1024, 65536, 1L << 20};
  for (int s = 0; s < 4; s++) {
    long n = sizes[s];
    unsigned char *x = calloc(BLOCKS, (size_t)n);
    if (!x)
      return 1;
    ppar_distribute(x, BLOCKS * (size_t)n, PPAR_BLOCK, (size_t)n);
    int steps = n >= 65536 ? STEPS / 4 : STEPS;
    for (int t = 0; t < steps; t++)
      for (int b = 0; b < BLOCKS; b++)
        step(x + (long)((b + 1) % BLOCKS) * n, x + (long)b * n, n, t + b);
    unsigned long sum = 0;
    for (long i = 0; i < BLOCKS * n; i++)
      sum = sum * 31 + x[i];
    printf("%ld bytes: %lu\n", n, sum);
    free(x);
  }
  return 0;
}
