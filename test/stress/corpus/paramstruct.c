#include <stdio.h>
int f(struct never_declared *p, int *a, int n) {
  for (int i = 0; i < n; i++) a[i] = p == 0;
  return a[0];
}
int g(enum { LO, HI } e, int *a, int n) {
  for (int i = 0; i < n; i++) a[i] = e;
  return a[0];
}
int h(int n, int a[n], int (*cb)(int x, int y)) {
  for (int i = 0; i < n; i++) a[i] = cb(i, i);
  return a[n - 1];
}
static int add(int x, int y) { return x + y; }
int main(void) {
  int a[3];
  printf("%d %d %d\n", f(0, a, 3), g(1, a, 3), h(3, a, add));
  return 0;
}
