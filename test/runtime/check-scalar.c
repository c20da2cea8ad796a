// PPAR_CHECK=1 and the scalars a parallel loop produces: a reduction is
// compared with a relative tolerance (PPAR_CHECK_RTOL, default 1e-8), since
// a parallel reduction adds in another order; any other scalar (a
// last-private value) must be equal. NaN equals NaN. One report per run.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{run} = env PPAR_CHECK=1 UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t
// DEFINE: %{status} = sh -c '"$0" "$@" 2>&1; echo "exit status $?"'
// DEFINE: %{fc} = FileCheck %s --match-full-lines --implicit-check-not=ppar:
//
// Within the default tolerance: the parallel result stays.
// RUN: %{status} %{run} sum 4e-9 | %{fc} --check-prefix=CLOSE
// CLOSE:      s=4.000000004 k=7
// CLOSE-NEXT: exit status 0
//
// RUN: %{status} %{run} sum 1e-7 | %{fc} --check-prefix=FAR
// FAR:      ppar: check: dot (dot.c:12): s is 4.0000001 in parallel but 4 serially (relative tolerance 1e-08)
// FAR-NEXT: s=4.0000001 k=7
// FAR-NEXT: ppar: check: 1 of 1 checked loop runs differed
// FAR-NEXT: exit status 3
//
// RUN: %{status} env PPAR_CHECK_RTOL=1e-6 %{run} sum 1e-7 | %{fc} --check-prefix=RTOL6
// RTOL6:      s=4.0000001 k=7
// RTOL6-NEXT: exit status 0
// RUN: %{status} env PPAR_CHECK_RTOL=2.5e-10 %{run} sum 4e-9 | %{fc} --check-prefixes=RTOL2510,DIFF1
// RTOL2510: ppar: check: dot (dot.c:12): s is 4.000000004 in parallel but 4 serially (relative tolerance 2.5e-10)
// RUN: %{status} env PPAR_CHECK_RTOL=0 %{run} sum 1e-15 | %{fc} --check-prefixes=RTOL0,DIFF1
// RTOL0: ppar: check: dot (dot.c:12): s is 4.000000000000001 in parallel but 4 serially (relative tolerance 0)
// RUN: %{status} env PPAR_CHECK_RTOL=0 %{run} sum 0 | %{fc} --check-prefix=ZEROTOL
// ZEROTOL:      s=4 k=7
// ZEROTOL-NEXT: exit status 0
//
// A scalar that is not a reduction must be equal, whatever PPAR_CHECK_RTOL.
// RUN: %{status} env PPAR_CHECK_RTOL=1 %{run} last 1e-15 | %{fc} --check-prefix=LAST
// LAST:      ppar: check: dot (dot.c:12): k is 7.000000000000001 in parallel but 7 serially
// LAST-NEXT: s=4 k=7.000000000000001
// LAST-NEXT: ppar: check: 1 of 1 checked loop runs differed
// LAST-NEXT: exit status 3
//
// NaN equals NaN; an infinity equals only itself.
// RUN: %{status} %{run} nan 0 | %{fc} --check-prefix=NAN
// NAN:      s=nan k=nan
// NAN-NEXT: exit status 0
// RUN: %{status} %{run} inf 0 | %{fc} --check-prefix=INF
// INF:      s=inf k=7
// INF-NEXT: exit status 0
// RUN: %{status} %{run} inf-nan 0 | %{fc} --check-prefixes=INF-NAN,DIFF1
// INF-NAN: ppar: check: dot (dot.c:12): s is nan in parallel but inf serially (relative tolerance 1e-08)
// RUN: %{status} %{run} inf-neg 0 | %{fc} --check-prefixes=INF-NEG,DIFF1
// INF-NEG: ppar: check: dot (dot.c:12): s is -inf in parallel but inf serially (relative tolerance 1e-08)
//
// A scalar and an array differ in one run: only the first is reported.
// RUN: %{status} %{run} both 1e-7 | %{fc} --check-prefix=BOTH
// BOTH:      ppar: check: dot (dot.c:12): s is 4.0000001 in parallel but 4 serially (relative tolerance 1e-08)
// BOTH-NEXT: s=4.0000001 k=7
// BOTH-NEXT: ppar: check: 1 of 1 checked loop runs differed
// BOTH-NEXT: exit status 3
//
// The array is restored before the parallel loop, the scalars by the
// generated code: the parallel loop sees the same input as the serial one.
// RUN: %{status} env PPAR_VERBOSE=1 %{run} twice 0 | FileCheck %s --match-full-lines --check-prefix=TWICE
// TWICE:      ppar: settings: {{.*}}
// TWICE-NEXT: s=4 k=7
// TWICE-NEXT: s=12 k=7
// TWICE-NEXT: ppar: check: all 2 checked loop runs agreed
// TWICE-NEXT: exit status 0
//
// The end of every run above with one difference.
// DIFF1:      ppar: check: 1 of 1 checked loop runs differed
// DIFF1-NEXT: exit status 3

