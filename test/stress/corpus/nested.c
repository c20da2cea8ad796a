#include <stdio.h>
#define N 16
static double A[N][N], B[N][N], C[N][N];
void mm(int n) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int k = 0; k < n; k++) s += A[i][k] * B[k][j];
      C[i][j] = s;
    }
}
void tri(int n) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < i; j++)
      C[i][j] = 0;
}
int main(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) { A[i][j] = i + j; B[i][j] = i - j; }
  mm(N);
  tri(N);
  double t = 0;
  for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) t += C[i][j];
  printf("%.1f\n", t);
  return 0;
}
