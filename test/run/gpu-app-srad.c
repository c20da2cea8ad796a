// Speckle-reducing anisotropic diffusion (SRAD, after Rodinia's srad_v2)
// on an image: each iteration sums the image and its squares over a region
// of interest (two reductions), derives the diffusion threshold q0 on the
// host from those sums, computes the directional derivatives and the
// diffusion coefficient into arrays the function allocates, and updates
// the image. With target=cuda every loop runs as a kernel; the host code
// between them reads only the reductions' results, so nothing is copied
// during the iterations. The neighbours' subscripts clamp at the border
// (`i > 0 ? i - 1 : 0`), which ppar cannot bound: the image's extent is a
// clause (the error asks for one). Answers are the serial build's.
//
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT --implicit-check-not=warning: < %t.report
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t
//
// REPORT: remark: 'srad' runs its 3 parallel loops as CUDA kernels
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

#pragma ppar jit(parallel, target=cuda, inout(J[0:rows * cols]))
static double srad(int rows, int cols, int niter, double lambda, double *J) {
  long size = (long)rows * cols;
  double *c = malloc(size * sizeof *c);
  double *dN = malloc(size * sizeof *dN), *dS = malloc(size * sizeof *dS);
  double *dW = malloc(size * sizeof *dW), *dE = malloc(size * sizeof *dE);
  double q0 = 0;
  for (int iter = 0; iter < niter; iter++) {
    double sum = 0, sum2 = 0;
    for (long k = 0; k < size; k++) {
      sum += J[k];
      sum2 += J[k] * J[k];
    }
    double meanROI = sum / size;
    double varROI = sum2 / size - meanROI * meanROI;
    q0 = varROI / (meanROI * meanROI);
    for (int i = 0; i < rows; i++)
      for (int j = 0; j < cols; j++) {
        long k = (long)i * cols + j;
        double Jc = J[k];
        /* neighbours, clamped at the border */
        double n = J[(long)(i > 0 ? i - 1 : 0) * cols + j];
        double s = J[(long)(i < rows - 1 ? i + 1 : rows - 1) * cols + j];
        double w = J[(long)i * cols + (j > 0 ? j - 1 : 0)];
        double e = J[(long)i * cols + (j < cols - 1 ? j + 1 : cols - 1)];
        dN[k] = n - Jc;
        dS[k] = s - Jc;
        dW[k] = w - Jc;
        dE[k] = e - Jc;
        double G2 = (dN[k] * dN[k] + dS[k] * dS[k] + dW[k] * dW[k] + dE[k] * dE[k]) / (Jc * Jc);
        double L = (dN[k] + dS[k] + dW[k] + dE[k]) / Jc;
        double num = 0.5 * G2 - (1.0 / 16.0) * (L * L);
        double den = 1 + 0.25 * L;
        double qsqr = num / (den * den);
        den = (qsqr - q0) / (q0 * (1 + q0));
        double ck = 1.0 / (1.0 + den);
        c[k] = ck < 0 ? 0 : ck > 1 ? 1 : ck;
      }
    for (int i = 0; i < rows; i++)
      for (int j = 0; j < cols; j++) {
        long k = (long)i * cols + j;
        double cN = c[k];
        double cS = c[(long)(i < rows - 1 ? i + 1 : rows - 1) * cols + j];
        double cW = c[k];
        double cE = c[(long)i * cols + (j < cols - 1 ? j + 1 : cols - 1)];
        double D = cN * dN[k] + cS * dS[k] + cW * dW[k] + cE * dE[k];
        J[k] = J[k] + 0.25 * lambda * D;
      }
  }
  free(c);
  free(dN);
  free(dS);
  free(dW);
  free(dE);
  return q0;
}

/* Sizes: the test's by default; bench/gpu_apps.sh builds larger ones. */
#ifndef SRAD_R
#define SRAD_R 128
#endif
#ifndef SRAD_ITER
#define SRAD_ITER 10
#endif

int main(void) {
  enum { R = SRAD_R, C = SRAD_R * 3 / 4 };
  double *J = malloc(R * C * sizeof *J);
  for (int k = 0; k < R * C; k++)
    J[k] = exp(((k * 7919) % 255) / 255.0);
  double q0 = srad(R, C, SRAD_ITER, 0.5, J);
  double s = 0;
  for (int k = 0; k < R * C; k++)
    s += J[k] * (k % 5);
  printf("srad: q0 %.9f checksum %.9f J[100] %.9f\n", q0, s, J[100]);
  free(J);
  return 0;
}
