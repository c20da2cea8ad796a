// A chain whose middle task has no node on the rank that sends its input.
// fill runs on rank 0 (it writes y, rank 0's); scale runs on rank 1 and
// receives y from rank 0; shift runs on rank 1 and needs nothing from
// rank 0, so rank 0 does not keep it in its graph. When the program reads
// z (shift's output), rank 1 requests shift and so scale, which waits for
// y; rank 0 finds nothing of its own to wait for and waits for z. Every
// lazy task that sends or receives is requested where it is created, and
// a rank waiting for the program's messages keeps running its ready tasks
// (here fill, then scale's send), so rank 0 sends y. Before, rank 0 never
// requested its side of scale (only shift's node led to it) and both
// ranks waited for each other forever.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_mpi %t.plain %t
// RUN: %if mpich %{ %check_mpich %t.plain %t %}
#include <ppar.h>
#include <stdio.h>

#define N 4096

/* Row 0 of each on rank 0, row 1 on rank 1 (with 4 ranks too). */
static double y[2][N], w[2][N], z[2][N];

PPAR_DELAYED(nogil, out(p[0:n])) void fill(double *p, int n, double v) {
  for (int i = 0; i < n; i++)
    p[i] = v + i;
}

PPAR_DELAYED(nogil, in(src[0:n]), out(dst[0:n]))
void scale(double *dst, const double *src, int n, double f) {
  for (int i = 0; i < n; i++)
    dst[i] = f * src[i];
}

PPAR_DELAYED(nogil, in(src[0:n]), out(dst[0:n]))
void shift(double *dst, const double *src, int n, double d) {
  for (int i = 0; i < n; i++)
    dst[i] = src[i] + d;
}

int main(void) {
  ppar_distribute(y, sizeof y, PPAR_BLOCK, sizeof y[0]);
  ppar_distribute(w, sizeof w, PPAR_BLOCK, sizeof w[0]);
  ppar_distribute(z, sizeof z, PPAR_BLOCK, sizeof z[0]);
  for (int round = 0; round < 3; round++) {
    fill(y[0], N, round);
    scale(w[1], y[0], N, 2.0);
    shift(z[1], w[1], N, 1.0);
    double s = 0;
    for (int i = 0; i < N; i++)
      s += z[1][i];
    printf("round %d: %g\n", round, s);
  }
  return 0;
}
