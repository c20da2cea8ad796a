// Floating-point reductions give the same bits on every run with the same
// thread count: per-thread partials combined in thread order on the CPU (not
// OpenMP's reduction clause, which may combine in the order threads finish),
// per-block partials combined in block order on the GPU (no atomics). With
// jit(reproducible), the same bits on any thread count too. Sums, products,
// minima and maxima of float and double; results printed with %a.
// scripts/gpu-suite.sh runs it on a GPU (target=cuda).
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %python %S/../Inputs/same_bits.py %t --runs 20 --threads 2 --threads 4 --across 1,2,3,4 --prefix repro | FileCheck %s
// RUN: %python %S/../Inputs/same_bits.py %t --runs 5 --threads 3 --env PPAR_TARGET=cpu --across 1,2,3,4,7 --prefix repro
// RUN: %t | FileCheck %s --check-prefix=CLOSE
// PPAR_CHECK compares the float sums within its single-precision tolerance,
// which 300007 terms of mixed magnitudes exceed serially: fewer terms there.
// RUN: env PPAR_CHECK=1 PPAR_NUM_THREADS=3 %t 3001 | FileCheck %s --check-prefix=CLOSE
// RUN: env PPAR_DISABLE_JIT=1 %t | FileCheck %s --check-prefix=CLOSE
// RUN: %if nvrtc %{ %nvrtc_check %t.d/*.cu | FileCheck %s --check-prefix=NVRTC %}
//
// CHECK: 2 threads: 20 runs, the same bits
// CHECK: 4 threads: 20 runs, the same bits
// CHECK: 'repro' lines on 1,2,3,4 threads: the same bits
// CLOSE-COUNT-4: {{.*}} close to the serial loop: yes
// NVRTC: reduction-bits.gpu_sums.cu: ok
//
// REPORT-DAG: reduction-bits.c:[[#@LINE+18]]:3: remark: loop parallelised: {{.*}}; floating-point reductions combined in thread order
// REPORT-DAG: reduction-bits.c:[[#@LINE+34]]:3: remark: loop parallelised: {{.*}}; floating-point reductions combined in a fixed tree over chunks of 1024 iterations, the same on any thread count
// REPORT-DAG: reduction-bits.c:[[#@LINE+49]]:3: remark: loop not parallelised: jit(reproducible) splits a loop with a floating-point reduction into fixed chunks, but its step is not a constant
// REPORT-DAG: remark: 'gpu_sums' runs its 1 parallel loop as CUDA kernels
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

struct results {
  double sum, prod, lo, hi;
  float fsum, fprod, flo, fhi;
};

PPAR_JIT(parallel)
void sums(size_t n, const double *x, const float *y, struct results *r) {
  double sum = 0, prod = 1, lo = INFINITY, hi = -INFINITY;
  float fsum = 0, fprod = 1, flo = INFINITY, fhi = -INFINITY;
  for (size_t i = 0; i < n; i++) {
    sum += x[i];
    prod *= 1 + x[i] * 1e-6;
    lo = fmin(lo, x[i]);
    hi = fmax(hi, x[i]);
    fsum += y[i];
    fprod *= 1 + y[i] * 1e-6f;
    if (y[i] < flo) flo = y[i];
    if (y[i] > fhi) fhi = y[i];
  }
  *r = (struct results){sum, prod, lo, hi, fsum, fprod, flo, fhi};
}

PPAR_JIT(parallel, reproducible)
void repro_sums(size_t n, const double *x, const float *y, struct results *r) {
  double sum = 0, prod = 1, lo = INFINITY, hi = -INFINITY;
  float fsum = 0, fprod = 1, flo = INFINITY, fhi = -INFINITY;
  for (long i = (long)n - 1; i >= 0; i--) {
    sum += x[i];
    prod *= 1 + x[i] * 1e-6;
    lo = fmin(lo, x[i]);
    hi = fmax(hi, x[i]);
    fsum += y[i];
    fprod *= 1 + y[i] * 1e-6f;
    if (y[i] < flo) flo = y[i];
    if (y[i] > fhi) fhi = y[i];
  }
  *r = (struct results){sum, prod, lo, hi, fsum, fprod, flo, fhi};
}

PPAR_JIT(parallel, reproducible)
double repro_strided(long n, long step, const double *x) {
  double s = 0;
  for (long i = 0; i < n; i += step)
    s += x[i];
  return s;
}

PPAR_JIT(parallel, target=cuda)
double gpu_sums(size_t n, const double *x) {
  double s = 0;
  for (size_t i = 0; i < n; i++)
    s += x[i] * x[i];
  return s;
}

static int close_to(double a, double b, double rtol) {
  return fabs(a - b) <= rtol * fmax(fabs(a), fabs(b));
}

static void print(const char *what, const struct results *r) {
  printf("%s: sum %a prod %a min %a max %a | float sum %a prod %a min %a max %a\n",
         what, r->sum, r->prod, r->lo, r->hi, r->fsum, r->fprod, r->flo, r->fhi);
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)atol(argv[1]) : 300007;
  double *x = malloc(n * sizeof *x);
  float *y = malloc(n * sizeof *y);
  srand(7);
  for (size_t i = 0; i < n; i++) {
    x[i] = (rand() / (double)RAND_MAX - 0.3) * pow(10, rand() % 7 - 3);
    y[i] = (float)x[i];
  }
  struct results a, b, ref = {0, 1, INFINITY, -INFINITY, 0, 1, INFINITY, -INFINITY};
  for (size_t i = 0; i < n; i++) { /* the serial loop */
    ref.sum += x[i];
    ref.fsum += y[i];
  }
  sums(n, x, y, &a);
  repro_sums(n, x, y, &b);
  double g = gpu_sums(n, x), d = repro_strided(n, 3, x);
  print("default", &a);
  print("repro", &b);
  printf("repro strided %a\ngpu %a\n", d, g);
  printf("default sum close to the serial loop: %s\n", close_to(a.sum, ref.sum, 1e-9) ? "yes" : "no");
  printf("repro sum close to the serial loop: %s\n", close_to(b.sum, ref.sum, 1e-9) ? "yes" : "no");
  printf("default float sum close to the serial loop: %s\n", close_to(a.fsum, ref.fsum, 1e-3) ? "yes" : "no");
  printf("repro float sum close to the serial loop: %s\n", close_to(b.fsum, ref.fsum, 1e-3) ? "yes" : "no");
  free(x);
  free(y);
  return 0;
}
