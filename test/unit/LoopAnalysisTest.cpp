//===- LoopAnalysisTest.cpp - Affine forms, reductions and dependences ----===//
//
// Parses small C functions with clang and runs the target-independent loop
// analyses on them directly: subscripts read as affine forms, the
// operator of each reduction, the dependences a loop carries and the
// overlap checks and byte ranges it needs (printed by emit/RangeText), and
// what one iteration does with each scalar (analysis/ScalarFlow) with the
// clauses that follow.
//
// Prints one line per failure and "N passed, M failed"; exits 1 on failure.
//
//===----------------------------------------------------------------------===//

#include "analysis/Affine.h"
#include "analysis/Dependence.h"
#include "analysis/Reductions.h"
#include "analysis/ScalarFlow.h"
#include "analysis/Scalars.h"
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

/// The directions (or distances) of L's first dependence, as the report
/// prints them: "<,>" or "1,-1"; "" when L carries none.
std::string vectorOf(const LoopDependences &D, bool Distances) {
  if (D.Deps.empty())
    return "";
  std::string S;
  if (Distances)
    for (int64_t X : D.Deps.front().Distances)
      S += (S.empty() ? "" : ",") + std::to_string(X);
  else
    for (const std::string &X : D.Deps.front().Direction)
      S += (S.empty() ? "" : ",") + X;
  return S;
}

