// A pragma with nothing after it is an error, not silently dropped.
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
void f(void) {}
#pragma ppar jit(parallel) // expected-error {{'#pragma ppar jit' is not followed by a function definition}}
