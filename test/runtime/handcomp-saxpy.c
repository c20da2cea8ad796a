// Hand-written "generated" code, as the plugin would emit for
//     PPAR_JIT(parallel) double saxpy_sum(size_t n, double a, const double *x, double *y)
// a dispatcher choosing between the user's serial body and an OpenMP variant
// whose thread count comes from the runtime. Run with several thread counts;
// every run prints the serial answer.
//
// RUN: %clang -std=c11 -g -I%include -I%rt_src %s %link_rt -o %t
// RUN: env PPAR_DISABLE_JIT=1 %t | FileCheck %s --check-prefixes=CHECK,SERIAL
// RUN: env PPAR_NUM_THREADS=1 %t | FileCheck %s --check-prefixes=CHECK,T1
// RUN: env PPAR_NUM_THREADS=2 %t | FileCheck %s --check-prefixes=CHECK,T2
// RUN: env PPAR_NUM_THREADS=4 %t | FileCheck %s --check-prefixes=CHECK,T4
// RUN: env PPAR_NUM_THREADS=7 %t | FileCheck %s --check-prefixes=CHECK,T7
// RUN: env OMP_NUM_THREADS=3 %t | FileCheck %s --check-prefixes=CHECK,T3
// RUN: env PPAR_NUM_THREADS=2 OMP_NUM_THREADS=3 %t | FileCheck %s --check-prefixes=CHECK,T2
// SERIAL: variant=0 threads=1
// T1: variant=1 threads=1
// T2: variant=1 threads=2
// T3: variant=1 threads=3
// T4: variant=1 threads=4
// T7: variant=1 threads=7
// CHECK: sum=1103101952.000000 y[7]=2102.000000

#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

static int used_variant, used_threads;

/* ---- what the plugin generates ---- */
static struct __ppar_rt_fn __ppar_fn_saxpy_sum = {
    "saxpy_sum", __FILE__, __LINE__, 1u << __PPAR_RT_CPU, 0};

static double saxpy_sum__cpu(size_t n, double a, const double *x, double *y) {
  double sum = 0;
#pragma omp parallel for reduction(+ : sum) num_threads(__ppar_rt_num_threads())
  for (size_t i = 0; i < n; i++) {
    if (i == 0)
      used_threads = omp_get_num_threads();
    y[i] = a * x[i] + y[i];
    sum += y[i];
  }
  return sum;
}

double saxpy_sum(size_t n, double a, const double *x, double *y) {
  switch ((used_variant = __ppar_rt_choose(&__ppar_fn_saxpy_sum))) {
  case __PPAR_RT_CPU:
    return saxpy_sum__cpu(n, a, x, y);
  default:
    break;
  }
  /* the user's body, as written */
  used_threads = 1;
  double sum = 0;
  for (size_t i = 0; i < n; i++) {
    y[i] = a * x[i] + y[i];
    sum += y[i];
  }
  return sum;
}
/* ---- end of generated code ---- */

int main(void) {
  size_t n = 1u << 20;
  double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
  if (!x || !y)
    return EXIT_FAILURE;
  /* Values whose sums are exact in double, so every order gives one answer. */
  for (size_t i = 0; i < n; i++) {
    x[i] = (double)(i % 8);
    y[i] = 2.0;
  }
  double sum = 0;
  for (int rep = 0; rep < 100; rep++) /* the decision is made on the first */
    sum = saxpy_sum(n, 3.0, x, y);
  printf("variant=%d threads=%d\n", used_variant, used_threads);
  printf("sum=%f y[7]=%f\n", sum, y[7]);
  free(x);
  free(y);
  return 0;
}
