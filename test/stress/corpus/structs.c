#include <stdio.h>
struct P { int x, y; };
struct P shift(struct P *ps, int n, int dx) {
  struct P last = {0, 0};
  for (int i = 0; i < n; i++) { ps[i].x += dx; last = ps[i]; }
  return last;
}
struct Q { double v; } mkq(double *a, int n) {
  struct Q q = {0};
  for (int i = 0; i < n; i++) q.v += a[i];
  return q;
}
enum color { RED, GREEN, BLUE };
int count(enum color *c, int n) {
  int s = 0;
  for (enum color k = RED; k <= BLUE; k++) s += k;
  for (int i = 0; i < n; i++) s += c[i];
  return s;
}
int main(void) {
  struct P ps[3] = {{1, 2}, {3, 4}, {5, 6}};
  double a[3] = {1, 2, 3};
  enum color c[3] = {RED, BLUE, GREEN};
  struct P l = shift(ps, 3, 10);
  printf("%d %d %g %d\n", l.x, l.y, mkq(a, 3).v, count(c, 3));
  return 0;
}
