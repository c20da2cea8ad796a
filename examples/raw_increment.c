/* Numba's first CUDA kernel written per thread (@cuda.jit, CuPy's
 * RawKernel): increment is the body of one thread, and ppar_launch runs it
 * over a grid of n threads. With a GPU the grid is a CUDA grid; without
 * one the threads are an OpenMP parallel loop; without the plugin a serial
 * loop. */
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

PPAR_JIT(kernel, target=auto, inout(a[0:n]))
void increment(float *a, int n) {
  long long i = ppar_thread_index();
  if (i < n)
    a[i] += 1.0f;
}

/* A grid larger than the data: each thread strides over it, as a CUDA
 * grid-stride loop does. */
PPAR_JIT(kernel, target=auto, in(x[0:n]), inout(y[0:n]))
void axpy(int n, float alpha, const float *x, float *y) {
  for (long long i = ppar_thread_index(); i < n; i += ppar_grid_size())
    y[i] = alpha * x[i] + y[i];
}

int main(void) {
  int n = 1000003;
  float *a = malloc(n * sizeof *a), *y = malloc(n * sizeof *y);
  for (int i = 0; i < n; i++)
    a[i] = (float)(i % 1000), y[i] = 1.0f;
  ppar_launch(increment, ppar_grid(n), a, n);
  printf("after increment: a[0] = %g, a[999] = %g, a[n-1] = %g\n", a[0], a[999], a[n - 1]);
  ppar_launch(axpy, ppar_blocks(64, 128), n, 2.0f, a, y);
  double total = 0;
  for (int i = 0; i < n; i++)
    total += y[i];
  printf("after axpy: y[0] = %g, y[n-1] = %g, total = %.1f\n", y[0], y[n - 1], total);
  free(a);
  free(y);
  return 0;
}
