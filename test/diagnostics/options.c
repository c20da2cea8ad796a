// Mistakes in annotation options, in every spelling: each is an error at its
// column, with a fix-it where one is obvious.
// RUN: %cc_ppar -std=c23 -fsyntax-only -Xclang -verify %s
// RUN: not %cc_ppar -std=c23 -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s --check-prefix=FIXIT

#include <ppar.h>

#pragma ppar jit(paralel) // expected-error {{unknown option 'paralel' for 'jit'; did you mean 'parallel'?}}
void f1(void) {}
// FIXIT: fix-it:"{{.*}}options.c":{[[@LINE-2]]:18-[[@LINE-2]]:25}:"parallel"

#pragma ppar jit(target=opencl) // expected-error {{invalid value 'opencl' for 'target' of 'jit'; expected cpu, cuda or auto}}
void f2(void) {}

#pragma ppar jti // expected-error {{unknown ppar directive 'jti'; did you mean 'jit'?}}
void f3(void) {}

#pragma ppar jit(parallel // expected-error {{expected ')'}}
void f4(void) {}

#pragma ppar jit(target=cpu, target=cuda) // expected-error {{conflicting values for 'target': 'cpu' and 'cuda'}}
void f5(void) {}

#pragma ppar jit(eager) // expected-error {{option 'eager' is not valid for 'jit'}}
void f6(void) {}

#pragma ppar jit(parallel=1) // expected-error {{option 'parallel' takes no value}}
void f7(void) {}

#pragma ppar jit(in(x[0:]) ) // expected-error {{empty length in the section of 'x'}}
void f8(double *x) { (void)x; }

#pragma ppar jit(in(x[0:n]), out(x[0:n])) // expected-error {{'x' appears in both 'in' and 'out'; use inout(x[...]) instead}}
void f9(double *x, int n) { (void)x; (void)n; }

#pragma ppar prange(parallel) // expected-error {{'prange' takes no options}}
void f10(void) {}

[[ppar::jit("nogil, paralel")]] void a1(void) {} // expected-error {{unknown option 'paralel' for 'jit'; did you mean 'parallel'?}}
// FIXIT: fix-it:"{{.*}}options.c":{[[@LINE-1]]:21-[[@LINE-1]]:28}:"parallel"

__attribute__((ppar_vectorize("target=gpu"))) double a2(double x) { return x; } // expected-error {{invalid value 'gpu' for 'target' of 'vectorize'}}

// clang 19 parses a second bare word as an expression, before ppar sees it.
[[ppar::jit(parallel, nogil)]] void a3(void) {} // expected-error {{use of undeclared identifier 'nogil'}}
int nogil;
[[ppar::jit(parallel, nogil)]] void a3b(void) {} // expected-error {{write the options of 'jit' as one string}}

[[ppar::jit(42)]] void a4(void) {} // expected-error {{the options of 'jit' must be a string literal}}

[[jit("parallel")]] void a5(void) {} // expected-error {{unknown attribute 'jit'; ppar's attributes are spelled [[ppar::jit(...)]]}}

PPAR_DELAYED(nogil, eagre) double m1(double x) { return x; } // expected-error {{unknown option 'eagre' for 'delayed'; did you mean 'eager'?}}
