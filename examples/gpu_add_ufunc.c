/* A ufunc on the GPU, as Numba's @vectorize(['float32(float32, float32)'],
 * target='cuda'): add_ufunc_vec(n, x, y, out) computes out[i] = x[i] + y[i]
 * in a CUDA kernel, copying x and y in and out back. Without a GPU it says
 * so once and runs on the CPU cores; without the plugin, serially. */
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

PPAR_VECTORIZE(target=cuda)
float add_ufunc(float x, float y) { return x + y; }
PPAR_VECTORIZE_DECL(add_ufunc, float, float, float)

int main(void) {
  enum { N = 1 << 20 };
  float *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y), *out = malloc(N * sizeof *out);
  for (int i = 0; i < N; i++) {
    x[i] = (float)i;
    y[i] = 2.0f * (float)i;
  }
  add_ufunc_vec(N, x, y, out);
  double sum = 0;
  for (int i = 0; i < N; i++)
    sum += out[i];
  printf("out[0..3] = %g %g %g %g, out[N-1] = %g, sum = %.17g\n", out[0], out[1], out[2],
         out[3], out[N - 1], sum);
  free(x);
  free(y);
  free(out);
  return 0;
}
