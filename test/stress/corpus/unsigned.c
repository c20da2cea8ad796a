#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
void down(int *a, size_t n) {
  for (size_t i = n; i-- > 0;) a[i] = (int)i;
}
void step(int *a, int n) {
  for (int i = 0; i != n; i++) a[i] += 1;
  for (int i = n - 1; i >= 0; i -= 2) a[i] += 10;
  for (unsigned char c = 0; c < 4; c++) a[c] += 100;
  for (int64_t i = 0; i <= n - 1; i++) a[i] += 1000;
  for (short i = 1; i < n; i = i + 1) a[i] += 0;
  for (int i = 0; i < n; i = 1 + i) a[i] += 0;
}
int main(void) {
  int a[8];
  down(a, 8);
  step(a, 8);
  for (int i = 0; i < 8; i++) printf("%d ", a[i]);
  printf("\n");
  return 0;
}
