#include <stdio.h>
int g_tmp;
double scratch;
void f(const int *a, int *b, int n) {
  int t;
  double *p;
  for (int i = 0; i < n; i++) {
    t = a[i] * 2;
    g_tmp = t + 1;
    b[i] = t + g_tmp;
  }
  for (int i = 0; i < n; i++) {
    p = &scratch;
    b[i] += (int)*p;
  }
  printf("%d %d\n", t, g_tmp);
}
int main(void) {
  int a[10], b[10];
  for (int i = 0; i < 10; i++) a[i] = i;
  f(a, b, 10);
  int s = 0;
  for (int i = 0; i < 10; i++) s += b[i];
  printf("%d\n", s);
  return 0;
}
