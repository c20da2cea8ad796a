/* Dask's first example, in C: inc and add become tasks of a lazy graph.
 *
 *   x = inc(1); y = inc(2); total = add(x, y)      (Dask: dask.delayed)
 *
 * Nothing runs until `total` is printed; then the graph runs, x and y at
 * the same time. Run with PPAR_GRAPH=g.dot to get the picture of the
 * README (dot -Tsvg g.dot > g.svg). */
#include <ppar.h>
#include <stdio.h>

PPAR_DELAYED(nogil) double inc(double x) { return x + 1; }
PPAR_DELAYED(nogil) double add(double x, double y) { return x + y; }

int main(void) {
  double x = inc(1);
  double y = inc(2);
  double total = add(x, y);
  printf("total = %g\n", total);

  /* A reduction tree over 8 leaves: every node is a task, the leaves run
   * at the same time, each add as soon as its two inputs are done. */
  double l0 = inc(0), l1 = inc(1), l2 = inc(2), l3 = inc(3);
  double l4 = inc(4), l5 = inc(5), l6 = inc(6), l7 = inc(7);
  double tree = add(add(add(l0, l1), add(l2, l3)), add(add(l4, l5), add(l6, l7)));
  printf("tree = %g\n", tree);
  return 0;
}
