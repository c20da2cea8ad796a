#include <stdio.h>
static inline int sq(int x) { return x * x; }
inline int cube(int x) { return x * x * x; }
extern inline int quad(int x) { return sq(sq(x)); }
static inline void sqall(int *a, int n) {
  for (int i = 0; i < n; i++) a[i] = sq(a[i]);
}
inline void cuball(int *a, int n) {
  for (int i = 0; i < n; i++) a[i] = cube(a[i]);
}
extern int cube(int);
extern void cuball(int *, int);
int main(void) {
  int a[8];
  for (int i = 0; i < 8; i++) a[i] = i;
  sqall(a, 8);
  cuball(a, 8);
  long s = 0;
  for (int i = 0; i < 8; i++) s += a[i];
  printf("%ld %d\n", s, quad(3));
  return 0;
}
