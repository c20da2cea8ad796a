/* Host version of the kernel the plugin generates for
 * test/run/delayed-place.c, for the stand-in driver (fake_cuda.c):
 * parameters as the generated launch passes them (first iteration, trip
 * count, serial flag, then y, a, x). Each launch says on stderr which
 * device it ran on; the independent tasks' launches (a = 3) wait for each
 * other (wait_for_two.h), so that both tasks are running when the second is
 * placed. */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdio.h>

#include "wait_for_two.h"

static int device(void) {
  void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_NOLOAD);
  int (*f)(void) = lib ? (int (*)(void))dlsym(lib, "fake_cuda_device") : NULL;
  return f ? f() : -1;
}

int fake___ppar_k_scale_0_nparams = 6; /* FAKE_CUDA_ASYNC=1 copies them */

int fake___ppar_k_scale_0(void **p) {
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  double *y = *(double **)p[3], a = *(double *)p[4];
  const double *x = *(const double **)p[5];
  fprintf(stderr, "scale a=%g on device %d\n", a, device());
  static int inside;
  if (a == 3.0)
    wait_for_two(&inside);
  for (long long i = lo; i < lo + n; i++)
    y[i] = a * x[i] + y[i];
  return 0;
}
