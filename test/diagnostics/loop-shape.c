// A prange loop that OpenMP cannot take is an error at the user's line, with
// the reason, before any OpenMP directive is written.
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
#include <stddef.h>
size_t count(const double *x);

#pragma ppar jit(parallel)
double shapes(double *x, int n, double *p, double *end) {
  double s = 0;
  int i = 0;
#pragma ppar prange // expected-note {{'prange' is here}}
  for (; i < n; i++) // expected-error {{'prange' loop cannot run in parallel: the loop must start by setting one variable, as in 'for (i = lo; i < hi; i++)'}}
    x[i] = 0;
#pragma ppar prange // expected-note {{'prange' is here}}
  for (double d = 0; d < n; d += 1) // expected-error {{the loop variable 'd' must have an integer type}}
    x[(int)d] = 0;
#pragma ppar prange // expected-note {{'prange' is here}}
  for (int k = 0; x[k] > 0; k++) // expected-error {{the condition must compare 'k' with a bound using <, <=, >, >= or !=, as in 'k < n'}}
    x[k] = 0;
#pragma ppar prange // expected-note {{'prange' is here}}
  for (int k = 1; k < n; k *= 2) // expected-error {{the increment must be k++, k--, k += step or k -= step}}
    x[k] = 0;
#pragma ppar prange // expected-note {{'prange' is here}}
  for (int k = 0; k < n; k++) {
    if (x[k] < 0)
      break; // expected-error {{'break' leaves the loop early; a parallel loop runs every iteration}}
    x[k] = 1;
  }
#pragma ppar prange // expected-note {{'prange' is here}}
  for (int k = 0; k < n; k++) {
    for (int j = 0; j < n; j++)
      if (x[j] < 0)
        break; // leaves only the inner loop: fine
    if (x[k] > 1e9)
      return -1; // expected-error {{'return' leaves the loop early}}
  }
#pragma ppar prange // expected-note {{'prange' is here}}
  for (int k = 0; k < n; k++) {
    x[k] = 0;
    k += 1; // expected-error {{the loop variable 'k' is changed inside the loop}}
  }
#pragma ppar prange // expected-note {{'prange' is here}}
  for (int k = 0; k < n; k++) {
    x[k] = 0;
    n--; // expected-error {{'n', used in the loop bound or step, is changed inside the loop}}
  }
#pragma ppar prange // expected-note {{'prange' is here}}
  for (size_t k = 0; k < count(x); k++) // expected-error {{the loop bound or step calls a function; compute it into a variable before the loop}}
    x[k] = 0;
#pragma ppar prange // expected-note {{'prange' is here}}
  for (int k = 0; k < n; k++) {
    if (x[k] < 0)
      goto out; // expected-error {{'goto' leaves the loop early}}
  }
out:
  (void)p; (void)end;
  return s;
}