void exactDependences() {
  Unit U("void f(int n, int m, double *a, double *restrict out, const double *in,\n"
         "       double A[n][n], double c[n][n]) {\n"
         "  for (int i = 1; i < n - 1; i++)\n"          // 0: flattened, boundary
         "    for (int j = 1; j < n - 1; j++)\n"        // 1
         "      out[i*n + j] = in[(i - 1)*n + j] + in[i*n + j + 1];\n"
         "  for (int i = 1; i < n; i++)\n"              // 2
         "    for (int j = 0; j < n - 1; j++)\n"        // 3
         "      A[i][j] = A[i - 1][j + 1];\n"
         "  for (int i = 0; i < n; i++)\n"              // 4: symmetric, triangular
         "    for (int j = i; j < n; j++)\n"            // 5
         "      c[j][i] = c[i][j];\n"
         "  for (int i = 0; i < n; i++)\n"              // 6: every i writes a[0..m)
         "    for (int j = 0; j < m; j++)\n"            // 7
         "      a[j] = i;\n"
         "  for (int j = 0; j < n; j++)\n"              // 8: an index variable
         "    for (int i = 0; i < m; i++) {\n"          // 9
         "      long k = i + m*j;\n"
         "      a[k] = 2 * a[k];\n"
         "    }\n"
         "  for (int i = 0; i < n; i++)\n"              // 10: an affine if
         "    for (int j = 0; j < n; j++)\n"            // 11
         "      if (j > i)\n"
         "        c[j][i] = c[i][j];\n"
         "  for (int i = 0; i < n; i++)\n"              // 12: without it
         "    for (int j = 0; j < n; j++)\n"            // 13
         "      c[j][i] = c[i][j];\n"
         "  for (int i = 0; i < n; i += 2)\n"           // 14: a stride
         "    a[i + 1] = a[i];\n"
         "  for (int i = 0; i < n; i++)\n"              // 15: only when m != 0
         "    a[i] = a[i + m];\n"
         "  for (int i = 1; i < n; i++)\n"              // 16: 1 row, any column
         "    for (int j = 0; j < n; j++)\n"            // 17
         "      A[i][j] = A[i - 1][0];\n"
         "}\n");
  Purity P;
  auto Test = [&](size_t I) { return testDependences(shape(U.Loops[I]), U.F, P); };
  CHECK(Test(0).Deps.empty());
  CHECK(Test(1).Deps.empty());
  {
    LoopDependences D = Test(2);
    CHECK_EQ(vectorOf(D, true), "1,-1");
    CHECK_EQ(vectorOf(D, false), "<,>");
    CHECK(!D.Deps.empty() && D.Deps.front().Proven);
  }
  CHECK(Test(3).Deps.empty());
  CHECK(Test(4).Deps.empty());
  CHECK_EQ(vectorOf(Test(6), false), "<,=");
  CHECK_EQ(vectorOf(Test(6), true), "");
  CHECK(Test(8).Deps.empty());
  CHECK(Test(10).Deps.empty());
  CHECK_EQ(vectorOf(Test(12), false), "<,>");
  CHECK(Test(14).Deps.empty());
  {
    LoopDependences D = Test(15);
    CHECK_EQ(vectorOf(D, false), "<");
    CHECK(!D.Deps.empty() && !D.Deps.front().Proven);
  }
  {
    LoopDependences D = Test(16);
    CHECK_EQ(vectorOf(D, false), "<,<=");
    CHECK_EQ(vectorOf(D, true), "");
    CHECK(!D.Deps.empty() && D.Deps.front().Distance == 1);
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

/// The flow of each variable through one iteration of the first loop.
std::vector<IterationFlow> flowOf(const Unit &U, std::vector<const VarDecl *> Vars) {
  std::string Why;
  std::optional<std::vector<IterationFlow>> F = iterationFlow(U.Loops[0], U.F, Vars, Why);
  CHECK(F.has_value());
  return F ? *F : std::vector<IterationFlow>(Vars.size());
}

void scalarFlow() {
  Unit U("typedef struct { double x, y; } V2;\n"
         "double f(const int *c, double *o, int n) {\n"
         "  int p, q, r, s, t, u; V2 d, e; double a[2], b[2];\n"
         "  for (int i = 0; i < n; i++) {\n"
         "    if (c[i]) p = i; else p = -i;\n"
         "    if (c[i]) q = i;\n"
         "    switch (c[i]) { case 0: r = 1; break; default: r = 2; }\n"
         "    s = t = i;\n"
         "    d.x = p; d.y = q;\n"
         "    e.x = p;\n"
         "    a[0] = 1; a[1] = 2;\n"
         "    b[i % 2] = 3;\n"
         "    for (u = 0; u < n; u++) o[u] = a[0] + a[1] + b[0];\n"
         "    o[i] = p + q + r + s + t + d.x + d.y + e.x + e.y;\n"
         "  }\n"
         "  return s;\n"
         "}\n");
  std::vector<const VarDecl *> Vars;
  for (const char *N : {"p", "q", "r", "s", "t", "d", "e", "a", "b", "u"})
    Vars.push_back(U.var(N));
  std::vector<IterationFlow> F = flowOf(U, Vars);
  auto Exposed = [&](int I) { return F[I].ExposedRead.isValid(); };
  CHECK(!Exposed(0) && F[0].WrittenAtEnd); // p: both branches
  CHECK(Exposed(1) && !F[1].WrittenAtEnd); // q: one branch only
  CHECK(!Exposed(2) && F[2].WrittenAtEnd); // r: every path of the switch
  CHECK(!Exposed(3) && !Exposed(4));       // s = t = i
  CHECK(F[3].LiveAfter && !F[4].LiveAfter); // s is returned, t is dead
  CHECK(!Exposed(5) && F[5].WrittenAtEnd); // d: both members
  CHECK(Exposed(6) && !F[6].WrittenAtEnd); // e.y never written
  CHECK(!Exposed(7) && F[7].WrittenAtEnd); // a: both elements
  CHECK(Exposed(8));                       // b[i % 2]: no known element
  CHECK(!Exposed(9) && !F[9].LiveAfter);   // u: the inner loop's variable
  CHECK(partCount(U.var("d")->getType(), U.AST->getASTContext()) == 2);
}

/// Clauses of the first loop of a function, as classifyScalars gives them.
std::string clauses(const std::string &Code) {
  Unit U(Code);
  ShapeProblem Problem;
  std::optional<CanonicalLoop> L = checkLoopShape(U.Loops[0], Problem);
  CHECK(L.has_value());
  if (!L)
    return "";
  std::optional<ScalarPlan> P = classifyScalars(*L, U.F, Problem);
  if (!P)
    return "carried: " + Problem.Message.substr(0, Problem.Message.find(' ', 1));
  std::string Out;
  for (const Reduction &R : P->Reductions)
    Out += "reduction(" + info(R.Op).OpenMP.str() + ":" + name(R.Var) + ") ";
  for (const VarDecl *V : P->Private)
    Out += "private(" + name(V) + ") ";
  for (const VarDecl *V : P->LastPrivate)
    Out += "lastprivate(" + name(V) + ") ";
  return Out;
}

void scalarClauses() {
  // A reduction whose value is used otherwise in the loop is none.
  CHECK_EQ(clauses("void f(int *k, int n) { int j = 0;\n"
                   "  for (int i = 0; i < n; i++) k[i] = j++; }\n"),
           "carried: 'j'");
  CHECK_EQ(clauses("int f(int *k, int n) { int j = 0;\n"
                   "  for (int i = 0; i < n; i++) j += k[i]; return j; }\n"),
           "reduction(+:j) ");
  // Live after the loop: lastprivate; rewritten before any read: private.
  CHECK_EQ(clauses("int f(int *k, int n) { int i, t;\n"
                   "  for (i = 0; i < n; i++) { t = k[i]; k[i] = t * t; }\n"
                   "  return t + i; }\n"),
           "lastprivate(i) lastprivate(t) ");
  CHECK_EQ(clauses("int f(int *k, int n) { int i, t;\n"
                   "  for (i = 0; i < n; i++) { t = k[i]; k[i] = t * t; }\n"
                   "  for (i = 0; i < n; i++) { t = 2; k[i] += t; }\n"
                   "  return 0; }\n"),
           "private(t) ");
  // The chained init of an inner loop writes both of its variables.
  CHECK_EQ(clauses("void f(const double *v, double *o, int n) { int i, j; double s;\n"
                   "  for (i = 0; i < n; i++) {\n"
                   "    for (s = j = 0; j < n; j++) s += v[j];\n"
                   "    o[i] = s; } }\n"),
           "private(j) private(s) ");
}

/// Reductions into an array element: found only when asked, the element's
/// other accesses proven apart by the exact test, its mentions all updates.
void elementReductions() {
  Unit U("void f(int n, const double *w, double *restrict x, double *restrict y) {\n"
         "  for (int i = 0; i < n; i++)\n"
         "    for (int j = 0; j < i; j++)\n"      // 1: x[i], apart from x[j]
         "      x[i] -= w[j] * x[j];\n"
         "  for (int i = 0; i < n; i++)\n"
         "    for (int j = 0; j <= i; j++)\n"     // 3: x[j] reaches x[i]
         "      x[i] -= w[j] * x[j];\n"
         "  for (int i = 0; i < n; i++)\n"
         "    for (int j = 0; j < n; j++) {\n"    // 5: x[i] is read by y[j] = x[i]
         "      x[i] += w[j]; y[j] = x[i]; }\n"
         "  for (int j = 0; j < n; j++)\n"        // 6: the element moves with j
         "    x[j] += w[j];\n"
         "}\n");
  Purity P;
  auto Elements = [&](size_t I) {
    return testDependences(shape(U.Loops[I]), U.F, P, /*FindElementReductions=*/true);
  };
  {
    LoopDependences D = Elements(1);
    CHECK(D.independent());
    CHECK(D.Elements.size() == 1);
    if (D.Elements.size() == 1) {
      CHECK(D.Elements[0].Op == ReductionOp::Add);
      CHECK(D.Elements[0].Uses.size() == 1);
    }
    // Not asked for: the element is a dependence, as before.
    CHECK(!testDependences(shape(U.Loops[1]), U.F, P).independent());
  }
  {
    LoopDependences D = Elements(3);
    CHECK(D.Elements.empty() && !D.independent());
  }
  {
    LoopDependences D = Elements(5);
    CHECK(D.Elements.empty() && !D.independent());
  }
  CHECK(Elements(6).Elements.empty());
}

int main() {
  affineForms();
  elementReductions();
  reductions();
  dependences();
  exactDependences();
  wrapGuard();
  workCost();
  scalarFlow();
  scalarClauses();
  return unit::finish();
}
