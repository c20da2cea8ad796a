#include <stdio.h>
#include <complex.h>
#include <stdbool.h>
int main(void) {
  int n = 1000;
  static double a[1000];
  static int b[1000];
  for (int i = 0; i < n; i++) { a[i] = (i % 17) * 0.25; b[i] = i % 29; }
  double s = 0, p = 1;
  int x = 0, o = 0, an = -1;
  bool any = false, all = true;
  double complex z = 0;
  unsigned char uc = 0;
  long long ll = 0;
  for (int i = 0; i < n; i++) {
    s += a[i];
    x ^= b[i];
    o |= b[i];
    an &= b[i] | 1;
    any = any || b[i] > 27;
    all = all && b[i] >= 0;
    z += a[i] * I;
    uc += b[i];
    ll = ll + b[i];
  }
  for (int i = 0; i < 20; i++) p *= 1.0 + a[i] / 100;
  float f = 0;
  for (int i = 0; i < n; i++) f -= a[i];
  printf("%.6f %.6f %d %d %d %d %d %.3f %u %lld %.3f\n", s, p, x, o, an, any, all, cimag(z), uc, ll, f);
  return 0;
}
