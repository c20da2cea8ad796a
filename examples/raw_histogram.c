/* A histogram written per thread: every thread classifies one sample and
 * adds it to its bin with an atomic, CUDA's atomicAdd on the GPU and an
 * atomic add on the CPU, so the counts are exact however the threads run. */
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

enum { BINS = 64 };

PPAR_JIT(kernel, target=auto, in(x[0:n]), inout(counts[0:BINS]), inout(sums[0:BINS]))
void histogram(const double *x, long n, double lo, double hi, unsigned *counts,
               double *sums) {
  long long i = ppar_thread_index();
  if (i >= n)
    return;
  int b = (int)((x[i] - lo) / (hi - lo) * BINS);
  if (b < 0)
    b = 0;
  if (b >= BINS)
    b = BINS - 1;
  ppar_atomic_add(&counts[b], 1u);
  ppar_atomic_add(&sums[b], 1.0); /* exact: small whole numbers */
}

int main(void) {
  long n = 2000000;
  double *x = malloc(n * sizeof *x);
  unsigned counts[BINS] = {0};
  double sums[BINS] = {0};
  for (long i = 0; i < n; i++) /* a deterministic spread over [0, 1) */
    x[i] = (double)((i * 2654435761u) % 1000003u) / 1000003.0;
  ppar_launch(histogram, ppar_grid(n), x, n, 0.0, 1.0, counts, sums);
  unsigned long long total = 0;
  for (int b = 0; b < BINS; b++) {
    total += counts[b];
    if (b % 8 == 0)
      printf("bin %2d: %u (%.0f)\n", b, counts[b], sums[b]);
  }
  printf("total %llu of %ld\n", total, n);
  free(x);
  return 0;
}
