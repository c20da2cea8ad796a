#include <stdio.h>
void fill(int n, int m, double a[n][m]) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      a[i][j] = i * 10 + j;
}
double total(int n, int m, double a[static n][m]) {
  double t = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      t += a[i][j];
  return t;
}
void rowptr(int n, int m, double a[n][m]) {
  double (*row)[m];
  for (int i = 0; i < n; i++) { row = &a[i]; (*row)[0] += 1; }
}
int main(void) {
  int n = 7, m = 5;
  double a[n][m];
  fill(n, m, a);
  rowptr(n, m, a);
  double tmp[n];
  for (int i = 0; i < n; i++) tmp[i] = a[i][1];
  printf("%.1f %.1f\n", total(n, m, a), tmp[3]);
  return 0;
}
