// jit's transform option takes on or off (docs/passes/transform.md), in every
// spelling; anything else is an error at the value.
// RUN: %cc_ppar -std=c23 -fsyntax-only -Xclang -verify %s

#include <ppar.h>

#pragma ppar jit(parallel, transform=tiled) // expected-error {{invalid value 'tiled' for 'transform'; expected 'on' or 'off'}}
void f1(void) {}

#pragma ppar jit(parallel, transform) // expected-error {{option 'transform' needs a value, e.g. transform=off}}
void f2(void) {}

#pragma ppar vectorize(transform=off) // expected-error {{option 'transform' is not valid for 'vectorize'}}
double f3(double x) { return x; }

[[ppar::jit("parallel, transform=no")]] void a1(void) {} // expected-error {{invalid value 'no' for 'transform'; expected 'on' or 'off'}}

__attribute__((ppar_jit("parallel, transform=off"))) void a2(void) {}

#pragma ppar jit(parallel, transform=on)
void f4(void) {}
