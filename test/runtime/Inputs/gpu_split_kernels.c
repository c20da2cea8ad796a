/* Host versions of the kernels the plugin generates for test/run/gpu-split.c,
 * for the stand-in driver (fake_cuda.c): parameters as the generated launch
 * passes them (first iteration and trip count of each level, serial flag,
 * then the kernel's own). Each launch of a split kernel says which block it
 * ran on stderr. */
#include <stdio.h>

static void said(const char *k, long long lo, long long n) {
  fprintf(stderr, "launch %s lo=%lld n=%lld\n", k, lo, n);
}

int fake___ppar_k_stencil_0(void **p) {
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  double *y = *(double **)p[3];
  const double *x = *(const double **)p[4];
  said("stencil", lo, n);
  for (long long i = lo; i < lo + n; i++)
    y[i] = x[i - 1] + 2 * x[i] + x[i + 1];
  return 0;
}

int fake___ppar_k_rows_0(void **p) {
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  int m = *(int *)p[3];
  double *b = *(double **)p[4];
  const double *a = *(const double **)p[5];
  said("rows", lo, n);
  for (long long i = lo; i < lo + n; i++)
    for (int j = 0; j < m; j++)
      b[i * m + j] = 2 * a[i * m + j] + a[(i - 1) * m + j];
  return 0;
}

int fake___ppar_k_columns_0(void **p) {
  long long lo0 = *(long long *)p[0], n0 = *(long long *)p[1];
  long long lo1 = *(long long *)p[2], n1 = *(long long *)p[3];
  int n = *(int *)p[5];
  double *t = *(double **)p[6];
  said("columns", lo0, n0);
  for (long long i = lo0; i < lo0 + n0; i++)
    for (long long j = lo1; j < lo1 + n1; j++)
      t[j * n + i] = 100.0 * (double)j + (double)i;
  return 0;
}

int fake___ppar_k_total_0(void **p) {
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  double *red = *(double **)p[3], s = *(double *)p[4];
  const double *x = *(const double **)p[5];
  said("total", lo, n);
  for (long long i = lo; i < lo + n; i++)
    s += x[i] * (double)(i % 3);
  red[0] = s;
  return 0;
}

int fake___ppar_k_scaled_copy_0(void **p) {
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  double *y = *(double **)p[3], f = *(double *)p[4];
  const double *x = *(const double **)p[5];
  for (long long i = lo; i < lo + n; i++)
    y[i] = f * x[i];
  return 0;
}

int fake___ppar_k_evens_down_0(void **p) { /* i = lo - 2 t */
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  double *z = *(double **)p[3];
  const double *x = *(const double **)p[4];
  said("evens_down", lo, n);
  for (long long t = 0; t < n; t++) {
    long long i = lo - 2 * t;
    z[i] = x[i] * 3 + x[i + 1];
  }
  return 0;
}

int fake___ppar_k_peak_0(void **p) { /* the largest, from the init value */
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  double *red = *(double **)p[3], m = *(double *)p[4];
  const double *x = *(const double **)p[5];
  said("peak", lo, n);
  for (long long i = lo; i < lo + n; i++)
    if (x[i] * (double)(i % 5) > m)
      m = x[i] * (double)(i % 5);
  red[0] = m;
  return 0;
}

int fake___ppar_k_count_above_0(void **p) {
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  long *red = *(long **)p[3], c = *(long *)p[4];
  const double *x = *(const double **)p[5];
  for (long long i = lo; i < lo + n; i++)
    c += x[i] > 8;
  red[0] = c;
  return 0;
}
