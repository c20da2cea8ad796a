// A function that calls a delayed function keeps its return value while
// its tasks finish; it used to keep it in `__auto_type __ppar_ret = s.f1`,
// which C rejects for a bit-field (error in generated code). The variable
// now has the function's return type, which is what return converts to.
// Compared with the serial build.
// RUN: %cc_ppar -O1 %s -o %t %link_rt
// RUN: %cc_plain -O1 %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>

struct S { int f1 : 5; unsigned f2 : 3; } s = { 3, 6 };
typedef struct { int a; } anon_t;

#pragma ppar delayed
static int one(void) { return 1; }

static int get(void) {
  one();
  return s.f1;
}

static long widen(void) {
  if (one())
    return s.f2;
  return -1;
}

static double convert(void) {
  int k = one();
  return k + s.f1; /* converted to double by the return */
}

static anon_t wrap(void) {
  one();
  return (anon_t){s.f1};
}

int main(void) {
  printf("%d %ld %g %d\n", get(), widen(), convert(), wrap().a);
  return 0;
}
