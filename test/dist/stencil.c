// An iterative 1-D stencil with halo tasks under mpirun on 1, 2 and 4 ranks:
// each step updates every block of the grid from the old grid's block and
// one cell on each side, so a block's runner receives the two halo cells
// its neighbours' owners wrote the step before, and nothing else. The grids
// are block distributed; the program swaps them between steps and prints
// a checksum at the end, after ppar_compute.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_mpi %t.plain %t
// RUN: %if mpich %{ %check_mpich %t.plain %t %}
#include <ppar.h>
#include <stdio.h>

#define CELLS 4096
#define BLOCKS 8
#define STEPS 20

static double grid_a[CELLS + 2], grid_b[CELLS + 2];

/* dst[1..n] from src[0..n+1]. */
PPAR_DELAYED(nogil, in(src[0:n + 2]), out(dst[1:n]))
void step(double *dst, const double *src, int n) {
  for (int i = 1; i <= n; i++)
    dst[i] = 0.25 * src[i - 1] + 0.5 * src[i] + 0.25 * src[i + 1];
}

int main(void) {
  for (int i = 0; i < CELLS + 2; i++)
    grid_a[i] = grid_b[i] = (i * 37 % 101) / 100.0;
  ppar_distribute(grid_a, sizeof grid_a, PPAR_BLOCK, sizeof(double));
  ppar_distribute(grid_b, sizeof grid_b, PPAR_BLOCK, sizeof(double));
  double *cur = grid_a, *next = grid_b;
  int per = CELLS / BLOCKS;
  for (int s = 0; s < STEPS; s++) {
    for (int b = 0; b < BLOCKS; b++)
      step(next + b * per, cur + b * per, per);
    double *tmp = cur;
    cur = next;
    next = tmp;
  }
  ppar_compute();
  double sum = 0, wsum = 0;
  for (int i = 0; i < CELLS + 2; i++) {
    sum += cur[i];
    wsum += cur[i] * (i % 7);
  }
  printf("sum = %.9f weighted = %.9f\n", sum, wsum);
  printf("cells: %.9f %.9f %.9f\n", cur[1], cur[CELLS / 2], cur[CELLS]);
  return 0;
}
