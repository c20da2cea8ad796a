//===- Scalars.cpp --------------------------------------------------------===//

#include "Scalars.h"
#include "Accesses.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ppar {

static const VarDecl *asVar(const Expr *E) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

/// The reduction identifier of an update `V op= E` or `V = V op E`, or "".
static std::string updateOp(const BinaryOperator *BO, const VarDecl *V) {
  if (asVar(BO->getLHS()) != V)
    return "";
  switch (BO->getOpcode()) {
  case BO_AddAssign: case BO_SubAssign:
    return mentions(BO->getRHS(), V) ? "" : "+";
  case BO_MulAssign: return mentions(BO->getRHS(), V) ? "" : "*";
  case BO_AndAssign: return mentions(BO->getRHS(), V) ? "" : "&";
  case BO_OrAssign:  return mentions(BO->getRHS(), V) ? "" : "|";
  case BO_XorAssign: return mentions(BO->getRHS(), V) ? "" : "^";
  case BO_Assign: break;
  default: return "";
  }
  const auto *Op = dyn_cast<BinaryOperator>(BO->getRHS()->IgnoreParenImpCasts());
  if (!Op)
    return "";
  const Expr *Other = nullptr;
  if (asVar(Op->getLHS()) == V)
    Other = Op->getRHS();
  else if (asVar(Op->getRHS()) == V && Op->getOpcode() != BO_Sub)
    Other = Op->getLHS();
  if (!Other || mentions(Other, V))
    return "";
  switch (Op->getOpcode()) {
  case BO_Add: case BO_Sub: return "+";
  case BO_Mul: return "*";
  case BO_And: return "&";
  case BO_Or:  return "|";
  case BO_Xor: return "^";
  case BO_LAnd: return "&&";
  case BO_LOr:  return "||";
  default: return "";
  }
}

/// Every mention of V in S is an update with one operator: returns it, else "".
static bool collectUpdates(const Stmt *S, const VarDecl *V, std::string &Op) {
  if (!S)
    return true;
  // s++, ++s, s--, --s add to s.
  if (const auto *UO = dyn_cast<UnaryOperator>(S);
      UO && UO->isIncrementDecrementOp() && asVar(UO->getSubExpr()) == V) {
    if (!Op.empty() && Op != "+")
      return false;
    Op = "+";
    return true;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    std::string This = updateOp(BO, V);
    if (!This.empty()) {
      if (!Op.empty() && Op != This)
        return false;
      Op = This;
      return true; // the update's operands were checked not to mention V
    }
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    return DRE->getDecl() != V;
  for (const Stmt *Child : S->children())
    if (!collectUpdates(Child, V, Op))
      return false;
  return true;
}

/// `V = E` with E not naming V: a write that defines all of V.
static bool definesWhole(const Stmt *S, const VarDecl *V) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  const auto *BO = E ? dyn_cast<BinaryOperator>(E->IgnoreParens()) : nullptr;
  return BO && BO->getOpcode() == BO_Assign && asVar(BO->getLHS()) == V &&
         !mentions(BO->getRHS(), V);
}

static llvm::ArrayRef<Stmt *> statementsOf(const Stmt *&S) {
  if (const auto *C = dyn_cast<CompoundStmt>(S))
    return llvm::ArrayRef<Stmt *>(C->body_begin(), C->size());
  return llvm::ArrayRef<Stmt *>(const_cast<Stmt **>(&S), 1);
}

/// Each run of S writes all of V before anything reads it. The first
/// statement to name V must be `V = E;`, a loop `for (V = E; ...)`, a block
/// that itself writes V first, or an inner loop whose every iteration writes
/// V first; the last only when nothing after that loop names V, since the
/// loop may not run at all. Conditional is set in that case.
static bool writtenFirst(const Stmt *S, const VarDecl *V, bool &Conditional) {
  llvm::ArrayRef<Stmt *> List = statementsOf(S);
  for (size_t I = 0; I < List.size(); ++I) {
    const Stmt *First = List[I];
    if (!mentions(First, V))
      continue;
    if (definesWhole(First, V))
      return true;
    if (isa<CompoundStmt>(First))
      return writtenFirst(First, V, Conditional);
    const auto *For = dyn_cast<ForStmt>(First);
    if (!For)
      return false;
    if (definesWhole(For->getInit(), V))
      return true;
    if (mentions(For->getInit(), V) || mentions(For->getCond(), V) ||
        mentions(For->getInc(), V) || !writtenFirst(For->getBody(), V, Conditional))
      return false;
    for (const Stmt *Later : List.drop_front(I + 1))
      if (mentions(Later, V))
        return false;
    Conditional = true;
    return true;
  }
  return false;
}

/// V is named in FD after the loop ends (or lives beyond the function).
static bool usedAfter(const VarDecl *V, const ForStmt *Loop,
                      const FunctionDecl *FD) {
  if (!V->hasLocalStorage())
    return true;
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  SourceLocation End = SM.getExpansionLoc(Loop->getEndLoc());
  bool Found = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Found)
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (DRE->getDecl() == V &&
          SM.isBeforeInTranslationUnit(End, SM.getExpansionLoc(DRE->getLocation())))
        Found = true;
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(FD->getBody());
  return Found;
}

std::optional<ScalarPlan> classifyScalars(const CanonicalLoop &L,
                                          const FunctionDecl *FD,
                                          ShapeProblem &Problem) {
  ScalarPlan Plan;
  const Stmt *Body = L.Loop->getBody();
  Accesses A = collectAccesses(Body);
  if (!L.VarDeclaredInLoop && usedAfter(L.Var, L.Loop, FD))
    Plan.LastPrivate.push_back(L.Var);

  for (const auto &[V, Use] : A.Vars) {
    if (V == L.Var || A.declares(V) || !Use.written())
      continue;
    QualType T = V->getType();
    if (T->isArrayType())
      continue; // elements: a parallel loop asserts they are independent
    std::string Name = V->getNameAsString();
    if (Use.escapes()) {
      Problem = {Use.AddressTaken,
                 "'" + Name + "' is written in the loop and its address is "
                 "taken, so each iteration may see another's value"};
      return std::nullopt;
    }
    std::string Op;
    if (T->isArithmeticType() && collectUpdates(Body, V, Op) && !Op.empty()) {
      Plan.Reductions.push_back({V, Op});
      continue;
    }
    bool Conditional = false;
    if (writtenFirst(Body, V, Conditional)) {
      if (!usedAfter(V, L.Loop, FD)) {
        Plan.Private.push_back(V);
        continue;
      }
      // Its value after the loop is the last iteration's, unless that
      // iteration may not write it at all.
      if (!Conditional) {
        Plan.LastPrivate.push_back(V);
        continue;
      }
    }
    Problem = {Use.FirstWrite,
               "'" + Name + "' carries a value from one iteration to the "
               "next: it is written here and read in a later iteration; "
               "make it a reduction (" + Name + " += ...) or assign it first "
               "in every iteration"};
    return std::nullopt;
  }
  return Plan;
}

} // namespace ppar
