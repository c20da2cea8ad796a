/* repro-10: the GNU spelling (and so PPAR_JIT/PPAR_VECTORIZE/PPAR_DELAYED,
 * which expand to it) before a declaration without declarators (a struct,
 * union or enum definition, a forward tag declaration, an empty ';') is
 * dropped by clang before ppar sees it: no error, not even for malformed
 * options; only clang's -Wignored-attributes warning (none at all for the
 * empty declaration, nothing under -w).
 *
 *   clang-19 -fplugin=build/lib/libppar.so -Iinclude -fsyntax-only test/stress/repro-10.c
 *
 * Observed: exit 0; "warning: attribute 'ppar_jit' is ignored, place it
 *   after "struct" ..." for the first two, nothing for the third.
 * Expected: an error for each ("'jit' applies to functions ..."), as the
 *   pragma and [[ppar::jit]] spellings give (SPEC §6: each gets an error).
 */
#include <ppar.h>

PPAR_JIT(paralel) struct S { int x; };
__attribute__((ppar_jit("target=gpu"))) enum E { A };
PPAR_DELAYED(nogil, nogil, bogus) ;

int main(void) { return 0; }
