// vectorize needs a scalar function of arithmetic types.
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
#include <stdint.h>
struct pair { double a, b; };

#pragma ppar vectorize
double by_pointer(const double *p) { return *p; } // expected-error {{'vectorize' needs arithmetic parameters, but 'p' of 'by_pointer' has type 'const double *'}}

#pragma ppar vectorize
double by_struct(struct pair p) { return p.a; } // expected-error {{'vectorize' needs arithmetic parameters, but 'p' of 'by_struct' has type 'struct pair'}}

#pragma ppar vectorize
void returns_nothing(double x) { (void)x; } // expected-error {{'vectorize' needs an arithmetic return type, but 'returns_nothing' returns 'void'}}

#pragma ppar vectorize(target=parallel)
int64_t fine(int64_t a, float b, unsigned char c) { return a + (int64_t)b + c; }
