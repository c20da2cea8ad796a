// A map-reduce over partitions under mpirun on 1, 2 and 4 ranks: each
// partition is filled by a task that writes it (its owner, by the block
// distribution of the array), summarised by a value-only task on the rank
// that holds it, and the partial results are combined by a tree of value
// tasks whose inputs are futures sent from their runners. The program then
// reads the array itself, which every rank must have whole.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_mpi %t.plain %t
// RUN: %if mpich %{ %check_mpich %t.plain %t %}
#include <ppar.h>
#include <stdio.h>

#define PARTS 12
#define N 5000

static double data[PARTS][N];

PPAR_DELAYED(nogil, out(part[0:n])) void fill(double *part, int n, int seed) {
  unsigned s = (unsigned)seed * 2654435761u + 7;
  for (int i = 0; i < n; i++) {
    s = s * 1103515245u + 12345u;
    part[i] = (double)(s >> 8) / (1u << 24);
  }
}

PPAR_DELAYED(nogil, in(part[0:n])) double sum(const double *part, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += part[i];
  return s;
}

PPAR_DELAYED(nogil) double add(double a, double b) { return a + b; }

int main(void) {
  ppar_distribute(data, sizeof data, PPAR_BLOCK, sizeof data[0]);
  double partial[PARTS];
  for (int p = 0; p < PARTS; p++) {
    fill(data[p], N, p);
    partial[p] = sum(data[p], N);
  }
  double total = 0;
  for (int p = 0; p < PARTS; p++)
    total += partial[p];
  printf("total = %.6f\n", total);

  double a = sum(data[0], N), b = sum(data[5], N), c = sum(data[11], N);
  double tree = add(add(a, b), c);
  printf("tree = %.6f\n", tree);

  double check = 0;
  for (int p = 0; p < PARTS; p++)
    check += data[p][N - 1] + data[p][0];
  printf("ends = %.6f\n", check);
  return 0;
}
