// What a function must offer to be versioned.
// RUN: %cc_ppar -std=gnu17 -fsyntax-only -Xclang -verify %s
#include <stdarg.h>

#pragma ppar jit(parallel)
double sum(int n, ...) { return n; } // expected-error {{'jit' cannot be applied to the variadic function 'sum'}}

#pragma ppar jit(parallel)
double old_style(n) int n; { return n; } // expected-warning {{a function definition without a prototype is deprecated}} expected-error {{'jit' cannot be applied to the old-style (K&R) definition of 'old_style'; declare its parameters in the parentheses: double old_style(int n)}}

#pragma ppar jit(in(y[0:n]))
void clauses(double *x, int n) { (void)x; (void)n; } // expected-error@-1 {{'y' in a data clause of 'clauses' is neither one of its parameters nor a variable declared in the outermost block of its body}}

#pragma ppar jit(in(n[0:1]))
void scalar_clause(double *x, int n) { (void)x; (void)n; } // expected-error@-1 {{'n' in a data clause of 'scalar_clause' is not a pointer or an array}}

// A jit clause may name a local of the body's outermost block (C gives it
// the parameters' scope, so the name is unique), not one of an inner block.
#pragma ppar jit(parallel, in(t[0:n]))
void local_clause(double *x, int n) { double *t = x; (void)t; }

#pragma ppar jit(in(t[0:n]))
void inner_local(double *x, int n) { { double *t = x; (void)t; } } // expected-error@-1 {{'t' in a data clause of 'inner_local' is neither one of its parameters nor a variable declared in the outermost block of its body}}

#pragma ppar jit(in(k[0:n]))
void scalar_local(double *x, int n) { int k = n; (void)k; (void)x; } // expected-error@-1 {{'k' in a data clause of 'scalar_local' is not a pointer or an array}}

#pragma ppar delayed(in(t[0:n]))
void delayed_local(double *x, int n) { double *t = x; (void)t; } // expected-error@-1 {{'t' in a data clause of 'delayed_local' is not one of its parameters}}
