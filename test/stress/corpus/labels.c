#include <stdio.h>
int f(int *a, int n) {
  int s = 0;
start:;
  int t = 0;
  for (int i = 0; i < n; i++) a[i] = i + t;
next:
  for (int i = 0; i < n; i++) s += a[i];
  if (s < 0) goto start;
  if (s < -1) goto next;
  return s;
}
int main(void) {
  int a[5];
  printf("%d\n", f(a, 5));
  return 0;
}
