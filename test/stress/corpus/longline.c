#include <stdio.h>
int f(int *a, int n) { for (int i = 0; i < n; i++) a[i] = i; return a[n-1]; } int g(int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; } /* trailing */ int h(void) { return 1; }
int main(void) { int a[5]; printf("%d %d %d\n", f(a, 5), g(a, 5), h()); return 0; }
