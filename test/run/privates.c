// Temporaries declared outside a prange loop become private; values read
// after the loop (the loop variable, a temporary) become lastprivate. Run on
// 1-4 threads: a shared temporary would race and change the output.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
// RUN: %if gcc %{ %gcc -O2 %s -o %t.gcc && %check_run %t.gcc %t %}
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

static double slow_impl(double v) {
  for (int k = 0; k < 50; k++)
    v = v * 0.999 + 0.001 * k;
  return v;
}
/* Called through a volatile pointer, so the compiler cannot see what it
 * touches and keeps shared variables in memory around the call: a temporary
 * wrongly shared between threads is then overwritten while this runs. */
static double (*volatile slow)(double) = slow_impl;

#pragma ppar jit(parallel)
void smooth(const double *in, double *out, int n, int *last_i, double *last_t) {
  int i, j;
  double t, acc;
#pragma ppar prange
  for (i = 1; i < n - 1; i++) {
    t = in[i - 1] + in[i + 1];
    acc = t * 0.5;
    acc += slow(acc);
    for (j = 0; j < 4; j++)
      acc += slow(t + j) * 0.25;
    out[i] = acc / 36.0 + in[i] + t;
  }
  *last_i = i;   /* the loop variable after the loop */
  *last_t = t;   /* the last iteration's temporary */
}

int main(void) {
  int n = 1 << 18, last_i = 0;
  double last_t = 0;
  double *in = malloc(n * sizeof *in), *out = calloc(n, sizeof *out);
  for (int k = 0; k < n; k++)
    in[k] = (k * 37 % 101) / 7.0;
  smooth(in, out, n, &last_i, &last_t);
  double check = 0;
  for (int k = 0; k < n; k++)
    check += out[k] * (k % 13);
  printf("%d %.17g %.17g %.17g\n", last_i, last_t, out[n / 2], check);
  free(in); free(out);
  return 0;
}
