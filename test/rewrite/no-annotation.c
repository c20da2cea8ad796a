// A file without annotations is not rewritten: the emitted text is the input
// and the object is the one clang makes without the plugin.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %cc_ppar -O2 -c -fplugin-arg-ppar-emit=%t %s -o %t/with.o
// RUN: %cc_plain -O2 -c %s -o %t/without.o
// RUN: cmp %t/with.o %t/without.o
// RUN: diff %s %t/no-annotation.ppar.c
#include <ppar.h>

double sum(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += x[i];
  return s;
}
