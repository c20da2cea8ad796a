#include <stdio.h>
int f(int *a, int n) {
  int s = 0;
#pragma omp parallel for reduction(+:s)
  for (int i = 0; i < n; i++) s += a[i];
  for (int i = 0; i < n; i++) a[i] = 0;
  return s;
}
int main(void) {
  int a[10];
  for (int i = 0; i < 10; i++) a[i] = i;
  printf("%d\n", f(a, 10));
  return 0;
}
