// A delayed call whose argument list comes from a macro. The rewrite used
// to paste its own last argument against the macro's text:
// __ppar_spawn_none(..., 0ARGS()), an invalid octal constant in generated
// code. An argument that is only a part of a macro's arguments
// (add(TWO(1, 2))) cannot take text in front of it: that call runs as a
// plain call, with a warning. Compared with the serial build.
// RUN: %cc_ppar -O1 %s -o %t %link_rt 2>&1 | FileCheck %s --check-prefix=WARN
// RUN: %cc_plain -O1 %s -o %t.plain
// RUN: %check_run %t.plain %t
// WARN: warning: this call of delayed 'add' is written through a macro
// WARN-NOT: warning:
#include <stdio.h>

#define ARGS(...) __VA_ARGS__
#define TWO(a, b) a, b
#define NOTHING
#define SEVEN 7

#pragma ppar delayed
int none(void) { return 7; }

#pragma ppar delayed
int add(int a, int b) { return a + b; }

int main(void) {
  int a = none(ARGS());
  int b = none(NOTHING);
  int c = add(TWO(1, 2));
  int d = add(NOTHING SEVEN, ARGS(3) NOTHING);
  int e;
  e = none(ARGS());
  printf("%d %d %d %d %d %d\n", none(ARGS()), a, b, c, d, e);
  return 0;
}
