// Dask-style graphs: futures in locals, a recursive nogil task, tasks that
// change one buffer in place (order matters), tasks writing parts[i] read
// by a plain loop, nested delayed calls, results converted on the way.
// Compared with the serial build on 1, 2 and 4 threads and with
// PPAR_DISABLE_JIT=1; PPAR_GRAPH writes the executed graph.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
// RUN: env PPAR_GRAPH=%t.dot PPAR_NUM_THREADS=2 %t > /dev/null
// RUN: FileCheck --check-prefix=DOT %s < %t.dot
// DOT: digraph
// DOT-DAG: label="inc\n{{.*}}delayed-graph.c:{{[0-9]+}}"
// DOT-DAG: label="add\n{{.*}}delayed-graph.c:{{[0-9]+}}"
// DOT-DAG: fillcolor=palegreen
// DOT-DAG: fillcolor=lightcoral
// DOT-DAG: -> t
#include <ppar.h>
#include <stdio.h>

PPAR_DELAYED() double inc(double x) { return x + 1; }
PPAR_DELAYED() double add(double x, double y) { return x + y; }
PPAR_DELAYED(nogil) long fib(int n) {
  if (n < 2)
    return n;
  long a = fib(n - 1), b = fib(n - 2);
  return a + b;
}
PPAR_DELAYED() void scale(double *v, int n, double f) {
  for (int i = 0; i < n; i++)
    v[i] *= f;
}
PPAR_DELAYED(nogil, in(v[0:n])) double sum(const double *v, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += v[i];
  return s;
}

int main(void) {
  double a = inc(1), b = inc(2);
  double c = add(a, b);
  printf("c = %g\n", c);
  printf("fib = %ld\n", fib(20));
  double buf[8];
  for (int i = 0; i < 8; i++)
    buf[i] = i;
  scale(buf, 8, 2.0);
  scale(buf, 8, 0.5);
  scale(buf, 4, 10.0);
  double parts[4];
  for (int i = 0; i < 4; i++)
    parts[i] = sum(buf + 2 * i, 2);
  double total = 0;
  for (int i = 0; i < 4; i++)
    total += parts[i];
  printf("total = %g buf[3] = %g\n", total, buf[3]);
  /* Elements written by tasks feed other tasks without a wait. */
  double leaves[8];
  for (int i = 0; i < 8; i++)
    leaves[i] = inc(i);
  double tree = add(add(leaves[0], leaves[1]), add(leaves[2], leaves[3]));
  leaves[4] = add(tree, leaves[7]);
  printf("tree = %g leaves[4] = %g\n", tree, leaves[4]);
  int k = (int)add(inc(3), 4);
  printf("k = %d\n", k);
  return 0;
}
