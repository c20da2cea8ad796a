#include <stdio.h>
int sum(a, n) int *a; int n; {
  int s = 0, i;
  for (i = 0; i < n; i++) s += a[i];
  return s;
}
int scale(int *a, int n, int k) {
  for (int i = 0; i < n; i++) a[i] *= k;
  return a[0];
}
int main() {
  int a[10];
  for (int i = 0; i < 10; i++) a[i] = i;
  scale(a, 10, 3);
  printf("%d\n", sum(a, 10));
  return 0;
}
