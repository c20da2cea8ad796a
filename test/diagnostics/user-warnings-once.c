// Warnings and errors in the user's own code appear once, at their lines,
// although the annotated function is copied into a variant.
// RUN: %cc_ppar -Wall -Wextra -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %cc_ppar -DBROKEN -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=ERR --implicit-check-not=error:

#pragma ppar jit(parallel)
double f(double *x, int n) {
  int unused = 0;
  // CHECK: user-warnings-once.c:[[@LINE-1]]:7: warning: unused variable 'unused'
  double s = 0;
#pragma ppar prange
  for (int i = 0; i < n; i++)
    s += x[i];
#ifdef BROKEN
  undeclared = 1;
  // ERR: user-warnings-once.c:[[@LINE-1]]:3: error: use of undeclared identifier 'undeclared'
#endif
  return s;
}
// CHECK: 1 warning generated.
