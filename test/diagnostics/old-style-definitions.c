// Old-style (K&R) definitions, `f(a, b) int a; double b; {...}`, cannot be
// rewritten: every directive says so at the definition, with the prototype
// to write instead. An empty list `f()` is fine (test/run/
// empty-parameter-lists.c), but not for vectorize, which needs parameters,
// nor a declaration `f();` that a delayed definition with parameters
// follows, nor a call of a delayed `f()` with arguments.
// RUN: %cc_ppar -std=gnu17 -Wno-deprecated-non-prototype -fsyntax-only -Xclang -verify %s
// The delayed calls are checked once the definitions are accepted:
// RUN: %cc_ppar -std=gnu17 -Wno-deprecated-non-prototype -fsyntax-only -DCALLS -Xclang -verify=calls %s
// C89 declares a function at its first call:
// RUN: %cc_ppar -std=gnu89 -w -fsyntax-only -DIMPLICIT -Xclang -verify=implicit %s

#if defined(IMPLICIT)
int early(void) { return later(2); } // implicit-error {{delayed 'later' is called before it is declared; declare it above this call: int later(int n);}}
#pragma ppar delayed
int later(int n) { return n + 1; }
#elif !defined(CALLS)

#pragma ppar jit(parallel)
double scale(a, b, n) double *a; float b; int n; { // expected-error {{'jit' cannot be applied to the old-style (K&R) definition of 'scale'; declare its parameters in the parentheses: double scale(double *a, float b, int n)}}
  double s = 0;
  for (int i = 0; i < n; i++)
    s += a[i] * b;
  return s;
}

#pragma ppar jit(parallel, target=cuda)
void zero(p, n) float *p; int n; { // expected-error {{'jit' cannot be applied to the old-style (K&R) definition of 'zero'; declare its parameters in the parentheses: void zero(float *p, int n)}}
  for (int i = 0; i < n; i++)
    p[i] = 0;
}

#pragma ppar vectorize
double twice(x) double x; { return 2 * x; } // expected-error {{'vectorize' cannot be applied to the old-style (K&R) definition of 'twice'; declare its parameters in the parentheses: double twice(double x)}}

// After a prototype, the definition is still old-style.
int next(int x);
#pragma ppar delayed
int next(x) int x; { return x + 1; } // expected-error {{'delayed' cannot be applied to the old-style (K&R) definition of 'next'; declare its parameters in the parentheses: int next(int x)}}
int use_next(void) { return next(1); }

#pragma ppar vectorize
double one() { return 1; } // expected-error {{'vectorize' maps a function over arrays of its arguments, but 'one' has no parameters}}

#else
int count(); // calls-error {{the first declaration of delayed 'count' has no prototype; write its parameters there: int count(int n)}}
#pragma ppar delayed
int count(int n) { return n; }
int use_count(void) { return count(3); }

#pragma ppar delayed
int seven() { return 7; }
int use_seven(void) { return seven(5); } // calls-error {{this call of delayed 'seven' passes 1 argument, but 'seven' takes 0}}
// calls-warning@-1 {{too many arguments in call to 'seven'}}
#endif
