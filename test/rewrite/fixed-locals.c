// A local stride that holds one value for the whole call (`int plane = nx
// * ny;`, `long row = m;`, `const size_t`: initialised from parameters the
// function never changes, never assigned, its address never taken) is read
// as its definition: the extents of the GPU variant are formulas over the
// parameters (the least and greatest of the nest's corners, the signs of
// m and nx*ny being unknown, registered only when every loop runs), and
// the CPU's dependence test splits `z * plane + y * nx + x` as it splits
// `(z * ny + y) * nx + x`, so the z loop is the parallel one.
// A stride assigned again stays a symbol (the loop over i keeps its
// dependence, and the inner loop is the parallel one).
// RUN: rm -rf %t.d
// RUN: %cc_ppar -fsyntax-only -fplugin-arg-ppar-emit=%t.d %s
// RUN: FileCheck %s < %t.d/fixed-locals.ppar.c
#include <stddef.h>

// CHECK-LABEL: {{^}}static void __ppar_cuda_rows(
// CHECK: __ppar_rt_gpu_data(__ppar_g, (((n - 1) >= (0) && (m - 1) >= (0)) ? (const void *)&b[__ppar_rt_min(0, n*m - m)] : (const void *)0), (((n - 1) >= (0) && (m - 1) >= (0)) ? (const void *)(&b[__ppar_rt_max(m - 1, n*m - 1)] + 1) : (const void *)0), __PPAR_RT_ACCESS_READWRITE); __ppar_rt_gpu_data(__ppar_g, (((n - 1) >= (0) && (m - 1) >= (0)) ? (const void *)&a[__ppar_rt_min(0, n*m - m)] : (const void *)0), (((n - 1) >= (0) && (m - 1) >= (0)) ? (const void *)(&a[__ppar_rt_max(m - 1, n*m - 1)] + 1) : (const void *)0), __PPAR_RT_ACCESS_READ); __ppar_rt_gpu_copy_in(__ppar_g);
#pragma ppar jit(parallel, target=cuda)
static void rows(int n, int m, const float *restrict a, float *restrict b) {
  long row = m;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      b[i * row + j] = 2 * a[i * row + j];
}

// CHECK-LABEL: {{^}}static void __ppar_cuda_plane(
// CHECK: __ppar_rt_gpu_data(__ppar_g, (((nz - 1) >= (0) && (ny - 1) >= (0) && (nx - 1) >= (0)) ? (const void *)&out[__ppar_rt_min(0, __ppar_rt_min(-nx*ny + nx*ny*nz, __ppar_rt_min(-nx + nx*ny, -nx + nx*ny*nz)))] : (const void *)0), (((nz - 1) >= (0) && (ny - 1) >= (0) && (nx - 1) >= (0)) ? (const void *)(&out[__ppar_rt_max(nx - 1, __ppar_rt_max(nx - nx*ny + nx*ny*nz - 1, __ppar_rt_max(nx*ny - 1, nx*ny*nz - 1)))] + 1) : (const void *)0), __PPAR_RT_ACCESS_READWRITE);
#pragma ppar jit(parallel, target=cuda)
static void plane(size_t nx, size_t ny, size_t nz, const double *restrict in,
                  double *restrict out) {
  const size_t plane = nx * ny;
  for (size_t z = 0; z < nz; z++)
    for (size_t y = 0; y < ny; y++)
      for (size_t x = 0; x < nx; x++)
        out[z * plane + y * nx + x] = in[z * plane + y * nx + x] + 1;
}

// CHECK-LABEL: {{^}}static void __ppar_cpu_cpu_3d(
// CHECK: _Pragma("omp parallel for schedule(static) num_threads(__ppar_rt_num_threads())") for (int z = 0; z < nz; z++)
#pragma ppar jit(parallel)
static void cpu_3d(int nx, int ny, int nz, const double *restrict in, double *restrict out) {
  int plane = nx * ny;
  for (int z = 0; z < nz; z++)
    for (int y = 0; y < ny; y++)
      for (int x = 0; x < nx; x++)
        out[z * plane + y * nx + x] = in[z * plane + y * nx + x] * 2;
}

// CHECK-LABEL: {{^}}static void __ppar_cpu_restride(
// CHECK-NOT: ") for (int i = 0; i < n; i++)
// CHECK: _Pragma("omp for schedule(static)") for (int j = 0; j < m; j++)
#pragma ppar jit(parallel)
static void restride(int n, int m, const double *restrict a, double *restrict b) {
  int stride = m;
  if (n > 2)
    stride = m + 1;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      b[i * stride + j] = a[i * stride + j] + 1;
}

// An interior stencil: the sign of nx*ny is unknown at compile time, so
// each bound is the least or greatest of the nest's corners, which lie
// inside the array only when every loop runs; the registration is empty
// otherwise (nz < 3 would else copy bytes before the array).
// CHECK-LABEL: {{^}}static void __ppar_cuda_interior(
// CHECK: __ppar_rt_gpu_data(__ppar_g, (((nz - 2) >= (1) && (ny - 2) >= (1) && (nx - 2) >= (1)) ? (const void *)&out[__ppar_rt_min(
// CHECK-SAME: : (const void *)0), (((nz - 2) >= (1) && (ny - 2) >= (1) && (nx - 2) >= (1)) ? (const void *)(&out[__ppar_rt_max(
// CHECK: void *__ppar_p_out = (char *)__ppar_rt_gpu_ptr(__ppar_g, (const void *)&out[__ppar_rt_min(
#pragma ppar jit(parallel, target=cuda)
static void interior(int nx, int ny, int nz, const double *restrict in, double *restrict out) {
  int plane = nx * ny;
  for (int z = 1; z < nz - 1; z++)
    for (int y = 1; y < ny - 1; y++)
      for (int x = 1; x < nx - 1; x++)
        out[z * plane + y * nx + x] = in[(z - 1) * plane + y * nx + x] + in[(z + 1) * plane + y * nx + x];
}
