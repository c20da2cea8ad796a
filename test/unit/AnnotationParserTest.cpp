//===- AnnotationParserTest.cpp - Table-driven tests of the option parser -===//
//
// Each row gives an input, the canonical text it must parse to (or none when
// an error is expected) and every diagnostic: severity, offset, length, a
// substring of the message and the fix-it. Every successful parse is also
// checked to read back from its str() unchanged, and a deterministic mutation
// loop checks the parser's invariants on thousands of damaged inputs.
//
// Prints one line per failure and "N passed, M failed"; exits 1 on failure.
//
//===----------------------------------------------------------------------===//

#include "annotations/Annotation.h"

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

using namespace ppar;

namespace {

/// Which entry point a row uses: the whole annotation, or parseOptions with
/// the given directive.
enum Mode { Whole, OptJit, OptVectorize, OptDelayed, OptPrange };

const char *const NoFix = nullptr; ///< The diagnostic must have no fix-it.

struct Expect {
  char Level; ///< 'E' or 'W'
  unsigned Offset;
  unsigned Length;
  const char *Message; ///< A substring of the message.
  const char *FixIt;   ///< NoFix, or the exact replacement text.
};

struct Case {
  int Line;
  Mode M;
  std::string Input;
  const char *Str; ///< Canonical text of the Value; nullptr: no Value.
  std::vector<Expect> Diags;
};

/// An input that holds a NUL byte.
std::string withNul(const char *Before, const char *After) {
  return std::string(Before) + std::string(1, '\0') + After;
}

#define OK(M, In, Str) {__LINE__, M, In, Str, {}}
#define WARN(M, In, Str, ...) {__LINE__, M, In, Str, {__VA_ARGS__}}
#define ERR(M, In, ...) {__LINE__, M, In, nullptr, {__VA_ARGS__}}

const std::vector<Case> &cases() {
  static const std::vector<Case> Cases = {
      // --- Valid: jit ----------------------------------------------------
      OK(Whole, "jit", "jit"),
      OK(Whole, "jit()", "jit"),
      OK(Whole, "  jit  ", "jit"),
      OK(Whole, "jit ( )", "jit"),
      OK(Whole, "jit(parallel)", "jit(parallel)"),
      OK(Whole, "jit(nogil, parallel)", "jit(parallel, nogil)"),
      OK(Whole, "jit(cache)", "jit(cache)"),
      OK(Whole, "jit(fastmath)", "jit(fastmath)"),
      OK(Whole, "jit(fastmath,cache,nogil,parallel,target=cuda)",
         "jit(parallel, nogil, cache, fastmath, target=cuda)"),
      OK(Whole, "jit(reproducible, parallel)", "jit(parallel, reproducible)"),
      OK(Whole, "jit(target=cuda,kernel,inout(a[0:n]))",
         "jit(kernel, target=cuda, inout(a[0:n]))"),
      OK(Whole, "jit(parallel,fastmath,reproducible,target=auto)",
         "jit(parallel, fastmath, reproducible, target=auto)"),
      OK(Whole, "jit( parallel , target = auto )",
         "jit(parallel, target=auto)"),
      OK(Whole, "jit(target=cpu)", "jit(target=cpu)"),
      OK(Whole, "jit(\n  parallel,\n\tnogil\r\n)", "jit(parallel, nogil)"),
      OK(Whole, "jit(target=cuda, cache)", "jit(cache, target=cuda)"),
      OK(Whole, "jit(transform=off, parallel)", "jit(parallel, transform=off)"),
      OK(Whole, "jit(parallel, transform=on)", "jit(parallel)"),
      OK(Whole, "jit(target=auto, cache)", "jit(cache, target=auto)"),
      // --- Valid: data clauses --------------------------------------------
      OK(Whole, "jit(in(x[0:n]))", "jit(in(x[0:n]))"),
      OK(Whole, "jit(out(y[0:n]))", "jit(out(y[0:n]))"),
      OK(Whole, "jit(inout(a[0:n][0:m]))", "jit(inout(a[0:n][0:m]))"),
      OK(Whole, "jit(in(m[0:rows][0:cols][0:2]))",
         "jit(in(m[0:rows][0:cols][0:2]))"),
      OK(Whole, "jit(in(x[0:n], y[0:n]), out(z[0:n]))",
         "jit(in(x[0:n]), in(y[0:n]), out(z[0:n]))"),
      OK(Whole, "jit(in(x[0:n]), parallel)", "jit(parallel, in(x[0:n]))"),
      OK(Whole, "jit(in(x[:n]))", "jit(in(x[0:n]))"),
      OK(Whole, "jit(in(s.grid[0:s.n]))", "jit(in(s.grid[0:s.n]))"),
      OK(Whole, "jit(inout(p -> v[0:p->n]), in(s . w[1:2]))",
         "jit(inout(p->v[0:p->n]), in(s.w[1:2]))"),
      OK(Whole, "jit(in(p->a . grid[0:n]), inout(w.sim.b.v[0:n]))",
         "jit(in(p->a.grid[0:n]), inout(w.sim.b.v[0:n]))"),
      OK(Whole, "jit(in(x[ : n ]))", "jit(in(x[0:n]))"),
      OK(Whole, "jit( in ( x [ 1 : n - 1 ] [ :m ] ) )",
         "jit(in(x[1:n - 1][0:m]))"),
      OK(Whole, "jit(in(x[i*2 : (n+1)/2]))", "jit(in(x[i*2:(n+1)/2]))"),
      OK(Whole, "jit(in(x[f(a, b):g(c[1], d)]))",
         "jit(in(x[f(a, b):g(c[1], d)]))"),
      OK(Whole, "jit(in(x[c ? 1 : 2 : n]))", "jit(in(x[c ? 1 : 2:n]))"),
      OK(Whole, "jit(in(x[0:n > 4 ? n : 4]))", "jit(in(x[0:n > 4 ? n : 4]))"),
      OK(Whole, "jit(in(x[(a?b:c):n]))", "jit(in(x[(a?b:c):n]))"),
      OK(Whole, "jit(in(x[a?b?1:2:3:n]))", "jit(in(x[a?b?1:2:3:n]))"),
      OK(Whole, "jit(in(x[0:s->n*sizeof(double)]))",
         "jit(in(x[0:s->n*sizeof(double)]))"),
      OK(Whole, "jit(in(x[0x1Fu:1.5e-3f]))", "jit(in(x[0x1Fu:1.5e-3f]))"),
      OK(Whole, "jit(in(x[0:sizeof((int[]){1, 2})]))",
         "jit(in(x[0:sizeof((int[]){1, 2})]))"),
      OK(Whole, "jit(in(x[~a|b&c^d:!e%f<<1>>2<=g>=h==i!=j&&k||l]))",
         "jit(in(x[~a|b&c^d:!e%f<<1>>2<=g>=h==i!=j&&k||l]))"),
      OK(Whole, "jit(in(x[0:p.n]))", "jit(in(x[0:p.n]))"),
      // --- Valid: vectorize, delayed, prange ------------------------------
      OK(Whole, "vectorize", "vectorize"),
      OK(Whole, "vectorize(target=cpu)", "vectorize(target=cpu)"),
      OK(Whole, "vectorize(target=parallel)", "vectorize(target=parallel)"),
      OK(Whole, "vectorize(target=auto)", "vectorize(target=auto)"),
      OK(Whole, "vectorize(target=cuda, name=f_vec, cache, fastmath)",
         "vectorize(cache, fastmath, target=cuda, name=f_vec)"),
      OK(Whole, "vectorize(name=_v2)", "vectorize(name=_v2)"),
      OK(Whole, "vectorize(cache, target=auto)",
         "vectorize(cache, target=auto)"),
      OK(Whole, "delayed", "delayed"),
      OK(Whole, "delayed()", "delayed"),
      OK(Whole, "delayed(nogil, eager)", "delayed(nogil, eager)"),
      OK(Whole, "delayed(eager, in(a[0:n]), out(b[0:n]))",
         "delayed(eager, in(a[0:n]), out(b[0:n]))"),
      OK(Whole, "prange", "prange"),
      OK(Whole, "prange()", "prange"),
      OK(Whole, "prange( )", "prange"),
      // --- Valid: the attribute spelling (options only) --------------------
      OK(OptJit, "parallel, nogil", "jit(parallel, nogil)"),
      OK(OptJit, "", "jit"),
      OK(OptJit, " parallel ", "jit(parallel)"),
      OK(OptVectorize, "target=cuda", "vectorize(target=cuda)"),
      OK(OptDelayed, "inout(p[0:n])", "delayed(inout(p[0:n]))"),
      OK(OptPrange, "", "prange"),
      OK(OptPrange, "  ", "prange"),

      // --- Warnings (the annotation is still valid) -------------------------
      WARN(Whole, "jit(parallel, parallel)", "jit(parallel)",
           {'W', 14, 8, "option 'parallel' given twice", NoFix}),
      WARN(Whole, "jit(target=cuda, target=cuda)", "jit(target=cuda)",
           {'W', 17, 6, "option 'target' given twice", NoFix}),
      WARN(Whole, "vectorize(name=a, name=a)", "vectorize(name=a)",
           {'W', 18, 4, "option 'name' given twice", NoFix}),
      WARN(Whole, "jit(target=cpu, cache)", "jit(target=cpu)",
           {'W', 16, 5, "'cache' has no effect with target=cpu", NoFix}),
      WARN(Whole, "vectorize(cache, target=parallel)",
           "vectorize(target=parallel)",
           {'W', 10, 5, "'cache' has no effect with target=parallel", NoFix}),
      WARN(Whole, "vectorize(target=cpu, cache)", "vectorize(target=cpu)",
           {'W', 22, 5, "'cache' has no effect with target=cpu", NoFix}),
      WARN(Whole, "jit(target=cpu, target=cpu, cache)", "jit(target=cpu)",
           {'W', 16, 6, "option 'target' given twice", NoFix},
           {'W', 28, 5, "'cache' has no effect with target=cpu", NoFix}),
      WARN(OptDelayed, "eager,eager", "delayed(eager)",
           {'W', 6, 5, "option 'eager' given twice", NoFix}),

      // --- Directives ------------------------------------------------------
      ERR(Whole, "jti",
          {'E', 0, 3, "unknown ppar directive 'jti'; did you mean 'jit'?",
           "jit"}),
      ERR(Whole, "jti(parallel)",
          {'E', 0, 3, "did you mean 'jit'?", "jit"}),
      ERR(Whole, "JIT(parallel)", {'E', 0, 3, "did you mean 'jit'?", "jit"}),
      ERR(Whole, "vectorise",
          {'E', 0, 9, "did you mean 'vectorize'?", "vectorize"}),
      ERR(Whole, "  pragne",
          {'E', 2, 6, "did you mean 'prange'?", "prange"}),
      ERR(Whole, "foo(parallel)",
          {'E', 0, 3,
           "unknown ppar directive 'foo'; expected jit, vectorize, delayed or "
           "prange",
           NoFix}),
      ERR(Whole, "", {'E', 0, 0, "expected a ppar directive", NoFix}),
      ERR(Whole, "   ", {'E', 3, 0, "expected a ppar directive", NoFix}),
      ERR(Whole, "(parallel)",
          {'E', 0, 1, "expected a ppar directive", NoFix}),
      ERR(Whole, "jit parallel",
          {'E', 4, 8, "extra text after 'jit'; options go in parentheses",
           NoFix}),

      // --- Unknown or misplaced options -------------------------------------
      ERR(Whole, "jit(paralel)",
          {'E', 4, 7, "unknown option 'paralel' for 'jit'; did you mean "
                      "'parallel'?",
           "parallel"}),
      ERR(Whole, "jit(Parallel)",
          {'E', 4, 8, "did you mean 'parallel'?", "parallel"}),
      ERR(Whole, "jit(reproducable)",
          {'E', 4, 12, "did you mean 'reproducible'?", "reproducible"}),
      ERR(Whole, "vectorize(reproducible)",
          {'E', 10, 12, "option 'reproducible' is not valid for 'vectorize'",
           NoFix}),
      ERR(Whole, "jit(fast-math)",
          {'E', 4, 9, "did you mean 'fastmath'?", "fastmath"}),
      ERR(Whole, "jit(targt=cuda)",
          {'E', 4, 5, "did you mean 'target'?", "target"}),
      ERR(Whole, "jit(inn(x[0:n]))",
          {'E', 4, 3, "did you mean 'in'?", "in"}),
      ERR(Whole, "jit(eager)",
          {'E', 4, 5,
           "option 'eager' is not valid for 'jit'; it belongs to 'delayed'",
           NoFix}),
      ERR(Whole, "vectorize(nogil)",
          {'E', 10, 5,
           "option 'nogil' is not valid for 'vectorize'; it belongs to 'jit' "
           "and 'delayed'",
           NoFix}),
      ERR(Whole, "vectorize(in(x[0:n]))",
          {'E', 10, 2, "option 'in' is not valid for 'vectorize'", NoFix}),
      ERR(Whole, "delayed(target=cuda)",
          {'E', 8, 6,
           "option 'target' is not valid for 'delayed'; it belongs to 'jit' "
           "and 'vectorize'",
           NoFix}),
      ERR(Whole, "jit(name=f)",
          {'E', 4, 4, "option 'name' is not valid for 'jit'", NoFix}),
      ERR(Whole, "jit(foo)",
          {'E', 4, 3,
           "unknown option 'foo' for 'jit'; expected parallel, nogil, cache, "
           "fastmath, reproducible, kernel, target=..., transform=..., in(...), out(...) or "
           "inout(...)",
           NoFix}),
      ERR(Whole, "vectorize(foo)",
          {'E', 10, 3, "expected cache, fastmath, target=... or name=...",
           NoFix}),
      ERR(Whole, "delayed(foo=1)",
          {'E', 8, 3, "expected nogil, eager, in(...), out(...) or inout(...)",
           NoFix}),
      ERR(Whole, "jit(cuda)",
          {'E', 4, 4, "did you mean 'target=cuda'?", "target=cuda"}),
      ERR(Whole, "vectorize(parallel)",
          {'E', 10, 8, "did you mean 'target=parallel'?", "target=parallel"}),
      ERR(Whole, "jit(x[0:n])",
          {'E', 4, 1, "array extents go in a data clause, e.g. in(x[0:n])",
           NoFix}),
      ERR(Whole, "prange(parallel)",
          {'E', 7, 8, "'prange' takes no options", NoFix}),
      ERR(Whole, "prange(a, b=3, c(x))",
          {'E', 7, 1, "'prange' takes no options", NoFix}),
      ERR(OptPrange, "x", {'E', 0, 1, "'prange' takes no options", NoFix}),

      // --- Values -----------------------------------------------------------
      ERR(Whole, "jit(transform=tiled)",
          {'E', 14, 5, "invalid value 'tiled' for 'transform'; expected 'on' or 'off'",
           NoFix}),
      ERR(Whole, "jit(target=opencl)",
          {'E', 11, 6,
           "invalid value 'opencl' for 'target' of 'jit'; expected cpu, cuda "
           "or auto",
           NoFix}),
      ERR(Whole, "jit(target=cdua)",
          {'E', 11, 4, "invalid value 'cdua' for 'target' of 'jit'; did you "
                       "mean 'cuda'?",
           "cuda"}),
      ERR(Whole, "jit(target=CUDA)",
          {'E', 11, 4, "did you mean 'cuda'?", "cuda"}),
      ERR(Whole, "vectorize(target=gpu)",
          {'E', 17, 3, "did you mean 'cuda'?", "cuda"}),
      ERR(Whole, "jit(target=parallel)",
          {'E', 11, 8, "expected cpu, cuda or auto", NoFix}),
      ERR(Whole, "vectorize(target=opencl)",
          {'E', 17, 6, "expected cpu, parallel, cuda or auto", NoFix}),
      ERR(Whole, "jit(parallel=1)",
          {'E', 12, 2, "option 'parallel' takes no value", ""}),
      ERR(Whole, "jit(parallel = false)",
          {'E', 13, 7, "option 'parallel' takes no value", NoFix}),
      ERR(Whole, "jit(parallel(4))",
          {'E', 12, 1, "option 'parallel' takes no arguments", NoFix}),
      ERR(Whole, "jit(target)",
          {'E', 4, 6, "option 'target' needs a value, e.g. target=cuda",
           NoFix}),
      ERR(Whole, "jit(target(cuda))",
          {'E', 4, 6, "option 'target' needs a value", NoFix}),
      ERR(Whole, "vectorize(name)",
          {'E', 10, 4, "option 'name' needs a value, e.g. name=", NoFix}),
      ERR(Whole, "jit(target=)",
          {'E', 11, 0, "expected a value after 'target='", NoFix}),
      ERR(Whole, "jit(target=, parallel)",
          {'E', 11, 0, "expected a value after 'target='", NoFix}),
      ERR(Whole, "jit(target=cpu, target=cuda)",
          {'E', 23, 4, "conflicting values for 'target': 'cpu' and 'cuda'",
           NoFix}),
      ERR(Whole, "vectorize(name=a, name=b)",
          {'E', 23, 1, "conflicting values for 'name': 'a' and 'b'", NoFix}),
      ERR(Whole, "vectorize(name=1abc)",
          {'E', 15, 4,
           "invalid value '1abc' for 'name' of 'vectorize'; expected a C "
           "identifier",
           NoFix}),
      ERR(Whole, "vectorize(name=a.b)",
          {'E', 15, 3, "expected a C identifier", NoFix}),
      ERR(Whole, "vectorize(name=int)",
          {'E', 15, 3, "'int' is a C keyword", NoFix}),
      ERR(Whole, "jit(target=cuda(x))",
          {'E', 15, 1, "expected ',' or ')'", NoFix}),

      // --- Data clauses ------------------------------------------------------
      ERR(Whole, "jit(in(x[0:n]), out(x[0:n]))",
          {'E', 20, 1,
           "'x' appears in both 'in' and 'out'; use inout(x[...]) instead",
           NoFix}),
      ERR(Whole, "jit(in(x[0:n]), out(y[0:n]), inout(x[0:n]))",
          {'E', 35, 1, "'x' appears in both 'in' and 'inout'", NoFix}),
      ERR(Whole, "jit(in(x[0:n], x[0:m]))",
          {'E', 15, 1, "'x' appears twice in data clauses", NoFix}),
      ERR(Whole, "delayed(out(x[0:n]), out(x[1:n]))",
          {'E', 25, 1, "'x' appears twice in data clauses", NoFix}),
      ERR(Whole, "jit(in)",
          {'E', 4, 2, "option 'in' needs a list of arrays, e.g. in(x[0:n])",
           NoFix}),
      ERR(Whole, "jit(in=x)",
          {'E', 4, 2, "option 'in' needs a list of arrays", NoFix}),
      ERR(Whole, "jit(in())",
          {'E', 6, 2, "'in(...)' needs at least one array", NoFix}),
      ERR(Whole, "jit(out( ))",
          {'E', 7, 3, "'out(...)' needs at least one array", NoFix}),
      ERR(Whole, "jit(in(x))",
          {'E', 8, 0, "expected '[lo:len]' after 'x'", NoFix}),
      ERR(Whole, "jit(in(x , y[0:n]))",
          {'E', 8, 0, "expected '[lo:len]' after 'x'", NoFix}),
      ERR(Whole, "jit(in(x[n]))",
          {'E', 8, 3, "expected ':' in the section of 'x' (write x[lo:len])",
           "[0:n]"}),
      ERR(Whole, "jit(in(x[c?1:2]))",
          {'E', 8, 7, "expected ':' in the section of 'x'", "[0:c?1:2]"}),
      ERR(Whole, "jit(in(x[0:n][0:m][]))",
          {'E', 18, 2, "expected ':' in the section of 'x'", NoFix}),
      ERR(Whole, "jit(in(x[0:]))",
          {'E', 11, 0, "empty length in the section of 'x'", NoFix}),
      ERR(Whole, "jit(in(x[ : ]))",
          {'E', 12, 0, "empty length in the section of 'x'", NoFix}),
      ERR(Whole, "jit(in(x[0:n:2]))",
          {'E', 12, 1, "unexpected ':' in the section of 'x'", NoFix}),
      ERR(Whole, "jit(in(x[0:(n]))",
          {'E', 11, 1, "unbalanced '(' in the section of 'x'", NoFix}),
      ERR(Whole, "jit(in(x[0:(n], y[0:m]))",
          {'E', 11, 1, "unbalanced '(' in the section of 'x'", NoFix}),
      ERR(Whole, "jit(in(x[0:a[i)]))",
          {'E', 12, 1, "unbalanced '[' in the section of 'x'", NoFix}),
      ERR(Whole, "jit(in(x[0:n)]))",
          {'E', 12, 1, "unexpected ')' in the section of 'x'", NoFix}),
      ERR(Whole, "jit(in(x[0:n))",
          {'E', 12, 0, "expected ']' to end the section of 'x'", "]"}),
      ERR(Whole, "jit(in(x[0:n, y[0:m]))",
          {'E', 12, 0, "expected ']' to end the section of 'x'", "]"}),
      ERR(Whole, "jit(in(x[0:n]]))", {'E', 13, 1, "unexpected ']'", ""}),
      ERR(Whole, "jit(in(x[0:n;]))",
          {'E', 12, 1, "unexpected character ';' in the section of 'x'",
           NoFix}),
      ERR(Whole, "jit(in(x[0:\"n\"]))",
          {'E', 11, 1, "unexpected character '\"'", NoFix}),
      ERR(Whole, "jit(in(x[0:n#]))",
          {'E', 12, 1, "unexpected character '#'", NoFix}),
      ERR(Whole, "jit(in(x[@:n]))",
          {'E', 9, 1, "unexpected character '@'", NoFix}),
      ERR(Whole, "jit(in(x[0:'a']))",
          {'E', 11, 1, "unexpected character '''", NoFix}),
      ERR(Whole, "jit(in(x[0:n\\]))",
          {'E', 12, 1, "unexpected character '\\'", NoFix}),
      ERR(Whole, "jit(in(x[0:\xc3\xa9]))",
          {'E', 11, 1, "unexpected character '\\xc3'", NoFix}),
      ERR(Whole, withNul("jit(in(x[0:n", "]))"),
          {'E', 12, 1, "unexpected character '\\x00'", NoFix}),
      ERR(Whole, "jit(in(1[0:n]))",
          {'E', 7, 1, "expected a variable name in 'in(...)'", NoFix}),
      ERR(Whole, "jit(in(s.[0:n]))",
          {'E', 9, 1, "expected a member name after 's.'", NoFix}),
      ERR(Whole, "jit(in(p->v))",
          {'E', 11, 0, "expected '[lo:len]' after 'p->v'", NoFix}),
      ERR(Whole, "jit(in(p->a.[0:n]))",
          {'E', 12, 1, "expected a member name after 'p->a.'", NoFix}),
      ERR(Whole, "jit(in(p->a->v[0:n]))",
          {'E', 11, 0, "expected '[lo:len]' after 'p->a'", NoFix}),
      ERR(Whole, "jit(in(*p[0:n]))",
          {'E', 7, 1, "expected a variable name in 'in(...)'", NoFix}),
      ERR(Whole, "jit(in(int[0:n]))",
          {'E', 7, 3, "found the C keyword 'int'", NoFix}),
      ERR(Whole, "jit(in(x[0:n],))",
          {'E', 13, 1, "expected a variable name", ""}),
      ERR(Whole, "jit(in(,x[0:n]))",
          {'E', 7, 1, "expected a variable name", ""}),
      ERR(Whole, "jit(in(x[0:n] y[0:n]))",
          {'E', 13, 0, "expected ',' between items", ","}),

      // --- List structure ------------------------------------------------------
      ERR(Whole, "jit(parallel", {'E', 12, 0, "expected ')'", ")"}),
      ERR(Whole, "jit(in(x[0:n]", {'E', 13, 0, "expected ')'", ")"}),
      ERR(Whole, "jit(in(x[0:n]), out(y[0:m]",
          {'E', 26, 0, "expected ')'", ")"}),
      ERR(Whole, "jit(in(x[0:n",
          {'E', 12, 0, "expected ']' to end the section of 'x'", "]"}),
      ERR(Whole, "jit(parallel))", {'E', 13, 1, "unexpected ')'", ""}),
      ERR(Whole, "jit)", {'E', 3, 1, "unexpected ')'", ""}),
      ERR(Whole, "jit(parallel) nogil",
          {'E', 14, 5, "extra text after 'jit(...)'", NoFix}),
      ERR(Whole, "jit(parallel);  ",
          {'E', 13, 1, "extra text after 'jit(...)'", NoFix}),
      ERR(Whole, "jit(parallel,,nogil)",
          {'E', 13, 1, "expected an option", ""}),
      ERR(Whole, "jit(parallel,)", {'E', 12, 1, "expected an option", ""}),
      ERR(Whole, "jit(parallel, )", {'E', 12, 1, "expected an option", ""}),
      ERR(Whole, "jit(,parallel)", {'E', 4, 1, "expected an option", ""}),
      ERR(Whole, "jit(parallel,,)", {'E', 13, 1, "expected an option", ""}),
      ERR(Whole, "jit(=3)", {'E', 4, 1, "expected an option", NoFix}),
      ERR(Whole, "jit(parallel nogil)",
          {'E', 12, 0, "expected ',' between options", ","}),
      ERR(Whole, "jit(in(x[0:n]) nogil)",
          {'E', 14, 0, "expected ',' between options", ","}),
      ERR(OptJit, "parallel)", {'E', 8, 1, "unexpected ')'", ""}),
      ERR(OptJit, "parallel]", {'E', 8, 1, "unexpected ']'", ""}),
      ERR(OptJit, "in(x[0:n]", {'E', 9, 0, "expected ')'", ")"}),
      ERR(OptJit, "parallel,", {'E', 8, 1, "expected an option", ""}),
      ERR(OptJit, "parallel nogil",
          {'E', 8, 0, "expected ',' between options", ","}),
      ERR(OptVectorize, "target=cdua",
          {'E', 7, 4, "did you mean 'cuda'?", "cuda"}),
      ERR(OptDelayed, "parallel",
          {'E', 0, 8, "option 'parallel' is not valid for 'delayed'", NoFix}),

      // --- Several errors in one annotation ------------------------------------
      ERR(Whole, "jit(paralel, nogill, target=opencl)",
          {'E', 4, 7, "did you mean 'parallel'?", "parallel"},
          {'E', 13, 6, "did you mean 'nogil'?", "nogil"},
          {'E', 28, 6, "invalid value 'opencl'", NoFix}),
      ERR(Whole, "jit(target=cpu, parallel=1, in(x[0:]))",
          {'E', 24, 2, "takes no value", ""},
          {'E', 35, 0, "empty length", NoFix}),
      // Never more than ten diagnostics.
      ERR(Whole, "jit(a,b,c,d,e,f,g,h,i,j,k,l)",
          {'E', 4, 1, "unknown option 'a'", NoFix},
          {'E', 6, 1, "unknown option 'b'", NoFix},
          {'E', 8, 1, "unknown option 'c'", NoFix},
          {'E', 10, 1, "unknown option 'd'", NoFix},
          {'E', 12, 1, "unknown option 'e'", NoFix},
          {'E', 14, 1, "unknown option 'f'", NoFix},
          {'E', 16, 1, "unknown option 'g'", NoFix},
          {'E', 18, 1, "unknown option 'h'", NoFix},
          {'E', 20, 1, "unknown option 'i'", NoFix},
          {'E', 22, 1, "unknown option 'j'", NoFix}),
      // Ten warnings fill the list; the error after them must still show.
      ERR(OptJit,
          "nogil,nogil,nogil,nogil,nogil,nogil,nogil,nogil,nogil,nogil,nogil,"
          "bad",
          {'W', 6, 5, "given twice", NoFix},
          {'W', 12, 5, "given twice", NoFix},
          {'W', 18, 5, "given twice", NoFix},
          {'W', 24, 5, "given twice", NoFix},
          {'W', 30, 5, "given twice", NoFix},
          {'W', 36, 5, "given twice", NoFix},
          {'W', 42, 5, "given twice", NoFix},
          {'W', 48, 5, "given twice", NoFix},
          {'W', 54, 5, "given twice", NoFix},
          {'E', 66, 3, "unknown option 'bad'", NoFix}),
  };
  return Cases;
}

int Passed = 0;
int Failed = 0;

void fail(int Line, const std::string &Input, const std::string &What) {
  ++Failed;
  std::printf("FAIL (line %d) [%s]: %s\n", Line, Input.c_str(), What.c_str());
}

std::string show(const AnnotationDiag &D) {
  std::string S = D.Level == AnnotationDiag::Error ? "E " : "W ";
  S += std::to_string(D.Offset) + "," + std::to_string(D.Length) + " " +
       D.Message;
  if (D.FixIt)
    S += " fixit[" + *D.FixIt + "]";
  return S;
}

ParseResult run(Mode M, const std::string &Input) {
  switch (M) {
  case Whole:
    return parseAnnotation(Input);
  case OptJit:
    return parseOptions(Directive::Jit, Input);
  case OptVectorize:
    return parseOptions(Directive::Vectorize, Input);
  case OptDelayed:
    return parseOptions(Directive::Delayed, Input);
  case OptPrange:
    return parseOptions(Directive::Prange, Input);
  }
  return parseAnnotation(Input);
}

/// The properties that hold for every input: offsets in range, Value present
/// iff no error, few diagnostics, printable messages, and a Value's str()
/// reads back with no diagnostics to the same text. Returns "" when they hold.
std::string checkInvariants(const std::string &Input, const ParseResult &R) {
  bool HasError = false;
  if (R.Diags.size() > 10)
    return "more than 10 diagnostics";
  for (const AnnotationDiag &D : R.Diags) {
    HasError |= D.Level == AnnotationDiag::Error;
    if (D.Offset > Input.size() || D.Length > Input.size() - D.Offset)
      return "diagnostic out of range: " + show(D);
    if (D.Message.empty())
      return "empty message";
    for (char C : D.Message)
      if (C < 0x20 || C > 0x7e)
        return "unprintable message: " + show(D);
  }
  if (HasError == R.Value.has_value())
    return HasError ? "Value present despite an error" : "Value absent";
  if (!R.Value)
    return "";
  std::string S = R.Value->str();
  ParseResult Again = parseAnnotation(S);
  if (!Again.Value)
    return "str() '" + S + "' does not parse";
  if (!Again.Diags.empty())
    return "str() '" + S + "' gives " + show(Again.Diags[0]);
  if (Again.Value->str() != S)
    return "str() '" + S + "' reads back as '" + Again.Value->str() + "'";
  return "";
}

void runCase(const Case &C) {
  int FailedBefore = Failed;
  ParseResult R = run(C.M, C.Input);
  std::string Broken = checkInvariants(C.Input, R);
  if (!Broken.empty())
    fail(C.Line, C.Input, Broken);
  if (C.Str && !R.Value)
    fail(C.Line, C.Input, "expected a Value");
  if (C.Str && R.Value && R.Value->str() != C.Str)
    fail(C.Line, C.Input,
         "str() is '" + R.Value->str() + "', expected '" + C.Str + "'");
  if (!C.Str && R.Value)
    fail(C.Line, C.Input, "expected an error, got '" + R.Value->str() + "'");
  if (R.Diags.size() != C.Diags.size())
    fail(C.Line, C.Input,
         std::to_string(R.Diags.size()) + " diagnostics, expected " +
             std::to_string(C.Diags.size()) +
             (R.Diags.empty() ? "" : "; first: " + show(R.Diags[0])));
  for (size_t I = 0; I < R.Diags.size() && I < C.Diags.size(); ++I) {
    const AnnotationDiag &D = R.Diags[I];
    const Expect &E = C.Diags[I];
    bool Ok = (E.Level == 'E') == (D.Level == AnnotationDiag::Error) &&
              D.Offset == E.Offset && D.Length == E.Length &&
              D.Message.find(E.Message) != std::string::npos &&
              (E.FixIt ? D.FixIt && *D.FixIt == E.FixIt : !D.FixIt);
    if (!Ok)
      fail(C.Line, C.Input,
           "diagnostic " + std::to_string(I) + " is '" + show(D) +
               "', expected " + E.Level + " " + std::to_string(E.Offset) +
               "," + std::to_string(E.Length) + " '" + E.Message + "'" +
               (E.FixIt ? std::string(" fixit[") + E.FixIt + "]" : ""));
  }
  if (Failed == FailedBefore)
    ++Passed;
}

/// Checks beyond str(): fields of the struct and the small lookup functions.
void runFieldChecks() {
  int FailedBefore = Failed;
  ParseResult R = parseAnnotation("jit(in(x[ 1 : n ][:m]), out(yy[0:n]))");
  if (!R.Value || R.Value->Data.size() != 2)
    fail(__LINE__, "fields", "expected two data clauses");
  else {
    const DataClause &X = R.Value->Data[0];
    const DataClause &Y = R.Value->Data[1];
    if (X.Name != "x" || X.Offset != 7 || X.Direction != DataDirection::In ||
        X.Sections.size() != 2 || X.Sections[0].Lo != "1" ||
        X.Sections[0].Len != "n" || X.Sections[1].Lo != "0" ||
        X.Sections[1].Len != "m")
      fail(__LINE__, "fields", "wrong first clause");
    if (Y.Name != "yy" || Y.Offset != 28 || Y.Direction != DataDirection::Out)
      fail(__LINE__, "fields", "wrong second clause");
  }
  R = parseOptions(Directive::Vectorize, "name=f2, target=parallel");
  if (!R.Value || R.Value->Kind != Directive::Vectorize ||
      R.Value->Name != "f2" || R.Value->TargetKind != Target::Parallel)
    fail(__LINE__, "fields", "wrong vectorize fields");
  R = parseAnnotation("delayed(nogil, eager)");
  if (!R.Value || !R.Value->Nogil || !R.Value->Eager || R.Value->Parallel ||
      R.Value->TargetKind)
    fail(__LINE__, "fields", "wrong delayed fields");
  for (Directive D : {Directive::Jit, Directive::Vectorize, Directive::Delayed,
                      Directive::Prange})
    if (directiveByName(directiveName(D)) != D)
      fail(__LINE__, directiveName(D), "directiveByName(directiveName(D))");
  if (directiveByName("Jit") || directiveByName(""))
    fail(__LINE__, "Jit", "directiveByName is case-sensitive");
  if (std::string(targetName(Target::Cpu)) != "cpu" ||
      std::string(targetName(Target::Parallel)) != "parallel" ||
      std::string(targetName(Target::Cuda)) != "cuda" ||
      std::string(targetName(Target::Auto)) != "auto")
    fail(__LINE__, "targetName", "wrong spelling");
  Annotation A;
  A.Kind = Directive::Prange;
  if (A.str() != "prange")
    fail(__LINE__, "str", "empty annotation prints as its directive");
  if (Failed == FailedBefore)
    ++Passed;
}

/// Damages every table input in many small ways (deterministically) and
/// checks that the invariants hold for each result.
void runMutations() {
  int FailedBefore = Failed;
  static const char Alphabet[] = "()[]{},:=?; \t\"#x0n_jit\x80";
  uint32_t Seed = 12345;
  auto Next = [&Seed] {
    Seed = Seed * 1664525u + 1013904223u;
    return Seed >> 8;
  };
  int Checked = 0;
  for (const Case &C : cases()) {
    for (int Round = 0; Round < 200 && Failed - FailedBefore < 10; ++Round) {
      std::string S = C.Input;
      for (uint32_t Edits = 1 + Next() % 3; Edits > 0; --Edits) {
        size_t Pos = S.empty() ? 0 : Next() % (S.size() + 1);
        char Ch = Alphabet[Next() % (sizeof(Alphabet) - 1)];
        switch (Next() % 3) {
        case 0:
          S.insert(Pos, 1, Ch);
          break;
        case 1:
          if (Pos < S.size())
            S.erase(Pos, 1);
          break;
        default:
          if (Pos < S.size())
            S[Pos] = Ch;
        }
      }
      Mode M = static_cast<Mode>(Next() % 5);
      std::string Broken = checkInvariants(S, run(M, S));
      if (!Broken.empty())
        fail(C.Line, S, "mutation: " + Broken);
      ++Checked;
    }
  }
  if (Failed == FailedBefore)
    ++Passed;
  std::printf("checked %d mutated inputs\n", Checked);
}

} // namespace

int main() {
  for (const Case &C : cases())
    runCase(C);
  runFieldChecks();
  runMutations();
  std::printf("%d passed, %d failed\n", Passed, Failed);
  return Failed ? 1 : 0;
}
