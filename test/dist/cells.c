// Tasks per element on distributed arrays under mpirun on 1, 2 and 4
// ranks: the directory of who holds what joins neighbouring elements of one
// holder and grows an entry in place when a task writes the element right
// after it. Elements written in increasing order, then again after the
// program read them all (every rank holds them), then in decreasing order,
// and through a cyclic distribution where neighbours have different
// owners; sums over ranges that span several owners read what they lack
// from each, and a function's tasks are read by its caller after it
// returns.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_mpi %t.plain %t
// RUN: %if mpich %{ %check_mpich %t.plain %t %}
#include <ppar.h>
#include <stdio.h>

#define N 600

static long a[N], c[N];

PPAR_DELAYED(nogil, inout(cell[0:1])) void bump(long *cell, long v) {
  *cell = *cell * 3 + v;
}

PPAR_DELAYED(nogil, in(p[0:n])) long total(const long *p, int n) {
  long s = 0;
  for (int i = 0; i < n; i++)
    s += p[i] * (i % 5 + 1);
  return s;
}

static void backwards(long *p, int n, long v) {
  for (int i = n - 1; i >= 0; i--)
    bump(&p[i], v + i);
}

int main(void) {
  ppar_distribute(a, sizeof a, PPAR_BLOCK, sizeof a[0]);
  ppar_distribute(c, sizeof c, PPAR_CYCLIC, sizeof c[0]);
  for (int i = 0; i < N; i++)
    bump(&a[i], i);
  long s1 = total(a + 100, 350);
  ppar_compute();
  long direct = 0;
  for (int i = 0; i < N; i++)
    direct += a[i];
  for (int i = 0; i < N; i++)
    bump(&a[i], 7);
  long s2 = total(a, N);
  backwards(a, N, 11);
  long s3 = total(a + 299, 3);
  for (int i = 0; i < N; i++)
    bump(&c[i], i * 2);
  for (int i = 0; i < N; i += 2)
    bump(&c[i], 1);
  long s4 = total(c + 1, N - 2);
  backwards(c + 10, 50, 3);
  ppar_compute();
  long last = 0;
  for (int i = 0; i < N; i++)
    last += a[i] * 3 + c[i];
  printf("%ld %ld %ld %ld %ld %ld\n", s1, direct, s2, s3, s4, last);
  return 0;
}
