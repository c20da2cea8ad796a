// A raw kernel defined in one file and launched from another through
// PPAR_KERNEL_DECL: the launching file sets the thread slot that the
// kernel's file reads (one per thread for the whole program), on the CPU
// fallback with the plugin and in the serial build without it.
// RUN: %cc_ppar -O2 -c %S/Inputs/raw-kernel-lib.c -o %t.lib.o
// RUN: %cc_ppar -O2 %s %t.lib.o -o %t %link_rt
// RUN: %cc_plain -O2 %s %S/Inputs/raw-kernel-lib.c -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

PPAR_KERNEL_DECL(shift_add, const double *x, double *y, int n, int by)

int main(void) {
  int n = 10000;
  double *x = malloc(n * sizeof *x), *y = calloc(n, sizeof *y);
  for (int i = 0; i < n; i++)
    x[i] = i % 13;
  ppar_launch(shift_add, ppar_grid(n), x, y, n, 3);
  double s = 0;
  for (int i = 0; i < n; i++)
    s += y[i];
  printf("%g %g %g\n", y[0], y[n - 1], s);
  free(x), free(y);
  return 0;
}
