#include <stdio.h>
typedef double (*unop)(double);
static double twice(double x) { return 2 * x; }
static double inc(double x) { return x + 1; }
void apply(unop f, double *a, int n) {
  for (int i = 0; i < n; i++) a[i] = f(a[i]);
}
unop pick(int k) { return k ? twice : inc; }
double (*pick2(int k))(double) { return k ? inc : twice; }
void apply_all(double (*fs[])(double), int nf, double *a, int n) {
  for (int k = 0; k < nf; k++)
    for (int i = 0; i < n; i++) a[i] = fs[k](a[i]);
}
int main(void) {
  double a[5] = {1, 2, 3, 4, 5};
  apply(pick(1), a, 5);
  apply(pick2(1), a, 5);
  double (*fs[2])(double) = {twice, inc};
  apply_all(fs, 2, a, 5);
  for (int i = 0; i < 5; i++) printf("%g ", a[i]);
  printf("\n");
  return 0;
}
