/* vectorize.c - Numba-style ufuncs in C: each scalar function gets an
 * array version f_vec(n, a, b, ..., out), serial or on all cores.
 * PPAR_VECTORIZE_DECL declares it (and, without the plugin, defines a
 * serial one), so this file is plain C too. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

/* The seed's sin(a) * cos(b), on every core. */
PPAR_VECTORIZE(target=parallel)
double sinacosb(double a, double b) { return sin(a) * cos(b); }
PPAR_VECTORIZE_DECL(sinacosb, double, double, double)

/* An int64 add: serial, vectorized by the compiler. */
PPAR_VECTORIZE()
int64_t add64(int64_t a, int64_t b) { return a + b; }
PPAR_VECTORIZE_DECL(add64, int64_t, int64_t, int64_t)

/* A function of three inputs, renamed. */
PPAR_VECTORIZE(target=parallel, name=lerp_all)
float lerp(float a, float b, float t) { return a + t * (b - a); }
void lerp_all(size_t n, const float *a, const float *b, const float *t, float *out);
#ifndef __PPAR__
void lerp_all(size_t n, const float *a, const float *b, const float *t, float *out) {
  for (size_t i = 0; i < n; i++)
    out[i] = lerp(a[i], b[i], t[i]);
}
#endif

int main(void) {
  size_t n = 1 << 22;
  double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *o = malloc(n * sizeof *o);
  int64_t *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *z = malloc(n * sizeof *z);
  float *f = malloc(n * sizeof *f), *g = malloc(n * sizeof *g), *t = malloc(n * sizeof *t),
        *r = malloc(n * sizeof *r);
  if (!a || !b || !o || !x || !y || !z || !f || !g || !t || !r)
    return 1;
  for (size_t i = 0; i < n; i++) {
    a[i] = i * 1e-6;
    b[i] = i * 2e-6;
    x[i] = (int64_t)i << 20;
    y[i] = -(int64_t)i;
    f[i] = 1.0f;
    g[i] = 3.0f;
    t[i] = (float)(i % 4) / 4;
  }
  sinacosb_vec(n, a, b, o);
  add64_vec(n, x, y, z);
  lerp_all(n, f, g, t, r);
  double so = 0, sr = 0;
  for (size_t i = 0; i < n; i++)
    so += o[i], sr += r[i];
  printf("sum sin(a)cos(b) = %.6f\n", so);
  printf("add64: z[n-1] = %lld\n", (long long)z[n - 1]);
  printf("sum lerp = %.1f\n", sr);
  return 0;
}
