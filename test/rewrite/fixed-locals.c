// A local stride that holds one value for the whole call (`int plane = nx
// * ny;`, `long row = m;`, `const size_t`: initialised from parameters the
// function never changes, never assigned, its address never taken) is read
// as its definition: the extents of the GPU variant are formulas over the
// parameters, and the CPU's dependence test splits `z * plane + y * nx + x`
// as it splits `(z * ny + y) * nx + x`, so the z loop is the parallel one.
// A stride assigned again stays a symbol (the loop over i keeps its
// dependence, and the inner loop is the parallel one).
// RUN: rm -rf %t.d
// RUN: %cc_ppar -fsyntax-only -fplugin-arg-ppar-emit=%t.d %s
// RUN: FileCheck %s < %t.d/fixed-locals.ppar.c
#include <stddef.h>

// CHECK-LABEL: static void __ppar_cuda_rows(
// CHECK: __ppar_rt_gpu_data(__ppar_g, (const void *)&b[0], (const void *)(&b[n*m - 1] + 1), __PPAR_RT_ACCESS_READWRITE); __ppar_rt_gpu_data(__ppar_g, (const void *)&a[0], (const void *)(&a[n*m - 1] + 1), __PPAR_RT_ACCESS_READ); __ppar_rt_gpu_copy_in(__ppar_g);
#pragma ppar jit(parallel, target=cuda)
static void rows(int n, int m, const float *restrict a, float *restrict b) {
  long row = m;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      b[i * row + j] = 2 * a[i * row + j];
}

// CHECK-LABEL: static void __ppar_cuda_plane(
// CHECK: __ppar_rt_gpu_data(__ppar_g, (const void *)&out[0], (const void *)(&out[nx*ny*nz - 1] + 1), __PPAR_RT_ACCESS_READWRITE); __ppar_rt_gpu_data(__ppar_g, (const void *)&in[0], (const void *)(&in[nx*ny*nz - 1] + 1), __PPAR_RT_ACCESS_READ); __ppar_rt_gpu_copy_in(__ppar_g);
#pragma ppar jit(parallel, target=cuda)
static void plane(size_t nx, size_t ny, size_t nz, const double *restrict in,
                  double *restrict out) {
  const size_t plane = nx * ny;
  for (size_t z = 0; z < nz; z++)
    for (size_t y = 0; y < ny; y++)
      for (size_t x = 0; x < nx; x++)
        out[z * plane + y * nx + x] = in[z * plane + y * nx + x] + 1;
}

// CHECK-LABEL: static void __ppar_cpu_cpu_3d(
// CHECK: _Pragma("omp parallel for schedule(static) num_threads(__ppar_rt_num_threads())") for (int z = 0; z < nz; z++)
#pragma ppar jit(parallel)
static void cpu_3d(int nx, int ny, int nz, const double *restrict in, double *restrict out) {
  int plane = nx * ny;
  for (int z = 0; z < nz; z++)
    for (int y = 0; y < ny; y++)
      for (int x = 0; x < nx; x++)
        out[z * plane + y * nx + x] = in[z * plane + y * nx + x] * 2;
}

// CHECK-LABEL: static void __ppar_cpu_restride(
// CHECK: for (int i = 0; i < n; i++)
// CHECK-NEXT: _Pragma("omp for schedule(static)") for (int j = 0; j < m; j++)
#pragma ppar jit(parallel)
static void restride(int n, int m, const double *restrict a, double *restrict b) {
  int stride = m;
  if (n > 2)
    stride = m + 1;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      b[i * stride + j] = a[i * stride + j] + 1;
}
