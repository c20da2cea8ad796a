// Built by test/tools/Inputs/outside/CMakeLists.txt through find_package(PPar).
#include <stdio.h>
#include <ppar.h>

#define N 1000000
static double a[N];

#pragma ppar jit(parallel)
double sum(const double *x, long n) {
  double s = 0;
#pragma ppar prange
  for (long i = 0; i < n; i++)
    s += x[i];
  return s;
}

int main(void) {
  for (long i = 0; i < N; i++)
    a[i] = (double)(i % 10);
  printf("outside sum = %.1f\n", sum(a, N));
  return 0;
}
