#include <stdio.h>
#define MAX(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
int clampall(int *a, int n, int lo) {
  for (int i = 0; i < n; i++) a[i] = MAX(a[i], lo);
  int s = ({ int t = 0; for (int j = 0; j < n; j++) t += a[j]; t; });
  return s;
}
int weird(int n) {
  int s = 0;
  for (int i = 0; i < n; i++) s += ({ int q = i * 2; q + 1; });
  return s;
}
int main(void) {
  int a[6] = {-3, 5, -1, 7, 0, 2};
  printf("%d %d\n", clampall(a, 6, 1), weird(10));
  return 0;
}
