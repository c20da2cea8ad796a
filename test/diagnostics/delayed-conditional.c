// A delayed call whose rewrite would cut a preprocessor conditional in two
// (its left side before `#ifdef`, the call inside it) is an error at the
// user's line; the rewritten text used to lose the `#ifdef` and `#else`
// lines and fail to compile with "#endif without #if".
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
#include <ppar.h>

PPAR_DELAYED() double load(int part);

double use(void) {
  double x;
  x = // expected-error {{ppar cannot rewrite this code for tasks: it would cut a preprocessor conditional in two}}
#ifdef ALT
      load(1);
#else
      load(2);
#endif
  return x;
}
