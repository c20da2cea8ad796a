/* A delayed pipeline over data partitions: load each partition, clean it in
 * place, summarise it; then combine the summaries. Tasks of different
 * partitions run at the same time; the in() and inout() clauses tell the
 * runtime which bytes each task touches, so a partition's three steps stay
 * in order while the others go on. */
#include <ppar.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>

#define PARTS 16
#define CHUNK 200000

PPAR_DELAYED(nogil, inout(part[0:n])) void load(double *part, int n, int seed) {
  unsigned s = (unsigned)seed * 2654435761u + 1;
  for (int i = 0; i < n; i++) {
    s = s * 1103515245u + 12345u;
    part[i] = (double)(s >> 8) / (1u << 24) * 100.0 - 10.0;
  }
}

PPAR_DELAYED(nogil, inout(part[0:n])) void clean(double *part, int n) {
  for (int i = 0; i < n; i++)
    part[i] = part[i] < 0 ? 0 : sqrt(part[i]);
}

PPAR_DELAYED(nogil, in(part[0:n])) double summarise(const double *part, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += part[i];
  return s / n;
}

int main(void) {
  double *data = malloc(sizeof(double) * PARTS * CHUNK);
  double means[PARTS];
  for (int p = 0; p < PARTS; p++) {
    load(data + (size_t)p * CHUNK, CHUNK, p);
    clean(data + (size_t)p * CHUNK, CHUNK);
    means[p] = summarise(data + (size_t)p * CHUNK, CHUNK);
  }
  double overall = 0;
  for (int p = 0; p < PARTS; p++)
    overall += means[p];
  printf("mean of partition means = %.6f\n", overall / PARTS);
  printf("first value after cleaning = %.6f\n", data[0]);
  free(data);
  return 0;
}
