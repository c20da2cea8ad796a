// A scalar updated where its value is also used (`k[i] = j++`,
// `m[i] = (t += 2)`, `q[i] = ++u`) is no reduction: each iteration reads
// the value the previous one left. Such loops stay serial; a plain update
// statement still is a reduction.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s < %t.report
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>

#define N 100000
static int k[N], m[N], q[N];
static long r[N];

#pragma ppar jit(parallel)
int uses(void) {
  int i, j = 0, t = 0, u = 0;
  long s = 0;
  // CHECK: par-reduction-var-read.c:[[@LINE+1]]:3: remark: loop not parallelised: 'j' carries a value
  for (i = 0; i < N; i++)
    k[i] = j++;
  // CHECK: par-reduction-var-read.c:[[@LINE+1]]:3: remark: loop not parallelised: 't' carries a value
  for (i = 0; i < N; i++)
    m[i] = (t += 2);
  // CHECK: par-reduction-var-read.c:[[@LINE+1]]:3: remark: loop not parallelised: 'u' carries a value
  for (i = 0; i < N; i++)
    q[i] = ++u;
  // CHECK: par-reduction-var-read.c:[[@LINE+1]]:3: remark: loop not parallelised: 's' carries a value
  for (i = 0; i < N; i++)
    r[i] = (s += i, s);
  // The value of the comma's left side is discarded: a reduction.
  // CHECK: par-reduction-var-read.c:[[@LINE+1]]:3: remark: loop parallelised: {{.*}}reduction(+:j)
  for (i = 0; i < N; i++)
    j++, k[i] = i;
  // CHECK: par-reduction-var-read.c:[[@LINE+1]]:3: remark: loop parallelised: {{.*}}reduction(+:t)
  for (i = 0; i < N; i++) {
    t += k[i] & 1;
    (void)(u++);
  }
  return j + t + u + (int)s;
}

int main(void) {
  int v = uses();
  long sum = 0;
  for (int i = 0; i < N; i++)
    sum += k[i] + m[i] + q[i] + r[i] % 1000;
  printf("%d %ld %d %d %d\n", v, sum, k[N - 1], m[7], q[9]);
  return 0;
}
