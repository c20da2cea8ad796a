// The GPU variant's text edits can never overlap, and never cut a
// preprocessor conditional in two: a loop whose text holds half of an
// `#ifdef` can be neither a launch nor copied for the CPU variants, and its
// function runs as written with a warning, instead of garbled text (the copy
// of the loop used to end between `#else` and `#endif`). A conditional
// wholly inside the loop goes with it (the kernel is printed from the AST),
// and a loop that ends in a macro expansion is replaced through the macro's
// invocation. A `return` written by a macro keeps its function on the CPU
// (its replacement used to be skipped silently: the call never ended).
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
// RUN: %cc_ppar -O2 -Wno-everything %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>

#pragma ppar jit(parallel, target=cuda)
void halves(double *restrict x, int n) {
  // expected-warning@+2 {{'halves' runs on the CPU: the GPU variant cannot rewrite the code here: it would cut a preprocessor conditional in two}}
  // expected-warning@+1 {{'halves' runs serially: ppar cannot copy the text of this loop: it would cut a preprocessor conditional in two}}
  for (int i = 0; i < n; i++) {
#ifdef NEVER
    x[i] = 1; }
#else
    x[i] = 2; }
#endif
}

#pragma ppar jit(parallel, target=cuda)
void whole(double *restrict x, int n) {
  for (int i = 0; i < n; i++) {
#if 1 /* kept */
    x[i] += 1;
#else
    x[i] -= 1;
#endif
  }
}

#define TWICE(e) { e; e; }
#pragma ppar jit(parallel, target=cuda)
void in_macro(double *restrict x, int n) {
  for (int i = 0; i < n; i++)
    TWICE(x[i] *= 2)
}

// A return that a macro writes cannot end the GPU call in the text.
#define RET(v) return v
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#pragma ppar jit(parallel, target=cuda)
double returns(double *restrict x, int n) {
  if (n < 0) RET(-1.0); // expected-warning {{'returns' runs on the CPU: the GPU variant cannot rewrite the code here: a return statement comes from a macro}}
  for (int i = 0; i < n; i++)
    x[i] = 2 * x[i];
  return MAX(x[0], x[n - 1]);
}

int main(void) {
  double x[8];
  halves(x, 8);
  whole(x, 8);
  in_macro(x, 8);
  printf("%g %g\n", returns(x, 8), returns(x, -1));
  for (int i = 0; i < 8; i++)
    printf("%g\n", x[i]);
  return 0;
}
