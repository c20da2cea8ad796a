// A 3-D heat stencil as a solver writes it: the function allocates its two
// grids (malloc, sizes from its arguments), fills them, runs the time loop
// as two half steps (a to b, b to a), and returns a checksum. With
// target=cuda every loop runs as a kernel and the grids stay on the GPU
// for the whole call, copied without any data clause; answers are the
// serial build's. (The index written `z * plane + y * nx + x`, `plane`
// a local holding nx * ny, is split as this Horner form is:
// test/run/gpu-fixed-locals.c.)
//
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT --implicit-check-not=warning: < %t.report
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t
//
// REPORT: remark: 'heat3d' runs its 4 parallel loops as CUDA kernels
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

/* The grid point (x, y, z), x fastest. */
#define IDX(x, y, z) (((long)(z) * ny + (y)) * nx + (x))

#pragma ppar jit(parallel, target=cuda)
static double heat3d(int nx, int ny, int nz, int steps, double alpha) {
  long n = (long)nx * ny * nz;
  double *a = malloc(n * sizeof *a);
  double *b = malloc(n * sizeof *b);
  if (!a || !b)
    return -1;
  for (long c = 0; c < n; c++) {
    a[c] = (double)(c % 17) / 17.0;
    b[c] = a[c];
  }
  for (int t = 0; t < steps; t++) {
    for (int z = 1; z < nz - 1; z++)
      for (int y = 1; y < ny - 1; y++)
        for (int x = 1; x < nx - 1; x++)
          b[IDX(x, y, z)] = a[IDX(x, y, z)] +
                            alpha * (a[IDX(x - 1, y, z)] + a[IDX(x + 1, y, z)] +
                                     a[IDX(x, y - 1, z)] + a[IDX(x, y + 1, z)] +
                                     a[IDX(x, y, z - 1)] + a[IDX(x, y, z + 1)] -
                                     6 * a[IDX(x, y, z)]);
    for (int z = 1; z < nz - 1; z++)
      for (int y = 1; y < ny - 1; y++)
        for (int x = 1; x < nx - 1; x++)
          a[IDX(x, y, z)] = b[IDX(x, y, z)] +
                            alpha * (b[IDX(x - 1, y, z)] + b[IDX(x + 1, y, z)] +
                                     b[IDX(x, y - 1, z)] + b[IDX(x, y + 1, z)] +
                                     b[IDX(x, y, z - 1)] + b[IDX(x, y, z + 1)] -
                                     6 * b[IDX(x, y, z)]);
  }
  double sum = 0;
  for (long c = 0; c < n; c++)
    sum += a[c];
  free(a);
  free(b);
  return sum;
}

/* Sizes: the test's by default; bench/gpu_apps.sh builds larger ones. */
#ifndef HEAT_N
#define HEAT_N 30
#endif
#ifndef HEAT_STEPS
#define HEAT_STEPS 20
#endif

int main(void) {
  printf("heat3d: %.9f\n", heat3d(HEAT_N + 4, HEAT_N, HEAT_N - 4, HEAT_STEPS, 0.1));
  printf("heat3d: %.9f\n", heat3d(9, 8, 7, 3, 0.15));
  return 0;
}
