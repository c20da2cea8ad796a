// A parameter that a data clause's extent names (`inout(p[0:n])`) is needed
// when the task is made, to know its memory: its argument cannot arrive as
// a future. It used to, and the extent was computed from a placeholder
// (zero): `sum` ran before `fill` and printed 0. Now the call waits for
// the future first. The same for a nested call as the argument.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <ppar.h>
#include <stdio.h>

PPAR_DELAYED() int count(int k) { return k; }
PPAR_DELAYED(inout(p[0:n])) void fill(double *p, int n) {
  for (int i = 0; i < n; i++)
    p[i] += i;
}
PPAR_DELAYED(in(p[0:n])) double sum(const double *p, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += p[i];
  return s;
}

int main(void) {
  static double a[100];
  int n = count(100);
  fill(a, n);
  double s = sum(a, n);
  fill(a, count(50));
  double t = sum(a, count(100));
  printf("%g %g\n", s, t);
  return 0;
}
