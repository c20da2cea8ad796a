#ifndef SELFINC_ONCE
#define SELFINC_ONCE
#include <stdio.h>
#include __FILE__
int main(void) {
  int a[5];
  fill(a, 5);
  printf("%d\n", a[4]);
  return 0;
}
#else
void fill(int *a, int n) {
  for (int i = 0; i < n; i++) a[i] = 3 * i;
}
#endif
