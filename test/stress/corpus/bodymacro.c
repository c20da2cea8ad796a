#include <stdio.h>
int f(int *a, int n) {
#define SQ(x) ((x) * (x))
  for (int i = 0; i < n; i++) a[i] = SQ(i);
  return a[n - 1];
}
int g(int *a, int n) {
#ifdef SQ
  for (int i = 0; i < n; i++) a[i] = SQ(a[i]);
#endif
  return a[1];
}
int h(int *a, int n) {
#if __LINE__ > 5
  int off = __LINE__;
#endif
  for (int i = 0; i < n; i++) a[i] = off + __COUNTER__;
  return a[0];
}
int main(void) {
  int a[4];
  printf("%d %d %d\n", f(a, 4), g(a, 4), h(a, 4));
  return 0;
}