#include "ppar_rt_abi.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *scenario;
static double perturbation;

/* What the plugin generates for
 *     for (int i = 0; i < n; i++) { y[i] = 2 * y[i]; s += x[i] * y[i] / 2;
 *                                   k = i + 4; }
 * (s a + reduction, k last-private), with a "parallel" version that is off
 * by what the scenario says. */
static void dot(int n, const double *x, double *y, double *s_out,
                double *k_out) {
  double s = *s_out, k = *k_out;
  struct __ppar_rt_check *c = 0;
  double s1 = 0, k1 = 0;
  if (__ppar_rt_checking() &&
      (c = __ppar_rt_check_begin(
           "dot", "dot.c", 12,
           (struct __ppar_rt_region[]){{&y[0], &y[n - 1] + 1, 'f', 8, "y"}},
           1))) {
    __typeof__(s) s0 = s; /* saved scalars */
    __typeof__(k) k0 = k;
    for (int i = 0; i < n; i++) {
      y[i] = 2 * y[i];
      s += x[i] * y[i] / 2;
      k = i + 4;
    }
    s1 = s;
    s = s0;
    k1 = k;
    k = k0;
    __ppar_rt_check_mid(c);
  }
  /* the "parallel" loop */
  for (int i = 0; i < n; i++) {
    y[i] = 2 * y[i];
    s += x[i] * y[i] / 2;
    k = i + 4;
  }
  if (strcmp(scenario, "sum") == 0 || strcmp(scenario, "both") == 0)
    s += perturbation;
  if (strcmp(scenario, "both") == 0)
    y[1] += 1;
  if (strcmp(scenario, "last") == 0)
    k = nextafter(k, INFINITY);
  if (strcmp(scenario, "nan") == 0)
    s = k = NAN;
  if (strcmp(scenario, "inf-nan") == 0)
    s = NAN;
  if (strcmp(scenario, "inf-neg") == 0)
    s = -INFINITY;
  if (c) {
    if (strcmp(scenario, "nan") == 0)
      s1 = k1 = NAN;
    if (strncmp(scenario, "inf", 3) == 0)
      s1 = INFINITY;
    __ppar_rt_check_scalar(c, "s", (double)s, (double)s1, 1);
    __ppar_rt_check_scalar(c, "k", (double)k, (double)k1, 0);
    __ppar_rt_check_end(c);
  }
  *s_out = s;
  *k_out = k;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc < 3)
    return 1;
  scenario = argv[1];
  perturbation = strtod(argv[2], NULL);
  double x[4] = {1, 1, 1, 1}, y[4] = {1, 1, 1, 1};
  double s = 0, k = 0;
  if (strcmp(scenario, "inf") == 0)
    x[0] = INFINITY;
  dot(4, x, y, &s, &k);
  printf("s=%.16g k=%.16g\n", s, k);
  if (strcmp(scenario, "twice") == 0) {
    dot(4, x, y, &s, &k);
    printf("s=%.16g k=%.16g\n", s, k);
  }
  return 0;
}
