// Raw kernels' launches through the runtime, on the stand-in driver
// (Inputs/fake_cuda.c): the program is built with the plugin, its kernel
// modules compile with NVRTC, and the "device" runs host versions of the
// kernels below over the grid the driver was given. The user's grid is
// launched as whole blocks of the asked size (256 by default), the threads
// past the grid do nothing; a pointer without clause uses its resident
// block in place; one that is not resident runs the CPU version, saying
// why once.
//
// REQUIRES: nvrtc
// RUN: rm -rf %t.dir && mkdir -p %t.dir/lib
// RUN: %clang -shared -fPIC -O1 %S/Inputs/fake_cuda.c -o %t.dir/lib/libcuda.so.1
// RUN: %cc_ppar -O1 -Wl,--export-dynamic-symbol=fake_* %s -o %t %link_rt -ldl
// RUN: env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache %t 2>&1 | FileCheck %s --match-full-lines
// CHECK:      grid 4x1x1, block 256x1x1
// CHECK-NEXT: increment: a[0]=1 a[999]=1000 device threads 1000
// CHECK-NEXT: grid 3x1x1, block 100x1x1
// CHECK-NEXT: blocks: a[0]=2 a[299]=301 a[300]=301 device threads 300
// CHECK-NEXT: grid 4x1x1, block 256x1x1
// CHECK-NEXT: grid 4x1x1, block 256x1x1
// CHECK-NEXT: resident: u[0]=2 u[999]=1001
// CHECK-NEXT: ppar: bump ({{.*}}raw-launch-fake.c:{{[0-9]+}}): the GPU call failed: 'u' has no data clause and is not resident on the GPU: give its extent (inout(u[0:n])) or make it resident with ppar_to_device; running the CPU version
// CHECK-NEXT: not resident: u[0]=1 u[999]=1000
#include <stdio.h>
#include <ppar.h>

PPAR_JIT(kernel, target=cuda, inout(a[0:n]))
void increment(float *a, int n) {
  long long i = ppar_thread_index();
  if (i < n)
    a[i] += 1.0f;
}

PPAR_JIT(kernel, target=cuda)
void bump(double *u, int n) {
  long long i = ppar_thread_index();
  if (i < n)
    u[i] += 1.0;
}

/* The "device": the last grid, and the kernels run over it as CUDA would
 * (the guard of the generated kernel included). */
static unsigned dims[6];
static long long ran;
void fake_grid(const unsigned d[6]) {
  for (int i = 0; i < 6; i++)
    dims[i] = d[i];
  printf("grid %ux%ux%u, block %ux%ux%u\n", d[0], d[1], d[2], d[3], d[4], d[5]);
}
int fake___ppar_k_increment(void **p) {
  long long n = *(long long *)p[0];
  float *a = *(float **)p[1];
  int m = *(int *)p[2];
  for (long long t = 0; t < (long long)dims[0] * dims[3]; t++)
    if (t < n && t < m)
      a[t] += 1.0f, ran++;
  return 0;
}
int fake___ppar_k_bump(void **p) {
  long long n = *(long long *)p[0];
  double *u = *(double **)p[1];
  int m = *(int *)p[2];
  for (long long t = 0; t < (long long)dims[0] * dims[3]; t++)
    if (t < n && t < m)
      u[t] += 1.0;
  return 0;
}

int main(void) {
  static float a[1000];
  static double u[1000];
  for (int i = 0; i < 1000; i++)
    a[i] = (float)i, u[i] = i;
  ppar_launch(increment, ppar_grid(1000), a, 1000);
  printf("increment: a[0]=%g a[999]=%g device threads %lld\n", a[0], a[999], ran);
  ran = 0;
  ppar_launch(increment, ppar_blocks(3, 100), a, 1000);
  printf("blocks: a[0]=%g a[299]=%g a[300]=%g device threads %lld\n", a[0], a[299], a[300], ran);

  ppar_to_device(u, sizeof u);
  ppar_launch(bump, ppar_grid(1000), u, 1000);
  ppar_launch(bump, ppar_grid(1000), u, 1000);
  ppar_to_host(u);
  ppar_device_free(u);
  printf("resident: u[0]=%g u[999]=%g\n", u[0], u[999]);
  for (int i = 0; i < 1000; i++)
    u[i] = i;
  ppar_launch(bump, ppar_grid(1000), u, 1000);
  printf("not resident: u[0]=%g u[999]=%g\n", u[0], u[999]);
  return 0;
}
