#include <assert.h>
#include <stdio.h>
#include <string.h>

#pragma ppar jit(parallel)
double sum(const double *a, long n, int fail) {
  double s = 0;
  for (long i = 0; i < n; i++)
    s += a[i];
  assert(!fail);
  return s;
}

int main(int argc, char **argv) {
  static double a[100000];
  for (long i = 0; i < 100000; i++)
    a[i] = (double)(i % 7);
  printf("%g\n", sum(a, 100000, argc > 1 && strcmp(argv[1], "fail") == 0));
  return 0;
}
