//===- Scalars.cpp --------------------------------------------------------===//

#include "analysis/Scalars.h"
#include "analysis/Accesses.h"
#include "analysis/ScalarFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ppar {

/// The line of L, for a message.
static std::string lineOf(const VarDecl *V, SourceLocation L) {
  const SourceManager &SM = V->getASTContext().getSourceManager();
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(L));
  return P.isValid() ? "line " + std::to_string(P.getLine()) : "elsewhere";
}

/// Why V, written in the loop, cannot have a clause at all ("" when it can).
static std::string whyNoClause(const VarDecl *V, const VarAccess &Use,
                               const ForStmt *Loop, const FunctionDecl *FD,
                               SourceLocation &At) {
  std::string Name = "'" + V->getNameAsString() + "'";
  At = Use.FirstWrite;
  if (V->getTLSKind() != VarDecl::TLS_None)
    return Name + " is thread-local: each thread would change its own copy";
  if (Use.escapes()) {
    At = Use.AddressTaken;
    return Name + " is written in the loop and its address is taken, so each "
                  "iteration may see another's value";
  }
  if (V->getType().isVolatileQualified())
    return Name + " is volatile: every access must happen as the program "
                  "orders it";
  if (SourceLocation Addr = addressTakenBefore(Loop, FD, V); Addr.isValid())
    return Name + " is written in the loop and its address is taken at " +
           lineOf(V, Addr) + ", so a pointer may reach it from any iteration";
  return "";
}

/// privateArrays, given the accesses A of L's body.
static std::vector<const VarDecl *> privateArrays(const CanonicalLoop &L,
                                                  const FunctionDecl *FD,
                                                  const Accesses &A) {
  const ASTContext &Ctx = FD->getASTContext();
  std::vector<const VarDecl *> Candidates, Out;
  for (const auto &[V, Use] : A.Vars) {
    QualType T = V->getType();
    if (V != L.Var && !A.declares(V) && Use.written() && !Use.escapes() &&
        V->hasLocalStorage() && Ctx.getAsConstantArrayType(T) &&
        writtenByParts(T, Ctx) && !Ctx.getBaseElementType(T).isVolatileQualified() &&
        addressTakenBefore(L.Loop, FD, V).isInvalid())
      Candidates.push_back(V);
  }
  std::string WhyNot;
  std::optional<std::vector<IterationFlow>> Flow;
  if (!Candidates.empty())
    Flow = iterationFlow(L.Loop, FD, Candidates, WhyNot);
  for (size_t I = 0; Flow && I < Candidates.size(); ++I)
    if ((*Flow)[I].ExposedRead.isInvalid() && !(*Flow)[I].LiveAfter)
      Out.push_back(Candidates[I]);
  return Out;
}

std::vector<const VarDecl *> privateArrays(const CanonicalLoop &L,
                                           const FunctionDecl *FD) {
  return privateArrays(L, FD, collectAccesses(L.Loop->getBody()));
}

std::optional<ScalarPlan> classifyScalars(const CanonicalLoop &L,
                                          const FunctionDecl *FD,
                                          ShapeProblem &Problem) {
  ScalarPlan Plan;
  const Stmt *Body = L.Loop->getBody();
  Accesses A = collectAccesses(Body);

  // The variables that need a clause: written in the loop, declared
  // outside it (a variable declared in the body is each iteration's own),
  // not arrays (their elements are the dependence test's), and the loop
  // variable itself when it is declared before the loop.
  std::vector<const VarDecl *> Written;
  std::vector<const VarAccess *> Uses;
  for (const auto &[V, Use] : A.Vars) {
    if (V == L.Var || A.declares(V) || !Use.written() || V->getType()->isArrayType())
      continue;
    SourceLocation At;
    if (std::string Why = whyNoClause(V, Use, L.Loop, FD, At); !Why.empty()) {
      Problem = {At, std::move(Why)};
      return std::nullopt;
    }
    Written.push_back(V);
    Uses.push_back(&Use);
  }
  std::vector<const VarDecl *> Asked = Written;
  if (!L.VarDeclaredInLoop)
    Asked.push_back(L.Var);
  std::string WhyNot;
  std::optional<std::vector<IterationFlow>> Flow =
      iterationFlow(L.Loop, FD, Asked, WhyNot);
  if (!L.VarDeclaredInLoop && (!Flow || Flow->back().LiveAfter))
    Plan.LastPrivate.push_back(L.Var);

  for (size_t I = 0; I < Written.size(); ++I) {
    const VarDecl *V = Written[I];
    const VarAccess &Use = *Uses[I];
    QualType T = V->getType();
    std::string Name = V->getNameAsString();
    std::optional<ReductionOp> Op = reductionOf(Body, V);
    if (T->isArithmeticType() && Op) {
      // OpenMP combines partial results with atomics: a type wider than
      // 8 bytes (long double, complex) would need libatomic.
      const ASTContext &Ctx = V->getASTContext();
      if (T->isAnyComplexType() || Ctx.getTypeSize(T) > 64) {
        Problem = {Use.FirstWrite, "'" + Name + "' is a reduction of type '" +
                                       T.getAsString() + "', which ppar does "
                                       "not combine in parallel"};
        return std::nullopt;
      }
      Plan.Reductions.push_back({V, *Op});
      continue;
    }
    if (!Flow) {
      Problem = {Use.FirstWrite, "'" + Name + "' is written in the loop and " + WhyNot};
      return std::nullopt;
    }
    // Private when no iteration reads a value it did not write itself;
    // lastprivate when the value after the loop is read, which must then
    // be the last iteration's on every path.
    const IterationFlow &F = (*Flow)[I];
    if (F.ExposedRead.isInvalid()) {
      if (!F.LiveAfter) {
        Plan.Private.push_back(V);
        continue;
      }
      if (F.WrittenAtEnd) {
        Plan.LastPrivate.push_back(V);
        continue;
      }
    }
    Problem = {Use.FirstWrite,
               "'" + Name + "' carries a value from one iteration to the "
               "next: it is written here and read in a later iteration" +
                   (T->isArithmeticType()
                        ? "; make it a reduction (" + Name +
                              " += ...) or assign it first in every iteration"
                        : std::string())};
    return std::nullopt;
  }
  for (const VarDecl *V : privateArrays(L, FD, A))
    Plan.Private.push_back(V);
  return Plan;
}

} // namespace ppar
