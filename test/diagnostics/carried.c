// Scalars that carry a value between iterations keep a prange loop serial,
// with a warning that names the variable; reductions and temporaries are fine.
// RUN: %cc_ppar -fsyntax-only -Xclang -verify -fplugin-arg-ppar-report %s

#pragma ppar jit(parallel)
void scan(double *x, const double *y, int n, double *out) {
  double run = 0;
#pragma ppar prange // expected-note {{'prange' is here}}
  for (int i = 0; i < n; i++) {
    run = run * 0.5 + y[i]; // expected-warning {{'prange' loop not parallelised: 'run' carries a value from one iteration to the next}}
    x[i] = run;
  }
  double last = 0;
#pragma ppar prange // expected-note {{'prange' is here}}
  for (int i = 0; i < n; i++) {
    if (y[i] > 0)
      last = y[i]; // expected-warning {{'last' carries a value from one iteration to the next}}
    x[i] += last;
  }
  double t;
#pragma ppar prange // expected-note {{'prange' is here}}
  for (int i = 0; i < n; i++) {
    double *pt = &t; // expected-warning {{'t' is written in the loop and its address is taken}}
    *pt = y[i];
    t = 2 * y[i];
    x[i] = t;
  }
  double sum = 0, prod = 1, tmp;
  long count = 0;
  unsigned bits = 0;
#pragma ppar prange
  for (int i = 0; i < n; i++) { // expected-remark {{loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()) reduction(+:sum) reduction(*:prod) reduction(+:count) reduction(|:bits) private(tmp)}}
    tmp = y[i] * y[i];
    sum += tmp;
    sum -= 1;
    prod = prod * 1.0;
    count = count + 1;
    bits |= 1u << (i % 8);
  }
  out[0] = sum + prod + count + bits;
}

// A temporary written first in every iteration of an inner loop is private,
// unless its value is wanted after the loop: the last iteration's inner loop
// may not run, and then no iteration's value is the right one.
#pragma ppar jit(parallel)
double stencil(int n, double (*u)[n], double (*next)[n]) { // expected-note {{if 'next' overlaps no other pointer, declare it restrict}}
  double v, w;
#pragma ppar prange
  for (int i = 1; i < n - 1; i++) // expected-remark {{loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()) private(v)}}
    for (int j = 1; j < n - 1; j++) { // expected-remark {{loop not vectorized with simd: pointers it writes may overlap others (restrict would settle it) (the compiler may still vectorize it)}}
      v = 0.5 * (u[i][j - 1] + u[i][j + 1]);
      next[i][j] = v;
    }
#pragma ppar prange // expected-note {{'prange' is here}}
  for (int i = 1; i < n - 1; i++) // expected-remark {{serial loop runs in one parallel region; its parallel loops are shared among the threads (1 loop, 1 barrier in its body); it does so only when, counted at run time, they have at least 131072 operations per barrier (iterations times the operations of one), else it runs serially}}
    // The inner loop alone can run in parallel: there, w is written first.
    for (int j = 1; j < i; j++) { // expected-remark {{loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()) lastprivate(w); it runs in parallel only when a run-time check finds that the pointers it writes do not overlap the others}}
      w = u[i][j]; // expected-warning {{'w' carries a value from one iteration to the next}}
      next[i][j] = w;
    }
  return w;
}
