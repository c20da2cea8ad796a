// Tasks that run on another rank and need no message from or to this one
// have no node in this rank's graph, so nothing here orders later work
// after them. A lazy task that reads a row must still see the row as it
// was when it was created, even when a task on the row's owner rewrites
// it and the program then reads the new row: the program's wait (and a
// function's end, which sends what the function's tasks wrote) receives
// the new row into this rank's memory, which has to wait for the local
// tasks that still read the old one. Before, the receive overwrote the row
// under the lazy reader, which then summed the new values.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_mpi %t.plain %t
// RUN: %if mpich %{ %check_mpich %t.plain %t %}
#include <ppar.h>
#include <stdio.h>

#define N 1000

static double rows[2][N]; /* row 0 on rank 0, row 1 on rank 1 */
static double sums[2];    /* on rank 0 (rank 0 and 1 with 4 ranks) */

PPAR_DELAYED(nogil, out(sum[0:1]), in(row[0:n]))
void sum_row(double *sum, const double *row, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += row[i];
  *sum = s;
}

PPAR_DELAYED(nogil, out(row[0:n])) void set_row(double *row, int n, double v) {
  for (int i = 0; i < n; i++)
    row[i] = v + i;
}

/* A function whose end gives every rank the row its task rewrote. */
static void rewrite(double *row, double v) { set_row(row, N, v); }

int main(void) {
  ppar_distribute(rows, sizeof rows, PPAR_BLOCK, sizeof rows[0]);
  ppar_distribute(sums, sizeof sums, PPAR_BLOCK, sizeof sums);
  for (int i = 0; i < N; i++)
    rows[1][i] = 1;

  /* The sum runs on rank 0 (it writes sums[0]), lazily; the rewrite on
   * rank 1; then every rank reads row 1 (the program's wait for rows
   * leaves the sum pending: it only reads rows), then the sum. */
  sum_row(&sums[0], rows[1], N);
  set_row(rows[1], N, 2);
  printf("row 1 starts with %g\n", rows[1][0]);
  printf("sum before the rewrite: %g\n", sums[0]);

  /* A function's end. */
  sum_row(&sums[1], rows[1], N);
  rewrite(rows[1], 5);
  printf("sum before the second rewrite: %g\n", sums[1]);
  printf("row 1 ends with %g\n", rows[1][N - 1]);
  return 0;
}
