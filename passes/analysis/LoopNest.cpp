//===- LoopNest.cpp - Perfect nests of two independent loops -------------===//

#include "analysis/LoopNest.h"
#include "analysis/Accesses.h"
#include "analysis/Dependence.h"

using namespace clang;

namespace ppar {

std::optional<PerfectNest> perfectInner(const CanonicalLoop &Outer, const FunctionDecl *FD,
                                        Purity &P) {
  const Stmt *Body = Outer.Loop->getBody();
  if (const auto *C = dyn_cast<CompoundStmt>(Body); C && C->size() == 1)
    Body = C->body_front();
  const auto *Inner = dyn_cast<ForStmt>(Body);
  if (!Inner || mentions(Inner->getInit(), Outer.Var) ||
      mentions(Inner->getCond(), Outer.Var) || mentions(Inner->getInc(), Outer.Var))
    return std::nullopt;
  ShapeProblem Problem;
  std::optional<CanonicalLoop> Shape = checkLoopShape(Inner, Problem);
  if (!Shape || Shape->Wrap)
    return std::nullopt;
  std::optional<ScalarPlan> Scalars = classifyScalars(*Shape, FD, Problem);
  if (!Scalars || !Scalars->Private.empty() || !Scalars->LastPrivate.empty())
    return std::nullopt;
  LoopDependences Deps = testDependences(*Shape, FD, P);
  if (!Deps.independent() || !Deps.Checks.empty())
    return std::nullopt;
  return PerfectNest{std::move(*Shape), std::move(*Scalars)};
}

} // namespace ppar
