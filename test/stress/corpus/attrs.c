#include <stdio.h>
__attribute__((noinline, used)) int f(int *a, int n) {
  for (int i = 0; i < n; i++) a[i] = i;
  return a[n - 1];
}
[[deprecated("x"), maybe_unused]] static int g(int *a, int n) {
  int s = 0;
  for (int i = 0; i < n; i++) s += a[i];
  return s;
}
static __attribute__((always_inline)) inline int h(int *a, int n) {
  for (int i = 0; i < n; i++) a[i] += 1;
  return a[0];
}
int k(int *a, int n) __attribute__((noinline));
int k(int *a, int n) {
  for (int i = 0; i < n; i++) a[i] *= 2;
  return a[1];
}
_Noreturn void die(int *a, int n);
int main(void) {
  int a[4];
  f(a, 4);
  h(a, 4);
  k(a, 4);
  printf("%d\n", g(a, 4));
  return 0;
}
