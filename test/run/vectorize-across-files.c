// f_vec generated in one file is called from another through
// PPAR_VECTORIZE_DECL; without the plugin each file gets a serial f_vec.
// RUN: %cc_ppar -O2 -c %S/Inputs/vectorized-lib.c -o %t.lib.o
// RUN: %cc_ppar -O2 %s %t.lib.o -o %t %link_rt
// RUN: %cc_plain -O2 %s %S/Inputs/vectorized-lib.c -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

double hypot2(double a, double b);
PPAR_VECTORIZE_DECL(hypot2, double, double, double)

int main(void) {
  size_t n = 100000;
  double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *o = malloc(n * sizeof *o);
  for (size_t i = 0; i < n; i++)
    a[i] = i % 100, b[i] = 0.5 * (i % 7);
  hypot2_vec(n, a, b, o);
  double s = 0;
  for (size_t i = 0; i < n; i++)
    s += o[i];
  printf("%.6f\n", s);
  return 0;
}
