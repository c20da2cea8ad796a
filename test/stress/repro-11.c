/* repro-11: a _Thread_local variable written in a prange loop (or used as
 * its loop variable) is put in a lastprivate/reduction clause, which OpenMP
 * forbids, so the generated code does not compile.
 *
 *   clang-19 -fplugin=build/lib/libppar.so -Iinclude -fsyntax-only test/stress/repro-11.c
 *
 * Observed: error: threadprivate or thread local variable cannot be
 *   lastprivate / cannot be reduction; and for the loop variable: loop
 *   iteration variable ... may not be threadprivate or thread local.
 *   Compiles without the plugin.
 * Expected: compiles; ppar should treat thread-local variables like any
 *   other shared state it cannot privatise (warn and keep the loop serial,
 *   or reject with a ppar error), not emit a clause OpenMP refuses.
 */
#include <ppar.h>

_Thread_local int last;
_Thread_local double total;
static _Thread_local int ti;

#pragma ppar jit(parallel)
void f(const int *a, int *b, int n) {
#pragma ppar prange
  for (int i = 0; i < n; i++) {
    last = a[i];
    b[i] = last;
    total += a[i];
  }
#pragma ppar prange
  for (ti = 0; ti < n; ti++)
    b[ti] += 1;
}
