//===- FixedLocals.cpp ----------------------------------------------------===//

#include "analysis/FixedLocals.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

using namespace clang;

namespace ppar {

bool FixedLocals::sameFunction(const VarDecl *V) {
  const auto *F = dyn_cast_or_null<FunctionDecl>(V->getParentFunctionOrMethod());
  if (!F || !F->hasBody())
    return false;
  if (F != Fn) {
    Fn = F;
    Body = collectAccesses(F->getBody());
    Known.clear();
  }
  return true;
}

bool FixedLocals::unchanged(const VarDecl *V) {
  if (!V->getType()->isIntegerType() || V->getType().isVolatileQualified())
    return false;
  auto It = Body.Vars.find(V);
  return It == Body.Vars.end() || (!It->second.written() && !It->second.escapes());
}

std::optional<Affine> FixedLocals::valueOf(const VarDecl *V) {
  if (!V->hasLocalStorage() || isa<ParmVarDecl>(V) || !V->getInit() ||
      !sameFunction(V) || !unchanged(V))
    return std::nullopt;
  // A label may be jumped to past the initialiser.
  if (!Body.Labels.empty())
    return std::nullopt;
  auto Hit = Known.find(V);
  if (Hit != Known.end())
    return Hit->second;
  if (!Open.insert(V).second)
    return std::nullopt;
  const FunctionDecl *F = Fn;
  auto IsParam = [&](const VarDecl *P) {
    return isa<ParmVarDecl>(P) && P->getParentFunctionOrMethod() == F && unchanged(P);
  };
  std::optional<Affine> A = toAffine(
      V->getInit(), V->getASTContext(), [](const VarDecl *) { return false; }, IsParam,
      [&](const VarDecl *L) { return valueOf(L); });
  Open.erase(V);
  Known[V] = A;
  return A;
}

} // namespace ppar
