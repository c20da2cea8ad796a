#include <stdio.h>
int f(int *a, int n) {
  int s = 0;
  for (int i = 0; i < n; i++) {
    a[i] = i * i;
  }
  for (int i = 0; i < n; i++) s += a[i];
  return s;
}
#define M(x) \
  ((x) + 1)
int main(void) {
  int a[10];
  printf("%d %d\n", f(a, 10), M(2));
  return 0;
}
