// A local that receives a delayed call's result and whose address is taken
// (csmith's `int *p = &l; l = f();`) used to be rejected ("cannot take the
// address"); it now holds no future: the task writes it, and reads through
// the pointer wait for that task. Compared with the serial build.
// RUN: %cc_ppar -O1 %s -o %t %link_rt
// RUN: %cc_plain -O1 %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>

#pragma ppar delayed
static int sq(int x) { return x * x; }

static void twice(int *p) { *p *= 2; }

int main(void) {
  int l = sq(3);
  int *p = &l;
  printf("%d\n", *p);
  l = sq(4);
  twice(p);
  printf("%d %d\n", l, *p);
  int m;
  int *q = &m;
  m = sq(5);
  *q += 1;
  printf("%d\n", m);
  return 0;
}
