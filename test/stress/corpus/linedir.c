#include <stdio.h>
#line 100 "virtual.c"
int f(int *a, int n) {
  for (int i = 0; i < n; i++) a[i] = __LINE__ + i;
  return a[n - 1];
}
#line 7
int g(int *a, int n) {
  int s = 0;
  for (int i = 0; i < n; i++) s += a[i];
  return s;
}
# 300 "other \"quoted\" name.c"
int main(void) {
  int a[4];
  printf("%d %d %s\n", f(a, 4), g(a, 4), __FILE__);
  return 0;
}
