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

  /* A reduction tree over 8 leaves, as Dask users write it in a loop. */
  double leaves[8];
  for (int i = 0; i < 8; i++)
    leaves[i] = inc(i);
  double l01 = add(leaves[0], leaves[1]), l23 = add(leaves[2], leaves[3]);
  double l45 = add(leaves[4], leaves[5]), l67 = add(leaves[6], leaves[7]);
  double tree = add(add(l01, l23), add(l45, l67));
  printf("tree = %g\n", tree);
  return 0;
}
