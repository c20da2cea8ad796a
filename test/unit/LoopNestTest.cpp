//===- LoopNestTest.cpp - One perfect-nest predicate for both backends ---===//
//
// Parses small C functions with clang and asks analysis/LoopNest.h about
// the outermost loop of each: a perfect rectangular nest of two
// independent loops gives its inner loop (OpenMP collapses it, a CUDA
// kernel makes it a 2-D grid); a triangular nest, a second statement in
// the body, a carried inner loop, a private scalar or an overlap that only
// a run-time check excludes gives none. Also checks the typed builders of
// the runtime's GPU calls (emit/abi/Gpu.h) print the ABI's names.
//
// Prints one line per failure and "N passed, M failed"; exits 1 on failure.
//
//===----------------------------------------------------------------------===//

#include "analysis/LoopNest.h"
#include "emit/abi/Gpu.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Tooling/Tooling.h"
#include <cstdio>
#include <memory>
#include <string>

using namespace clang;
using namespace ppar;

namespace {

unsigned Passed = 0, Failed = 0;

void check(bool Ok, int Line, const std::string &What) {
  if (Ok) {
    ++Passed;
    return;
  }
  ++Failed;
  std::printf("LoopNestTest.cpp:%d: %s\n", Line, What.c_str());
}

/// The first function of Code and its first loop.
struct Parsed {
  std::unique_ptr<ASTUnit> AST;
  const FunctionDecl *FD = nullptr;
  const ForStmt *Loop = nullptr;
};

class FirstLoop : public RecursiveASTVisitor<FirstLoop> {
public:
  Parsed &P;
  explicit FirstLoop(Parsed &P) : P(P) {}
  bool VisitFunctionDecl(FunctionDecl *F) {
    if (!P.FD && F->hasBody())
      P.FD = F;
    return true;
  }
  bool VisitForStmt(ForStmt *S) {
    if (!P.Loop)
      P.Loop = S;
    return true;
  }
};

/// The nest's inner loop variable's name, "" when no perfect nest, "?"
/// when the outer loop is not canonical.
std::string innerVar(const std::string &Code) {
  Parsed P;
  P.AST = tooling::buildASTFromCodeWithArgs(Code, {"-std=c11"}, "t.c");
  FirstLoop(P).TraverseDecl(P.AST->getASTContext().getTranslationUnitDecl());
  ShapeProblem Problem;
  std::optional<CanonicalLoop> Outer = checkLoopShape(P.Loop, Problem);
  if (!Outer)
    return "?";
  Purity Pure;
  std::optional<PerfectNest> Nest = perfectInner(*Outer, P.FD, Pure);
  return Nest ? Nest->Inner.Var->getNameAsString() : "";
}

#define CHECK_NEST(Code, Want)                                                    \
  do {                                                                           \
    std::string Got = innerVar(Code);                                            \
    check(Got == (Want), __LINE__, "inner loop '" + Got + "', expected '" +       \
                                       std::string(Want) + "'");                 \
  } while (0)

#define CHECK_TEXT(Got, Want)                                                    \
  check((Got) == (Want), __LINE__, "'" + std::string(Got) + "', expected '" +   \
                                       std::string(Want) + "'")

} // namespace

int main() {
  // Perfect and rectangular, in a block or not.
  CHECK_NEST("void f(int n, int m, double *restrict a, const double *restrict b) {"
             " for (int i = 0; i < n; i++) for (int j = 0; j < m; j++)"
             " a[i * m + j] = b[i * m + j]; }",
             "j");
  CHECK_NEST("void f(int n, int m, double a[n][m]) {"
             " for (int i = 0; i < n; i++) { for (int j = 0; j < m; j++) a[i][j] = 0; } }",
             "j");
  // A reduction of the inner loop is allowed (each backend decides).
  CHECK_NEST("double f(int n, int m, const double a[n][m]) { double s = 0;"
             " for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) s += a[i][j];"
             " return s; }",
             "j");
  // Triangular: the inner bound names the outer variable.
  CHECK_NEST("void f(int n, double a[n][n]) {"
             " for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) a[i][j] = 0; }",
             "");
  // Not perfect: a statement besides the inner loop.
  CHECK_NEST("void f(int n, int m, double a[n][m], double *b) {"
             " for (int i = 0; i < n; i++) { b[i] = 0; for (int j = 0; j < m; j++) a[i][j] = 0; } }",
             "");
  // The inner loop carries a dependence.
  CHECK_NEST("void f(int n, int m, double a[n][m]) {"
             " for (int i = 0; i < n; i++) for (int j = 1; j < m; j++) a[i][j] = a[i][j - 1]; }",
             "");
  // A private scalar of the inner loop.
  CHECK_NEST("void f(int n, int m, double a[n][m]) { double t;"
             " for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) { t = j; a[i][j] = t; } }",
             "");
  // Pointers that may overlap: only a run-time check would tell.
  CHECK_NEST("void f(int n, int m, double *a, const double *b) {"
             " for (int i = 0; i < n; i++) for (int j = 0; j < m; j++)"
             " a[i * m + j] = b[i * m + j]; }",
             "");

  // The GPU group of the ABI, printed by name.
  CHECK_TEXT(abi::gpuData("c", "lo", "hi", abi::AccessMode::Read),
             "__ppar_rt_gpu_data(c, lo, hi, __PPAR_RT_ACCESS_READ)");
  CHECK_TEXT(abi::gpuLaunch("c", 1, "nx", "1", {"&a", "&b"}),
             "__ppar_rt_gpu_launch(c, 1, nx, 1, (void *[]){&a, &b})");
  CHECK_TEXT(abi::name(abi::RunTarget::Auto), "__PPAR_RT_TARGET_AUTO");
  CHECK_TEXT(abi::hostCopy("h", "u", {"lo", "hi"}),
             "__ppar_rt_host_copy(&h, u, (const void *[]){lo, hi}, 1)");
  CHECK_TEXT(abi::moduleDef("m", "f", "x.c", 3, "src", {"k0"}, {true, true}),
             "static struct __ppar_rt_module m = {\"f\", \"x.c\", 3, src, "
             "(const char *const[]){\"k0\"}, 1, __PPAR_RT_MODULE_CACHE | "
             "__PPAR_RT_MODULE_FASTMATH, 0};");

  std::printf("%u passed, %u failed\n", Passed, Failed);
  return Failed ? 1 : 0;
}
