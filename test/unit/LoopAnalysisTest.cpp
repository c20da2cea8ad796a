//===- LoopAnalysisTest.cpp - Affine forms, reductions and dependences ----===//
//
// Parses small C functions with clang and runs the target-independent loop
// analyses on them directly: subscripts read as affine forms, the
// operator of each reduction, the dependences a loop carries and the
// overlap checks and byte ranges it needs (printed by emit/RangeText).
//
// Prints one line per failure and "N passed, M failed"; exits 1 on failure.
//
//===----------------------------------------------------------------------===//

#include "analysis/Affine.h"
#include "analysis/Dependence.h"
#include "analysis/Reductions.h"
#include "analysis/WorkCost.h"
#include "emit/RangeText.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Tooling/Tooling.h"
#include "Check.h"
#include <cstdio>
#include <memory>
#include <string>

using namespace clang;
using namespace ppar;

namespace {


/// One C translation unit and the pieces of its function `f`.
struct Unit {
  std::unique_ptr<ASTUnit> AST;
  const FunctionDecl *F = nullptr;
  std::vector<const ForStmt *> Loops; ///< in source order
  std::vector<const ArraySubscriptExpr *> Subscripts;

  explicit Unit(const std::string &Code)
      : AST(tooling::buildASTFromCodeWithArgs(Code, {"-xc", "-std=c11"}, "t.c")) {
    struct Finder : RecursiveASTVisitor<Finder> {
      Unit &U;
      explicit Finder(Unit &U) : U(U) {}
      bool VisitFunctionDecl(FunctionDecl *D) {
        if (D->getName() == "f" && D->hasBody())
          U.F = D;
        return true;
      }
      bool VisitForStmt(ForStmt *S) {
        U.Loops.push_back(S);
        return true;
      }
      bool VisitArraySubscriptExpr(ArraySubscriptExpr *E) {
        U.Subscripts.push_back(E);
        return true;
      }
    } Find(*this);
    Find.TraverseDecl(AST->getASTContext().getTranslationUnitDecl());
  }
  const VarDecl *var(llvm::StringRef Name) const {
    for (const Decl *D : F->decls())
      if (const auto *V = dyn_cast<VarDecl>(D); V && V->getName() == Name)
        return V;
    for (const ParmVarDecl *P : F->parameters())
      if (P->getName() == Name)
        return P;
    return nullptr;
  }
};

std::string name(const VarDecl *V) { return V->getNameAsString(); }

void affineForms() {
  Unit U("void f(double *a, int n, int m) {\n"
         "  for (int i = 0; i < n; i++)\n"
         "    for (int j = 0; j < m; j++)\n"
         "      a[2*i*n + j - 3] = a[i*i];\n"
         "}\n");
  const ASTContext &Ctx = U.AST->getASTContext();
  CHECK(U.Subscripts.size() == 2);
  auto IsLoop = [&](const VarDecl *V) { return V->getName() == "i" || V->getName() == "j"; };
  auto Invariant = [&](const VarDecl *) { return true; };
  std::optional<Affine> A = toAffine(U.Subscripts[0]->getIdx(), Ctx, IsLoop, Invariant);
  CHECK(A.has_value());
  if (A) {
    CHECK_EQ(A->str(name), "2*i*n + j - 3");
    CHECK(A->Constant == -3);
  }
  // i*i multiplies two loop variables: not affine.
  CHECK(!toAffine(U.Subscripts[1]->getIdx(), Ctx, IsLoop, Invariant));
}

void reductions() {
  Unit U("int g(int);\n"
         "void f(const double *x, int *k, int n) {\n"
         "  double s = 0, p = 1, hi = 0; int c = 0, j = 0;\n"
         "  for (int i = 0; i < n; i++) {\n"
         "    s += x[i]; p = p * x[i]; c++;\n"
         "    if (x[i] > hi) hi = x[i];\n"
         "    k[i] = j++;\n"
         "  }\n"
         "}\n");
  const Stmt *Body = U.Loops[0]->getBody();
  auto Op = [&](const char *V) { return reductionOf(Body, U.var(V)); };
  CHECK(Op("s") == ReductionOp::Add);
  CHECK(Op("p") == ReductionOp::Mul);
  CHECK(Op("c") == ReductionOp::Add);
  CHECK(Op("hi") == ReductionOp::Max);
  CHECK(!Op("j")); // its value is read: k[i] = j++
  CHECK_EQ(info(ReductionOp::Max).OpenMP.str(), "max");
  CHECK_EQ(info(ReductionOp::Mul).Identity.str(), "1");
  CHECK((Reduction{U.var("s"), ReductionOp::Add}.reordersFloat()));
  CHECK(!(Reduction{U.var("c"), ReductionOp::Add}.reordersFloat()));
}

CanonicalLoop shape(const ForStmt *F) {
  ShapeProblem Problem;
  std::optional<CanonicalLoop> L = checkLoopShape(F, Problem);
  CHECK(L.has_value());
  return *L;
}

void dependences() {
  Unit U("void f(double *a, double *b, int n) {\n"
         "  for (int i = 1; i < n; i++)\n"
         "    a[i] += a[i - 1];\n"
         "  for (int i = 0; i < n; i++)\n"
         "    a[i] = b[i] * 2;\n"
         "}\n");
  Purity P;
  {
    LoopDependences D = testDependences(shape(U.Loops[0]), U.F, P);
    CHECK(!D.independent());
    CHECK(!D.Deps.empty() && D.Deps.front().Proven && D.Deps.front().Distance == 1);
  }
  {
    LoopDependences D = testDependences(shape(U.Loops[1]), U.F, P);
    CHECK(D.independent());
    CHECK(D.Checks.size() == 1);
    if (D.Checks.size() == 1) {
      CHECK_EQ(overlapCheckText(D.Checks[0]),
               "__ppar_rt_disjoint(&a[0], &a[n - 1] + 1, &b[0], &b[n - 1] + 1)");
    }
    CHECK(D.WrittenKnown && D.Written.size() == 1);
    if (D.Written.size() == 1)
      CHECK_EQ(regionText(D.Written[0]), "{&a[0], &a[n - 1] + 1, 'f', 8, \"a\"}");
    CHECK(D.Touched.size() == 2 && D.Touched[0].Known);
  }
}

void wrapGuard() {
  Unit U("void f(double *restrict a, unsigned n) {\n"
         "  for (unsigned i = 0; i <= n; i++)\n"
         "    a[i] = 0;\n"
         "}\n");
  CanonicalLoop L = shape(U.Loops[0]);
  CHECK(L.Wrap.has_value());
  if (L.Wrap)
    CHECK_EQ(wrapGuardText(*L.Wrap), "(unsigned int)(n) <= 4294967294ULL");
}

/// Operations of one iteration (analysis/WorkCost): a load, store or
/// arithmetic operation is 1, index arithmetic inside a subscript 0, a
/// division 4, a call 8; a row `A[i]` of a 2-D array is no load.
void workCost() {
  Unit U("double sqrt(double);\n"
         "void f(int n, double *y, const double *x, double A[n][n]) {\n"
         "  for (int i = 0; i < n; i++)\n"
         "    y[i] = 2.0 * x[i] + y[i];\n"
         "  for (int i = 1; i < n - 1; i++)\n"
         "    A[i][i] = A[i - 1][i + 1] / sqrt(x[i * n + 1]);\n"
         "}\n");
  CHECK_EQ(std::to_string(operationsOf(U.Loops[0]->getBody())), "5");
  CHECK_EQ(std::to_string(operationsOf(U.Loops[0])), "7"); // with the test and the step
  CHECK_EQ(std::to_string(operationsOf(U.Loops[1]->getBody())),
           std::to_string(3 + cost::Division + cost::MathCall));
}

} // namespace

int main() {
  affineForms();
  reductions();
  dependences();
  wrapGuard();
  workCost();
  return unit::finish();
}
