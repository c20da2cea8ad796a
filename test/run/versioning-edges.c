// Regressions from the robustness sweep, run against the serial build: a
// loop variable kept after a loop that runs zero times, __func__ in a
// versioned function, __COUNTER__ (not versioned), wide and thread-local
// reductions (kept serial), a variable named like a generated variant.
// RUN: %cc_ppar -O2 %s -o %t %link_rt 2> %t.warnings
// RUN: FileCheck %s --check-prefix=WARN < %t.warnings
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>
#include <ppar.h>

int f__ppar_cpu, __ppar_cpu; // user names must not collide with variants

#pragma ppar jit(parallel)
int zero_trip(int *a, int n) {
  int i = 42;
#pragma ppar prange
  for (i = 0; i < n; i++)
    a[i] = i;
  return i; // 0 when n == 0, as serially
}

#pragma ppar jit(parallel)
void named(int *a, int n) {
  puts(__func__); // "named", not the variant's name
#pragma ppar prange
  for (int i = 0; i < n; i++)
    a[i] = i;
}

// WARN: versioning-edges.c:[[@LINE+1]]:1: warning: ppar cannot make a parallel version of 'counted': its body uses __COUNTER__; it runs serially
#pragma ppar jit(parallel)
int counted(int *a, int n) {
  int c = __COUNTER__;
  for (int i = 0; i < n; i++)
    a[i] = i;
  return c;
}

// WARN: versioning-edges.c:[[@LINE+6]]:5: warning: 'prange' loop not parallelised: 's' is a reduction of type 'long double', which ppar does not combine in parallel
#pragma ppar jit(parallel)
long double wide_sum(const long double *v, int n) {
  long double s = 0;
#pragma ppar prange
  for (int i = 0; i < n; i++)
    s += v[i];
  return s;
}

_Thread_local double total;
// WARN: versioning-edges.c:[[@LINE+5]]:5: warning: 'prange' loop not parallelised: 'total' is thread-local: each thread would change its own copy
#pragma ppar jit(parallel)
void thread_local_sum(const int *a, int n) {
#pragma ppar prange
  for (int i = 0; i < n; i++)
    total += a[i];
}

int main(void) {
  int a[1000];
  long double v[1000];
  for (int i = 0; i < 1000; i++)
    v[i] = i * 0.5L;
  printf("%d %d\n", zero_trip(a, 0), zero_trip(a, 1000));
  named(a, 1000);
  printf("%d\n", counted(a, 10));
  printf("%.1Lf\n", wide_sum(v, 1000));
  thread_local_sum(a, 1000);
  printf("%.1f %d %d\n", total, f__ppar_cpu, __ppar_cpu);
  return 0;
}
