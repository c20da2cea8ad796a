#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  int n = 1000;
  double *x = malloc(n * sizeof *x);
  double s = 0;
  for (int i = 0; i < n; i++) x[i] = i * 0.5;
  for (int i = 0; i < n; i++) s += x[i];
  printf("%s %.2f\n", argc > 5 ? argv[1] : "-", s);
  free(x);
  return 0;
}
