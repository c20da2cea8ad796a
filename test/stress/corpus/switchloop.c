#include <stdio.h>
int f(int *a, int n, int mode) {
  int s = 0;
  switch (mode) {
  case 0:
    for (int i = 0; i < n; i++) a[i] = i;
    break;
  case 1:
    for (int i = 0; i < n; i++) {
      switch (i % 3) {
      case 0: a[i] = 1; break;
      default: a[i] = 2; break;
      }
    }
    /* fallthrough */
  default:
    for (int i = 0; i < n; i++) s += a[i];
  }
  return s;
}
int main(void) {
  int a[9];
  printf("%d %d\n", f(a, 9, 0), f(a, 9, 1));
  return 0;
}
