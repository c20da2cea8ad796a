#include <stdio.h>
#define K 3
int f(int *a, int n) {
  for (int i = 0; i < n; i++) a[i] = K;
#undef K
#define K 4
  return a[0] + K;
}
int main(void) {
  int a[3];
  printf("%d\n", f(a, 3));
  return 0;
}
