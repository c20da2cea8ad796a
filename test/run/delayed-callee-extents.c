// A pointer parameter without a data clause stands for what the function's
// body touches through it: `*cell` is one element, `p[i]` for i in
// [lo, lo + n) is n elements. Tasks on distinct elements then run
// independently (no edge between them in PPAR_GRAPH), while tasks on
// overlapping ranges stay in program order. A pointer the body passes on
// (to a function ppar does not follow) still stands for its whole object.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
// RUN: env PPAR_GRAPH=%t.dot PPAR_NUM_THREADS=2 %t bump > /dev/null
// RUN: FileCheck --check-prefix=DOT %s < %t.dot
#include <ppar.h>
#include <stdio.h>
#include <string.h>

enum { N = 64 };

// REPORT-DAG: remark: tasks of 'bump' touch cell[0:1] (read and written) of their pointer arguments
PPAR_DELAYED(nogil) void bump(long *cell, long v) { *cell += v; }

// REPORT-DAG: remark: tasks of 'fill' touch p[lo:n] (read and written) of their pointer arguments
PPAR_DELAYED(nogil) void fill(double *p, int lo, int n) {
  for (int i = lo; i < lo + n; i++)
    p[i] = p[i] * 0.5 + i;
}

// REPORT-DAG: remark: tasks of 'total' touch p[1:n - 2] (read) of their pointer arguments
PPAR_DELAYED(nogil) double total(const double *p, int n) {
  double s = 0;
  for (int i = 1; i < n - 1; i++)
    s += p[i];
  return s;
}

static void clear(double *p, int n) { memset(p, 0, sizeof *p * (size_t)n); }

// REPORT-NOT: tasks of 'reset' touch
PPAR_DELAYED() void reset(double *p, int n) { clear(p, n); }

int main(int argc, char **argv) {
  static long cells[N];
  static double a[4 * N];
  for (int i = 0; i < N; i++)
    bump(&cells[i], i);
  ppar_compute();
  if (argc > 1 && !strcmp(argv[1], "bump"))
    return 0; // the graph of the bump tasks alone
  for (int i = 0; i < N; i++)
    bump(&cells[i / 2], 1); // pairs on one cell: ordered
  for (int k = 0; k < 4; k++)
    fill(a, k * N, N); // disjoint quarters
  double t1 = total(a, 4 * N);
  fill(a, N / 2, N); // overlaps two quarters and the sum above
  reset(a + 3 * N, N);
  double t2 = total(a, 4 * N);
  long s = 0;
  for (int i = 0; i < N; i++)
    s += cells[i] * (i + 1);
  printf("%ld %.3f %.3f\n", s, t1, t2);
  return 0;
}

// DOT: digraph
// DOT-COUNT-64: label="bump
// DOT-NOT: ->
