#include <stdio.h>
int f(int *a, int n) {
  int i = 42;
  for (i = 0; i < n; i++) a[i] = i;
  return i;
}
int g(int *a, int n) {
  int i, t = -1;
  for (i = n; i > 0; i--) { t = a[i - 1]; a[i - 1] = t * 2; }
  return i * 100 + t;
}
int main(void) {
  int a[5];
  printf("%d %d %d %d\n", f(a, 0), f(a, 5), g(a, 0), g(a, 5));
  return 0;
}
