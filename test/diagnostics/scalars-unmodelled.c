// What data flow cannot follow keeps a loop serial, with the reason: a
// variable whose address is taken where the loop can be reached from (a
// pointer made before the loop reaches the shared copy, not an iteration's
// own), a volatile one, and any written variable of a function that calls
// setjmp (it may return twice). An address taken after the loop is fine.
// RUN: %cc_ppar -fsyntax-only -Xclang -verify -fplugin-arg-ppar-report -fplugin-arg-ppar-min-work=0 %s
#include <setjmp.h>

// expected-remark@+1 {{no loop of 'pointer_before' runs in parallel; it runs serially}}
#pragma ppar jit(parallel)
void pointer_before(int n, double *restrict x) {
  double t;
  double *pt = &t;
  for (int i = 0; i < n; i++) { // expected-remark {{loop not parallelised: 't' is written in the loop and its address is taken at line 13, so a pointer may reach it from any iteration}}
    t = i;
    x[i] = *pt;
  }
}

// expected-remark@+1 {{no loop of 'volatile_tmp' runs in parallel; it runs serially}}
#pragma ppar jit(parallel)
void volatile_tmp(int n, double *restrict x) {
  volatile double v;
  for (int i = 0; i < n; i++) { // expected-remark {{loop not parallelised: 'v' is volatile: every access must happen as the program orders it}}
    v = i;
    x[i] = v;
  }
}

static jmp_buf env;

// expected-remark@+1 {{no loop of 'with_setjmp' runs in parallel; it runs serially}}
#pragma ppar jit(parallel)
void with_setjmp(int n, double *restrict x) {
  double w;
  if (setjmp(env))
    return;
  for (int i = 0; i < n; i++) { // expected-remark {{loop not parallelised: 'w' is written in the loop and 'with_setjmp' calls a function that may return twice (setjmp), which ppar's data flow does not follow}}
    w = i;
    x[i] = w;
  }
}

void publish(const double *value);

// A pointer made after the loop cannot reach an iteration; one made in a
// loop around it can.
#pragma ppar jit(parallel)
void pointer_after(int n, const double *restrict x) {
  double sum = 0, t;
  for (int i = 0; i < n; i++) // expected-remark {{loop parallelised: omp parallel for schedule(static) num_threads(__ppar_rt_num_threads()) reduction(+:sum); floating-point reductions combined in thread order}}
    sum += x[i];
  publish(&sum);
  // expected-remark@+1 {{loop not parallelised: 't' is written in the loop and its address is taken, so each iteration may see another's value}}
  for (int r = 0; r < 2; r++) {
    for (int i = 0; i < n; i++) // expected-remark {{loop not parallelised: 't' is written in the loop and its address is taken at line 58}}
      t = x[i];
    publish(&t);
  }
}
