// What a function must offer to be versioned.
// RUN: %cc_ppar -std=gnu17 -fsyntax-only -Xclang -verify %s
#include <stdarg.h>

#pragma ppar jit(parallel)
double sum(int n, ...) { return n; } // expected-error {{'jit' cannot be applied to the variadic function 'sum'}}

#pragma ppar jit(parallel)
double old_style(n) int n; { return n; } // expected-warning {{a function definition without a prototype is deprecated}} expected-error {{'jit' cannot be applied to the old-style (K&R) definition of 'old_style'; declare its parameters in the parentheses: double old_style(int n)}}

#pragma ppar jit(in(y[0:n]))
void clauses(double *x, int n) { (void)x; (void)n; } // expected-error@-1 {{'y' in a data clause of 'clauses' is not one of its parameters}}

#pragma ppar jit(in(n[0:1]))
void scalar_clause(double *x, int n) { (void)x; (void)n; } // expected-error@-1 {{'n' in a data clause of 'scalar_clause' is not a pointer or array parameter}}
