#include <stdio.h>
#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)
#define LOOP(i, n) for (int i = 0; i < (n); i++)
#define PLOOP(i, n) for (i = 0; i < (n); i++)
#define DEFINE_SUM(T) T XCAT(sum_, T)(const T *a, int n) { T s = 0; LOOP(k, n) s += a[k]; return s; }
#define APPLY(f, ...) f(__VA_ARGS__)
#define BODY { for (int z = 0; z < n; z++) a[z] += 1; }
DEFINE_SUM(int)
DEFINE_SUM(double)
void add1(int *a, int n) BODY
void twice(int *a, int n) {
  int i;
  LOOP(j, n) a[j] *= 2;
  PLOOP(i, n) a[i] += 0;
  APPLY(add1, a, n);
  for (int q = 0; q < n; q++) APPLY(add1, a + q, 1);
}
#define FN(name) void name(int *a, int n)
FN(neg) {
  for (int i = 0; i < n; i++) a[i] = -a[i];
}
int main(void) {
  int a[5] = {1, 2, 3, 4, 5};
  double d[3] = {0.5, 1.5, 2.5};
  twice(a, 5);
  neg(a, 5);
  printf("%d %g\n", sum_int(a, 5), sum_double(d, 3));
  return 0;
}
