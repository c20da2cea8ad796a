// Rows of a matrix dealt to the ranks in turn (PPAR_CYCLIC): each sweep a
// task per row reads the rows above and below, so on 2 or 4 ranks every
// read range spans three holders and arrives in several messages, and a
// reduction of row sums (value tasks) runs where each row lives.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_mpi %t.plain %t
// RUN: %if mpich %{ %check_mpich %t.plain %t %}
#include <ppar.h>
#include <stdio.h>

#define ROWS 18
#define COLS 64
#define SWEEPS 6

static double a[ROWS][COLS], b[ROWS][COLS];

/* out[0..COLS) from the three rows in[-COLS .. 2*COLS). */
PPAR_DELAYED(nogil, in(in[0:3 * COLS]), out(out[0:COLS]))
void blur(double *out, const double *in) {
  for (int j = 0; j < COLS; j++) {
    double l = in[COLS + (j + COLS - 1) % COLS], r = in[COLS + (j + 1) % COLS];
    out[j] = (in[j] + in[2 * COLS + j] + l + r + 4 * in[COLS + j]) / 8;
  }
}

PPAR_DELAYED(nogil, in(row[0:COLS])) double row_sum(const double *row) {
  double s = 0;
  for (int j = 0; j < COLS; j++)
    s += row[j] * (j + 1);
  return s;
}

int main(void) {
  for (int i = 0; i < ROWS; i++)
    for (int j = 0; j < COLS; j++)
      a[i][j] = b[i][j] = ((i * 131 + j * 17) % 97) / 97.0;
  ppar_distribute(a, sizeof a, PPAR_CYCLIC, sizeof a[0]);
  ppar_distribute(b, sizeof b, PPAR_CYCLIC, sizeof b[0]);
  for (int s = 0; s < SWEEPS; s++) {
    double (*src)[COLS] = s % 2 ? b : a, (*dst)[COLS] = s % 2 ? a : b;
    for (int i = 1; i < ROWS - 1; i++)
      blur(dst[i], src[i - 1]);
  }
  double sums[ROWS];
  for (int i = 0; i < ROWS; i++)
    sums[i] = row_sum(a[i]);
  double total = 0;
  for (int i = 0; i < ROWS; i++)
    total += sums[i];
  printf("total = %.9f\n", total);
  printf("corner %.9f middle %.9f\n", a[1][0], a[ROWS / 2][COLS / 2]);
  return 0;
}
