/* Device-agnostic code: target=auto runs the loops on a GPU when there is
 * one and on the CPU cores otherwise, silently; the same binary works on
 * both machines. Here: a 2-D heat-diffusion step (a 2-D grid of threads
 * on the GPU) and the total heat (a reduction). */
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

#define NX 512
#define NY 512

PPAR_JIT(parallel, target=auto)
void diffuse(int nx, int ny, const double in[nx][ny], double out[nx][ny], double k) {
  for (int i = 1; i < nx - 1; i++)
    for (int j = 1; j < ny - 1; j++)
      out[i][j] = in[i][j] + k * (in[i - 1][j] + in[i + 1][j] + in[i][j - 1] +
                                  in[i][j + 1] - 4 * in[i][j]);
}

PPAR_JIT(parallel, target=auto)
double total(int nx, int ny, const double g[nx][ny]) {
  double s = 0;
  for (int i = 0; i < nx; i++)
    for (int j = 0; j < ny; j++)
      s += g[i][j];
  return s;
}

int main(void) {
  double (*a)[NY] = calloc(NX, sizeof *a), (*b)[NY] = calloc(NX, sizeof *b);
  for (int i = NX / 2 - 8; i < NX / 2 + 8; i++)
    for (int j = NY / 2 - 8; j < NY / 2 + 8; j++)
      a[i][j] = 100.0;
  for (int t = 0; t < 50; t++) {
    diffuse(NX, NY, (const double (*)[NY])a, b, 0.2);
    diffuse(NX, NY, (const double (*)[NY])b, a, 0.2);
  }
  printf("centre %.12f, edge %.12f, total %.9f\n", a[NX / 2][NY / 2], a[NX / 2 - 20][NY / 2],
         total(NX, NY, (const double (*)[NY])a));
  free(a);
  free(b);
  return 0;
}
