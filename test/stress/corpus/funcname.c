#include <stdio.h>
#include <assert.h>
int f(int *a, int n) {
  printf("in %s\n", __func__);
  for (int i = 0; i < n; i++) a[i] = i;
  return a[n - 1];
}
int g(int *a, int n) {
  static int calls;
  calls++;
  for (int i = 0; i < n; i++) a[i] = calls;
  return calls;
}
int main(void) {
  int a[4];
  f(a, 4);
  g(a, 4); g(a, 4);
  printf("%d %s\n", g(a, 4), __func__);
  return 0;
}
