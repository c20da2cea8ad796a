// A recursive delayed function right after a preprocessor line, with no
// declaration before it: the forward declarations of its task helpers were
// put at the start of the line of `#pragma ppar delayed`, which then no
// longer began its line (error: expected identifier, and fact undeclared).
// They now go on a line of their own above the directive, and #line keeps
// the user's line numbers (checked through __LINE__). Also an #include
// between an earlier declaration and the function: the declarations must
// not go above it, nor above a #define right before a function annotated
// with PPAR_DELAYED(). Compared with the serial build.
// RUN: %cc_ppar -O1 %s -o %t %link_rt
// RUN: %cc_plain -O1 %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>
#include <ppar.h>
#pragma ppar delayed
int fact(int i) { return i < 2 ? 1 : i * fact(i - 1); }
static int line_after = __LINE__;
#include <stdint.h>
#pragma ppar delayed
static int64_t fib(int64_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
#define COUNT_T long
PPAR_DELAYED() static COUNT_T tri(COUNT_T n) { return n < 1 ? 0 : n + tri(n - 1); }
int main(void) {
  printf("%d %lld %ld %d %d\n", fact(5), (long long)fib(15), tri(9), line_after,
         __LINE__);
  return 0;
}
