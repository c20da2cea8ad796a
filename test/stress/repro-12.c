/* repro-12: a loop marked twice, by a pragma (or PPAR_PRANGE) and by
 * [[ppar::prange]]: the OpenMP directive is put before the `for`, i.e.
 * between the attribute and its loop, which is not valid C.
 *
 *   clang-19 -fplugin=build/lib/libppar.so -Iinclude -fsyntax-only test/stress/repro-12.c
 *
 * Observed: error: an attribute list cannot appear here
 *   [[ppar::prange]] _Pragma("omp parallel for ...") for (...)
 *   (compiles without the plugin).
 * The same happens with another attribute list before [[ppar::prange]]
 * (function g): the directive lands between the two lists.
 * Expected: compiles (the duplicate mark ignored, or a ppar warning/error
 *   about it); the directive goes before the attribute list whenever the
 *   loop has one, whichever mark is chosen (Versioning.cpp directivePoint).
 */
#include <ppar.h>

#pragma ppar jit(parallel)
void f(int *a, int n) {
#pragma ppar prange
  [[ppar::prange]] for (int i = 0; i < n; i++)
    a[i] = i;
}

#pragma ppar jit(parallel)
void g(int *a, int n) {
  [[clang::nomerge]] [[ppar::prange]] for (int i = 0; i < n; i++)
    a[i] = i;
}
