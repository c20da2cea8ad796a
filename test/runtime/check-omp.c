// PPAR_CHECK=1 with real OpenMP loops and the shared library, as a program
// built by the plugin runs: a floating-point reduction that the threads add
// in another order agrees within the tolerance at every thread count; a
// parallel version that is wrong in one thread's first iteration is caught.
//
// RUN: %clang -std=c11 -g -I%include -I%rt_src %s %link_rt -o %t
// DEFINE: %{status} = sh -c '"$0" "$@" 2>&1; echo "exit status $?"'
// DEFINE: %{fc} = FileCheck %s --match-full-lines --implicit-check-not=ppar:
//
// RUN: %{status} env PPAR_CHECK=1 PPAR_NUM_THREADS=1 %t dot | %{fc} --check-prefix=DOT
// RUN: %{status} env PPAR_CHECK=1 PPAR_NUM_THREADS=2 %t dot | %{fc} --check-prefix=DOT
// RUN: %{status} env PPAR_CHECK=1 PPAR_NUM_THREADS=3 %t dot | %{fc} --check-prefix=DOT
// RUN: %{status} env PPAR_CHECK=1 PPAR_NUM_THREADS=8 %t dot | %{fc} --check-prefix=DOT
// DOT:      s=14.3927267229 z[9]=0.1
// DOT-NEXT: exit status 0
// RUN: %{status} env PPAR_CHECK=1 PPAR_NUM_THREADS=4 PPAR_VERBOSE=1 %t dot | FileCheck %s --match-full-lines --check-prefix=DOT-V
// DOT-V:      ppar: settings: {{.*}}
// DOT-V:      ppar: check: all 10 checked loop runs agreed
// DOT-V-NEXT: exit status 0
//
// With a tolerance of 0 the reordered sum is (very likely) a difference.
// RUN: %{status} env PPAR_CHECK=1 PPAR_CHECK_RTOL=0 PPAR_NUM_THREADS=8 %t dot | FileCheck %s --check-prefix=DOT-EXACT
// DOT-EXACT: ppar: check: dot (omp.c:10): s is {{.*}} in parallel but {{.*}} serially (relative tolerance 0)
// DOT-EXACT: exit status 3
//
// RUN: %{status} env PPAR_CHECK=1 PPAR_NUM_THREADS=4 %t first | %{fc} --check-prefix=FIRST
// FIRST:      ppar: check: first (omp.c:20): a[250] is 252 in parallel but 251 serially
// FIRST-NEXT: a[250]=252
// FIRST-NEXT: ppar: check: 1 of 1 checked loop runs differed
// FIRST-NEXT: exit status 3
// One thread has no thread 1 to go wrong.
// RUN: %{status} env PPAR_CHECK=1 PPAR_NUM_THREADS=1 %t first | %{fc} --check-prefix=FIRST-1
// FIRST-1:      a[250]=251
// FIRST-1-NEXT: exit status 0
// Unchecked, the wrong result goes unnoticed.
// RUN: %{status} env PPAR_NUM_THREADS=4 %t first | %{fc} --check-prefix=UNCHECKED
// UNCHECKED:      a[250]=252
// UNCHECKED-NEXT: exit status 0
//
// A loop too large to copy (with the real malloc) runs unchecked.
// RUN: %{status} env PPAR_CHECK=1 %t huge | %{fc} --check-prefix=HUGE
// HUGE:      ppar: check: huge (omp.c:30): not enough memory to check this loop; it is not checked
// HUGE-NEXT: a[7]=3
// HUGE-NEXT: exit status 0
//
// The shared library exports the check entry points.
// RUN: nm -D --defined-only %libdir/libppar_rt.so | FileCheck %s --check-prefix=SYMS
// SYMS-DAG: T __ppar_rt_checking
// SYMS-DAG: T __ppar_rt_check_begin
// SYMS-DAG: T __ppar_rt_check_mid
// SYMS-DAG: T __ppar_rt_check_scalar
// SYMS-DAG: T __ppar_rt_check_end

#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* for (i..) { z[i] = x[i] * y[i]; s += z[i]; } as the plugin generates it */
static double dot(long n, const double *x, const double *y, double *z) {
  double s = 0, s1 = 0;
  struct __ppar_rt_check *c = 0;
  if (__ppar_rt_checking() &&
      (c = __ppar_rt_check_begin(
           "dot", "omp.c", 10,
           (struct __ppar_rt_region[]){{&z[0], &z[n - 1] + 1, 'f', 8, "z"}},
           1))) {
    __typeof__(s) s0 = s;
    for (long i = 0; i < n; i++) {
      z[i] = x[i] * y[i];
      s += z[i];
    }
    s1 = s;
    s = s0;
    __ppar_rt_check_mid(c);
  }
#pragma omp parallel for reduction(+ : s) num_threads(__ppar_rt_num_threads())
  for (long i = 0; i < n; i++) {
    z[i] = x[i] * y[i];
    s += z[i];
  }
  if (c) {
    __ppar_rt_check_scalar(c, "s", (double)s, (double)s1, 1);
    __ppar_rt_check_end(c);
  }
  return s;
}

/* for (i..) a[i] = i + 1, with a parallel version that gets thread 1's
 * first iteration wrong */
static void first(long n, long *a) {
  struct __ppar_rt_check *c = 0;
  if (__ppar_rt_checking() &&
      (c = __ppar_rt_check_begin(
           "first", "omp.c", 20,
           (struct __ppar_rt_region[]){{&a[0], &a[n - 1] + 1, 'i', 8, "a"}},
           1))) {
    for (long i = 0; i < n; i++)
      a[i] = i + 1;
    __ppar_rt_check_mid(c);
  }
#pragma omp parallel num_threads(__ppar_rt_num_threads())
  {
    int once = 1;
#pragma omp for schedule(static)
    for (long i = 0; i < n; i++) {
      a[i] = i + 1 + (once && omp_get_thread_num() == 1);
      once = 0;
    }
  }
  if (c)
    __ppar_rt_check_end(c);
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc < 2)
    return 1;
  if (strcmp(argv[1], "dot") == 0) {
    long n = 1000000;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y),
           *z = malloc(n * sizeof *z);
    if (!x || !y || !z)
      return 1;
    for (long i = 0; i < n; i++) {
      x[i] = 1.0 / (double)(i + 1);
      y[i] = 1.0;
    }
    double s = 0;
    for (int run = 0; run < 10; run++)
      s = dot(n, x, y, z);
    printf("s=%.12g z[9]=%g\n", s, z[9]);
    free(x);
    free(y);
    free(z);
  } else if (strcmp(argv[1], "first") == 0) {
    long a[1000] = {0};
    first(1000, a);
    printf("a[250]=%ld\n", a[250]);
  } else if (strcmp(argv[1], "huge") == 0) {
    int a[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    const void *far = (const void *)((uintptr_t)a + ((uintptr_t)1 << 50));
    struct __ppar_rt_check *c = 0;
    if (__ppar_rt_checking() &&
        (c = __ppar_rt_check_begin(
             "huge", "omp.c", 30,
             (struct __ppar_rt_region[]){{a, far, 'i', 4, "a"}}, 1))) {
      for (int i = 0; i < 8; i++)
        a[i] = 2 * a[i] + 1;
      __ppar_rt_check_mid(c);
    }
#pragma omp parallel for num_threads(__ppar_rt_num_threads())
    for (int i = 0; i < 8; i++)
      a[i] = 2 * a[i] + 1;
    if (c)
      __ppar_rt_check_end(c);
    printf("a[7]=%d\n", a[7]);
  } else {
    return 1;
  }
  return 0;
}
