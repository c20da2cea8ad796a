#include <stdio.h>
int f(int n) {
  int k = 0;
  for (;;) {
    if (++k > n) break;
  }
  for (; k > 0; k--) ;
  for (int i = 0;; i++) if (i == n) return i + k;
}
int g(int *a, int n) {
  int i, j;
  for (i = 0, j = n - 1; i < j; i++, j--) { int t = a[i]; a[i] = a[j]; a[j] = t; }
  for (i = 0; i < n; i += 1, (void)0) a[i] += 1;
  for (int p = 0, q = 1; p < n; p++) a[p] += q;
  return a[0];
}
int main(void) {
  int a[5] = {1, 2, 3, 4, 5};
  printf("%d %d\n", f(7), g(a, 5));
  return 0;
}
