#include <stdio.h>
void f(int *a, int n, int skip) {
  int i = 0;
  if (skip) goto inside;
  for (i = 0; i < n; i++) {
  inside:
    a[i] = i;
  }
}
int g(int *a, int n) {
  int i;
  for (i = 0; i < n; i++) {
    if (a[i] < 0) goto out;
    a[i] += 1;
  }
out:
  return i;
}
int main(void) {
  int a[6] = {0};
  f(a, 6, 0);
  a[4] = -1;
  printf("%d %d\n", g(a, 6), a[2]);
  return 0;
}
