#include <stdio.h>
static const char *names[] = {"a", "b", "c"};
const char *const *first(const int *idx, const char **out, int n) {
  for (int i = 0; i < n; i++) out[i] = names[idx[i]];
  return names;
}
volatile int vol;
_Atomic int at;
long double ld(long double *v, int n) {
  long double s = 0;
  for (int i = 0; i < n; i++) s += v[i];
  return s;
}
unsigned long long bits(unsigned long long *v, int n) {
  unsigned long long m = 0;
  for (int i = 0; i < n; i++) m |= v[i];
  return m;
}
int main(void) {
  int idx[3] = {2, 0, 1};
  const char *out[3];
  long double v[3] = {1, 2, 3};
  unsigned long long u[3] = {1, 4, 16};
  first(idx, out, 3);
  printf("%s%s%s %.1Lf %llu\n", out[0], out[1], out[2], ld(v, 3), bits(u, 3));
  return 0;
}
