//===- CallTouches.cpp ----------------------------------------------------===//

#include "analysis/CallTouches.h"
#include "analysis/MemberVars.h"
#include "analysis/ParamExtents.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/STLExtras.h"
#include <set>

using namespace clang;

namespace ppar {

namespace {

/// An argument `v`, `v + e` or `&v[e]`: the variable and the offset of the
/// element passed, in elements of v's pointee.
struct PassedPointer {
  const VarDecl *Var = nullptr;
  const Expr *Offset = nullptr; ///< null: 0
};

std::optional<PassedPointer> passedPointer(const Expr *Arg) {
  Arg = Arg->IgnoreParenImpCasts();
  auto VarOf = [](const Expr *E) -> const VarDecl * {
    const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const VarDecl *V = D ? dyn_cast<VarDecl>(D->getDecl()) : memberVarOf(E);
    if (!V)
      return nullptr;
    QualType T = V->getType();
    bool OneLevel = T->isPointerType() ||
                    (T->isArrayType() && !T->getArrayElementTypeNoTypeQual()->isArrayType());
    return OneLevel ? V : nullptr;
  };
  if (const VarDecl *V = VarOf(Arg))
    return PassedPointer{V, nullptr};
  if (const auto *B = dyn_cast<BinaryOperator>(Arg); B && B->getOpcode() == BO_Add)
    if (const VarDecl *V = VarOf(B->getLHS()); V && B->getRHS()->getType()->isIntegerType())
      return PassedPointer{V, B->getRHS()};
  if (const auto *U = dyn_cast<UnaryOperator>(Arg); U && U->getOpcode() == UO_AddrOf)
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(U->getSubExpr()->IgnoreParens()))
      if (const VarDecl *V = VarOf(A->getBase()))
        return PassedPointer{V, A->getIdx()};
  return std::nullopt;
}

/// The elements of the pointee, for comparing the caller's and callee's view.
QualType elementOf(QualType T, const ASTContext &Ctx) {
  if (T->isPointerType())
    return T->getPointeeType().getCanonicalType().getUnqualifiedType();
  if (const ArrayType *A = Ctx.getAsArrayType(T))
    return A->getElementType().getCanonicalType().getUnqualifiedType();
  return {};
}

/// The callee's range [First, Last] of P, over the call's arguments.
std::optional<std::pair<Affine, Affine>> rangeAtCall(const CallExpr *Call,
                                                     const FunctionDecl *Def,
                                                     const ParamExtent &E,
                                                     const AffineNest &C) {
  Affine First = E.First, Last = E.Last;
  for (unsigned I = 0; I < Def->getNumParams(); ++I) {
    const ParmVarDecl *Q = Def->getParamDecl(I);
    if (!First.mentions(Q) && !Last.mentions(Q))
      continue;
    std::optional<Affine> Arg = C.affine(Call->getArg(I));
    if (!Arg)
      return std::nullopt;
    std::optional<Affine> F = substitute(First, Q, *Arg), L = substitute(Last, Q, *Arg);
    if (!F || !L)
      return std::nullopt;
    First = *F;
    Last = *L;
  }
  return std::make_pair(First, Last);
}

} // namespace

void addCallTouches(const MemRefs &M, const AffineNest &C, Purity &P,
                    std::vector<TouchedData> &Touched) {
  // A function that calls itself is being read already: its extent is not
  // known at this point.
  static thread_local std::set<const FunctionDecl *> Reading;
  for (const CallExpr *Call : M.Calls) {
    const FunctionDecl *FD = Call->getDirectCallee();
    const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
    if (!Def || Def->isVariadic() || Call->getNumArgs() != Def->getNumParams())
      continue;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      std::optional<PassedPointer> Passed = passedPointer(Call->getArg(I));
      const ParmVarDecl *Param = Def->getParamDecl(I);
      if (!Passed || !Param->getType()->isPointerType())
        continue;
      auto It = llvm::find_if(Touched, [&](const TouchedData &T) { return T.Base == Passed->Var; });
      if (It == Touched.end()) {
        Touched.push_back(TouchedData{Passed->Var, false, false, false, {}, Call->getArg(I)});
        It = Touched.end() - 1;
        It->Range.Base = Passed->Var;
        It->Known = true; // until a piece is not
      }
      // Unknown unless every step below succeeds.
      bool Known = false;
      std::optional<ParamExtent> E;
      QualType Elem = elementOf(Passed->Var->getType(), C.Ctx);
      if (!Elem.isNull() && Elem == elementOf(Param->getType(), C.Ctx) &&
          Reading.insert(Def).second) {
        E = paramExtent(Def, Param, P);
        Reading.erase(Def);
      }
      if (E) {
        It->Read |= E->Read;
        It->Write |= E->Write;
      } else {
        It->Read = true;
        It->Write |= !Param->getType()->getPointeeType().isConstQualified();
      }
      std::optional<std::pair<Affine, Affine>> Range;
      if (E)
        Range = rangeAtCall(Call, Def, *E, C);
      std::optional<Affine> Offset = Affine{};
      if (Passed->Offset)
        Offset = C.affine(Passed->Offset);
      if (Range && Offset && It->Known && It->Range.Least.size() <= 1) {
        It->Range.Least.resize(1);
        It->Range.Most.resize(1);
        Known = corners(Range->first + *Offset, C, false, It->Range.Least[0]) &&
                corners(Range->second + *Offset, C, true, It->Range.Most[0]);
      }
      It->Known &= Known;
    }
  }
}

} // namespace ppar
