/* Host version of the kernel the plugin generates for
 * test/run/gpu-resident-split.c, for the stand-in driver (fake_cuda.c):
 * parameters as the generated launch passes them (first iteration and trip
 * count, serial flag, then the kernel's own). At exit it says how many
 * bytes moved between devices (the stand-in's counters). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>

int fake___ppar_k_jacobi_0(void **p) {
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  int m = *(int *)p[3];
  double *v = *(double **)p[4];
  const double *u = *(const double **)p[5];
  for (long long i = lo; i < lo + n; i++)
    for (int j = 1; j < m - 1; j++)
      v[i * m + j] = 0.25 * (u[(i - 1) * m + j] + u[(i + 1) * m + j] +
                             u[i * m + j - 1] + u[i * m + j + 1]);
  return 0;
}

static long counter(void *lib, const char *name) {
  long (*f)(void) = lib ? (long (*)(void))dlsym(lib, name) : NULL;
  return f ? f() : -1;
}

__attribute__((destructor)) static void moved(void) {
  void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_NOLOAD);
  fprintf(stderr, "moved between devices: peer %ld, on one device %ld\n",
          counter(lib, "fake_cuda_peer_bytes"),
          counter(lib, "fake_cuda_dtod_bytes"));
}
