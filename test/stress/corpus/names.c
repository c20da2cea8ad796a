#include <stdio.h>
int f__ppar_cpu;
int __ppar_fn_user;
int private_, reduction = 2, schedule = 3;
#define num_threads(x) x
static int f(int *a, int n) {
  int reduction = 0;
  for (int i = 0; i < n; i++) reduction += a[i];
  return reduction;
}
int main(void) {
  int a[3] = {1, 2, 3};
  printf("%d %d %d\n", f(a, 3), schedule, f__ppar_cpu);
  return 0;
}
