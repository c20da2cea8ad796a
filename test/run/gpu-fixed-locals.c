// Grids indexed through a local stride, as solvers write them: `int plane =
// nx * ny;` (or `const size_t plane`, `long row = n;`), then `a[z * plane +
// y * nx + x]`. Such a local holds one value for the whole call (it is
// initialised from parameters the function never changes, never assigned
// again, its address never taken), so the analysis reads it as its
// definition. It used to stay a symbol: the dependence test could not split
// `z * plane + y * nx + x`, only the x loop was parallel, its bounds named
// z and y, and the function stayed on the CPU. Now every loop is a kernel,
// the extents are formulas over the parameters, and the answers are the
// serial build's. A local that is assigned again (`stride`) stays a symbol.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT --implicit-check-not=warning: < %t.report
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-fixed-locals.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
//
// REPORT-DAG: remark: 'heat_int' runs its 4 parallel loops as CUDA kernels
// REPORT-DAG: remark: 'heat_size' runs its 2 parallel loops as CUDA kernels
// REPORT-DAG: remark: 'rows_long' runs its 2 parallel loops as CUDA kernels
// REPORT-DAG: gpu-fixed-locals.c:[[#@LINE+82]]:3: remark: loop parallelised:
// REPORT-DAG: gpu-fixed-locals.c:[[#@LINE+94]]:3: remark: loop not parallelised: b[i * stride + j] may be written by more than one iteration
// REPORT-DAG: warning: 'restride' runs on the CPU:
// NVRTC-DAG: gpu-fixed-locals.heat_int.cu: ok
// NVRTC-DAG: gpu-fixed-locals.heat_size.cu: ok
// NVRTC-DAG: gpu-fixed-locals.rows_long.cu: ok
#include <stdio.h>
#include <stdlib.h>

/* Two half steps of a 3-D heat stencil over grids the function allocates;
   `plane` is an int. */
#pragma ppar jit(parallel, target=cuda)
static double heat_int(int nx, int ny, int nz, int steps, double alpha) {
  int plane = nx * ny;
  long n = (long)plane * nz;
  double *a = malloc(n * sizeof *a);
  double *b = malloc(n * sizeof *b);
  if (!a || !b)
    return -1;
  for (long c = 0; c < n; c++)
    a[c] = b[c] = (double)(c % 13) / 13.0;
  for (int t = 0; t < steps; t++) {
    for (int z = 1; z < nz - 1; z++)
      for (int y = 1; y < ny - 1; y++)
        for (int x = 1; x < nx - 1; x++)
          b[z * plane + y * nx + x] =
              a[z * plane + y * nx + x] +
              alpha * (a[z * plane + y * nx + x - 1] + a[z * plane + y * nx + x + 1] +
                       a[z * plane + (y - 1) * nx + x] + a[z * plane + (y + 1) * nx + x] +
                       a[(z - 1) * plane + y * nx + x] + a[(z + 1) * plane + y * nx + x] -
                       6 * a[z * plane + y * nx + x]);
    for (int z = 1; z < nz - 1; z++)
      for (int y = 1; y < ny - 1; y++)
        for (int x = 1; x < nx - 1; x++)
          a[z * plane + y * nx + x] =
              b[z * plane + y * nx + x] +
              alpha * (b[z * plane + y * nx + x - 1] + b[z * plane + y * nx + x + 1] +
                       b[z * plane + (y - 1) * nx + x] + b[z * plane + (y + 1) * nx + x] +
                       b[(z - 1) * plane + y * nx + x] + b[(z + 1) * plane + y * nx + x] -
                       6 * b[z * plane + y * nx + x]);
  }
  double sum = 0;
  for (long c = 0; c < n; c++)
    sum += a[c];
  free(a);
  free(b);
  return sum;
}

/* The caller's grids, a `const size_t` plane and a size_t row. */
#pragma ppar jit(parallel, target=cuda)
static double heat_size(size_t nx, size_t ny, size_t nz, const double *in, double *out) {
  const size_t plane = nx * ny;
  size_t row = nx;
  for (size_t z = 1; z < nz - 1; z++)
    for (size_t y = 1; y < ny - 1; y++)
      for (size_t x = 1; x < nx - 1; x++)
        out[z * plane + y * row + x] =
            (in[(z - 1) * plane + y * row + x] + in[(z + 1) * plane + y * row + x] +
             in[z * plane + (y - 1) * row + x] + in[z * plane + (y + 1) * row + x]) / 4;
  double s = 0;
  for (size_t c = 0; c < plane * nz; c++)
    s += out[c] * (double)(c % 7);
  return s;
}

/* A 2-D array with a `long` row stride named once. */
#pragma ppar jit(parallel, target=cuda)
static void rows_long(int n, int m, const float *a, float *b) {
  long stride = m;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      b[i * stride + j] = 2 * a[i * stride + j];
  for (int i = 1; i < n; i++)
    for (int j = 0; j < m; j++)
      b[i * stride + j] += a[(i - 1) * stride + j];
}

/* The CPU path gains too: the z loop is parallel. */
#pragma ppar jit(parallel)
static void cpu_3d(int nx, int ny, int nz, const double *in, double *out) {
  int plane = nx * ny;
  for (int z = 0; z < nz; z++)
    for (int y = 0; y < ny; y++)
      for (int x = 0; x < nx; x++)
        out[z * plane + y * nx + x] = in[z * plane + y * nx + x] * (z + 1);
}

/* A stride assigned again: not a fixed local; the answer is still the
   serial one. */
#pragma ppar jit(parallel, target=cuda)
static void restride(int n, int m, const double *a, double *b) {
  int stride = m;
  if (n > 2)
    stride = m + 1;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      b[i * stride + j] = a[i * stride + j] + 1;
}

int main(void) {
  printf("heat_int: %.9f %.9f\n", heat_int(20, 14, 12, 6, 0.1), heat_int(5, 4, 3, 2, 0.2));
  enum { NX = 9, NY = 7, NZ = 6 };
  static double in[NX * NY * NZ], out[NX * NY * NZ];
  for (int c = 0; c < NX * NY * NZ; c++)
    in[c] = (c * 37 % 101) / 7.0;
  printf("heat_size: %.9f\n", heat_size(NX, NY, NZ, in, out));
  static float fa[6 * 11], fb[6 * 11];
  for (int c = 0; c < 6 * 11; c++)
    fa[c] = (float)c / 3;
  rows_long(6, 11, fa, fb);
  for (int c = 0; c < 6 * 11; c += 5)
    printf(" %g", fb[c]);
  printf("\n");
  cpu_3d(NX, NY, NZ, in, out);
  printf("cpu_3d: %g %g\n", out[NX * NY * NZ - 1], out[NX * NY + 3]);
  static double rb[4 * 12];
  restride(4, 9, in, rb);
  restride(2, 9, in, rb);
  for (int c = 0; c < 4 * 12; c += 7)
    printf(" %g", rb[c]);
  printf("\n");
  return 0;
}
