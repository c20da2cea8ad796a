/* A raw kernel launched from another file (raw-kernel-across-files.c). */
#include <ppar.h>

PPAR_JIT(kernel, target=auto, in(x[0:n]), inout(y[0:n]))
void shift_add(const double *x, double *y, int n, int by) {
  long long i = ppar_thread_index();
  if (i < n)
    y[i] += x[(i + by) % n] * (double)ppar_grid_size();
}
