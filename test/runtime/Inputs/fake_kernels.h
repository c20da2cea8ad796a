/* Kernels the stand-in driver (fake_cuda.c) runs at launch, shared by the
 * runtime's tests: host functions named fake_<kernel>, given the launch's
 * parameter array. k_inc(n, x) adds one to x[0..n); k_fault fails as a
 * kernel that faults. Each test declares its fake_<kernel>_nparams. */
#ifndef PPAR_TEST_FAKE_KERNELS_H
#define PPAR_TEST_FAKE_KERNELS_H

int fake_k_inc(void **p) {
  long long n = *(long long *)p[0];
  double *x = *(double **)p[1];
  for (long long i = 0; i < n; i++)
    x[i] += 1;
  return 0;
}

int fake_k_fault(void **p) {
  (void)p;
  return 1;
}

#endif
