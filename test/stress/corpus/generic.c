#include <stdio.h>
#define absval(x) _Generic((x), int: iabs, double: dabs, default: iabs)(x)
static int iabs(int x) { return x < 0 ? -x : x; }
static double dabs(double x) { return x < 0 ? -x : x; }
double norm1(const double *v, int n) {
  double s = 0;
  for (int i = 0; i < n; i++) s += absval(v[i]);
  return s;
}
int inorm1(const int *v, int n) {
  int s = 0;
  for (int i = 0; i < n; i++) s += _Generic(v[i], int: iabs(v[i]), default: 0);
  return s;
}
int main(void) {
  double v[4] = {-1.5, 2, -3, 4};
  int w[4] = {-1, 2, -3, 4};
  printf("%g %d\n", norm1(v, 4), inorm1(w, 4));
  return 0;
}
