// Mandelbrot as the Benchmarks Game and the tutorials write it: the
// function allocates the image itself (malloc of width * height bytes),
// fills it in a 2-D loop whose inner loop iterates until escape, sums
// it into a checksum and hands back its middle row. With target=cuda the
// image loop, the checksum and the row run as kernels, the image copied
// without any clause; answers are the serial build's.
//
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT --implicit-check-not=warning: < %t.report
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t
//
// REPORT: remark: 'mandelbrot' runs its 3 parallel loops as CUDA kernels
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

#pragma ppar jit(parallel, target=cuda)
static long mandelbrot(int width, int height, int maxiter, unsigned char *rows) {
  unsigned char *img = malloc((size_t)width * height);
  if (!img)
    return -1;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++) {
      double cr = 2.5 * x / width - 2.0, ci = 2.0 * y / height - 1.0;
      double zr = 0, zi = 0;
      int k = 0;
      while (k < maxiter && zr * zr + zi * zi <= 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        k++;
      }
      img[(size_t)y * width + x] = (unsigned char)(k * 255 / maxiter);
    }
  long checksum = 0;
  for (long i = 0; i < (long)width * height; i++)
    checksum += img[i];
  for (int x = 0; x < width; x++)
    rows[x] = img[(size_t)(height / 2) * width + x];
  free(img);
  return checksum;
}

/* Sizes: the test's by default; bench/gpu_apps.sh builds larger ones. */
#ifndef MANDEL_W
#define MANDEL_W 300
#endif

int main(void) {
  enum { W = MANDEL_W, H = MANDEL_W * 2 / 3 };
  unsigned char row[W];
  printf("checksum %ld\n", mandelbrot(W, H, 200, row));
  for (int x = 0; x < W; x += 5)
    putchar(row[x] > 200 ? '#' : row[x] > 20 ? '+' : '.');
  putchar('\n');
  return 0;
}
