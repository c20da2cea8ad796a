//===- Scalars.cpp --------------------------------------------------------===//

#include "Scalars.h"
#include "Accesses.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include <functional>

using namespace clang;

namespace ppar {

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

/// "min" or "max" for fmin/fmax (any precision), else "".
static std::string minMaxCall(const Expr *E) {
  const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || CE->getNumArgs() != 2)
    return "";
  llvm::StringRef N = FD->getName();
  N.consume_front("__builtin_");
  if (N == "fmin" || N == "fminf" || N == "fminl")
    return "min";
  if (N == "fmax" || N == "fmaxf" || N == "fmaxl")
    return "max";
  return "";
}

/// For a comparison `A op B`: "max" when it holds where A is the larger
/// (`A > B`, `A >= B`), "min" when A is the smaller, else "".
static std::string largerOf(const BinaryOperator *Cmp) {
  switch (Cmp->getOpcode()) {
  case BO_GT: case BO_GE: return "max";
  case BO_LT: case BO_LE: return "min";
  default: return "";
  }
}

/// The min/max update of V: `V = fmin(V, e)`, `V = e < V ? e : V`, or
/// `if (e > V) V = e;`. Returns "min", "max" or "".
static std::string minMaxUpdate(const Stmt *S, const VarDecl *V) {
  // The same expression, written twice (compared by clang's profile).
  const ASTContext &Ctx = V->getASTContext();
  auto Same = [&](const Expr *A, const Expr *B) {
    llvm::FoldingSetNodeID IA, IB;
    A->IgnoreParenImpCasts()->Profile(IA, Ctx, /*Canonical=*/true);
    B->IgnoreParenImpCasts()->Profile(IB, Ctx, /*Canonical=*/true);
    return IA == IB;
  };
  // if (e > V) V = e;   (no else)
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    const Stmt *Then = If->getThen();
    if (const auto *C = dyn_cast<CompoundStmt>(Then); C && C->size() == 1)
      Then = C->body_front();
    const auto *Cmp = dyn_cast<BinaryOperator>(If->getCond()->IgnoreParenImpCasts());
    const auto *Set = dyn_cast_or_null<BinaryOperator>(
        dyn_cast_or_null<Expr>(Then) ? cast<Expr>(Then)->IgnoreParens() : nullptr);
    if (If->getElse() || If->getInit() || If->getConditionVariable() || !Cmp ||
        !Cmp->isRelationalOp() || !Set || Set->getOpcode() != BO_Assign ||
        asVar(Set->getLHS()) != V || mentions(Set->getRHS(), V))
      return "";
    std::string Op = largerOf(Cmp); // when e Op V: e is the larger for "max"
    if (Same(Cmp->getLHS(), Set->getRHS()) && asVar(Cmp->getRHS()) == V)
      return Op;
    if (Same(Cmp->getRHS(), Set->getRHS()) && asVar(Cmp->getLHS()) == V)
      return Op == "max" ? "min" : Op == "min" ? "max" : "";
    return "";
  }
  const auto *BO = dyn_cast<BinaryOperator>(S);
  if (!BO || BO->getOpcode() != BO_Assign || asVar(BO->getLHS()) != V)
    return "";
  const Expr *RHS = BO->getRHS()->IgnoreParenImpCasts();
  // V = fmin(V, e) or fmin(e, V)
  if (std::string Op = minMaxCall(RHS); !Op.empty()) {
    const auto *CE = cast<CallExpr>(RHS);
    const Expr *A = CE->getArg(0), *B = CE->getArg(1);
    if ((asVar(A) == V && !mentions(B, V)) || (asVar(B) == V && !mentions(A, V)))
      return Op;
    return "";
  }
  // V = a OP b ? a : b  with {a, b} = {V, e}
  const auto *CO = dyn_cast<ConditionalOperator>(RHS);
  const auto *Cmp = CO ? dyn_cast<BinaryOperator>(CO->getCond()->IgnoreParenImpCasts()) : nullptr;
  if (!Cmp || !Cmp->isRelationalOp())
    return "";
  const Expr *T = CO->getTrueExpr(), *F = CO->getFalseExpr();
  const Expr *L = Cmp->getLHS(), *R = Cmp->getRHS();
  bool VOnce = (asVar(L) == V) != (asVar(R) == V);
  if (!VOnce || mentions(asVar(L) == V ? R : L, V))
    return "";
  std::string Op = largerOf(Cmp); // picks L when L Op R
  if (Same(T, L) && Same(F, R))
    return Op;
  if (Same(T, R) && Same(F, L))
    return Op == "max" ? "min" : Op == "min" ? "max" : "";
  return "";
}

/// Whether the value of Child, a child of S, is thrown away: sub-statements
/// are, conditions, initialisers and operands are not. Discarded says
/// whether S's own value is (a GNU statement expression's last statement
/// gives the value of the whole).
static bool discardsValue(const Stmt *S, const Stmt *Child, bool Discarded) {
  if (isa<Expr>(S) || isa<ReturnStmt>(S) || isa<DeclStmt>(S))
    return false;
  if (const auto *C = dyn_cast<CompoundStmt>(S))
    return Discarded || Child != C->body_back();
  if (const auto *If = dyn_cast<IfStmt>(S))
    return Child != If->getCond();
  if (const auto *W = dyn_cast<WhileStmt>(S))
    return Child != W->getCond();
  if (const auto *D = dyn_cast<DoStmt>(S))
    return Child != D->getCond();
  if (const auto *F = dyn_cast<ForStmt>(S))
    return Child != F->getCond();
  if (const auto *Sw = dyn_cast<SwitchStmt>(S))
    return Child != Sw->getCond();
  if (const auto *Case = dyn_cast<CaseStmt>(S))
    return Child == Case->getSubStmt();
  return isa<LabelStmt>(S) || isa<DefaultStmt>(S) || isa<AttributedStmt>(S);
}

/// Every mention of V in S is an update with one operator, made where its
/// value is discarded (a statement, a for increment, the left of a comma):
/// `k[i] = j++` or `m[i] = (t += 2)` reads V and is no reduction. Returns
/// false when some mention is not such an update; Op gets the operator.
static bool collectUpdates(const Stmt *S, const VarDecl *V, std::string &Op,
                           bool Discarded = true) {
  if (!S)
    return true;
  auto Take = [&](const std::string &This) {
    if (!Discarded || (!Op.empty() && Op != This))
      return false;
    Op = This;
    return true;
  };
  if (std::string M = minMaxUpdate(S, V); !M.empty())
    return Take(M);
  // s++, ++s, s--, --s add to s.
  if (const auto *UO = dyn_cast<UnaryOperator>(S);
      UO && UO->isIncrementDecrementOp() && asVar(UO->getSubExpr()) == V)
    return Take("+");
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    std::string This = updateOp(BO, V);
    if (!This.empty())
      return Take(This); // the update's operands were checked not to mention V
    if (BO->getOpcode() == BO_Comma)
      return collectUpdates(BO->getLHS(), V, Op, true) &&
             collectUpdates(BO->getRHS(), V, Op, Discarded);
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    return DRE->getDecl() != V;
  // Parentheses and a cast to void keep the value discarded.
  if (const auto *PE = dyn_cast<ParenExpr>(S))
    return collectUpdates(PE->getSubExpr(), V, Op, Discarded);
  if (const auto *CE = dyn_cast<CStyleCastExpr>(S); CE && CE->getType()->isVoidType())
    return collectUpdates(CE->getSubExpr(), V, Op, true);
  for (const Stmt *Child : S->children())
    if (!collectUpdates(Child, V, Op, discardsValue(S, Child, Discarded)))
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

/// Where each variable of FD is named last.
static llvm::DenseMap<const VarDecl *, SourceLocation>
lastUses(const FunctionDecl *FD) {
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  llvm::DenseMap<const VarDecl *, SourceLocation> Last;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
        SourceLocation L = SM.getExpansionLoc(DRE->getLocation());
        SourceLocation &Slot = Last[V];
        if (Slot.isInvalid() || SM.isBeforeInTranslationUnit(Slot, L))
          Slot = L;
      }
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(FD->getBody());
  return Last;
}

std::optional<ScalarPlan> classifyScalars(const CanonicalLoop &L,
                                          const FunctionDecl *FD,
                                          ShapeProblem &Problem) {
  ScalarPlan Plan;
  const Stmt *Body = L.Loop->getBody();
  Accesses A = collectAccesses(Body);
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  llvm::DenseMap<const VarDecl *, SourceLocation> Last = lastUses(FD);
  SourceLocation LoopEnd = SM.getExpansionLoc(L.Loop->getEndLoc());
  // Named after the loop ends, or living beyond the function.
  auto usedAfter = [&](const VarDecl *V) {
    auto It = Last.find(V);
    return !V->hasLocalStorage() ||
           (It != Last.end() && SM.isBeforeInTranslationUnit(LoopEnd, It->second));
  };
  if (!L.VarDeclaredInLoop && usedAfter(L.Var))
    Plan.LastPrivate.push_back(L.Var);

  for (const auto &[V, Use] : A.Vars) {
    if (V == L.Var || A.declares(V) || !Use.written())
      continue;
    QualType T = V->getType();
    if (T->isArrayType())
      continue; // elements: a parallel loop asserts they are independent
    std::string Name = V->getNameAsString();
    if (V->getTLSKind() != VarDecl::TLS_None) {
      Problem = {Use.FirstWrite, "'" + Name + "' is thread-local: each thread "
                                 "would change its own copy"};
      return std::nullopt;
    }
    if (Use.escapes()) {
      Problem = {Use.AddressTaken,
                 "'" + Name + "' is written in the loop and its address is "
                 "taken, so each iteration may see another's value"};
      return std::nullopt;
    }
    std::string Op;
    if (T->isArithmeticType() && collectUpdates(Body, V, Op) && !Op.empty()) {
      // OpenMP combines partial results with atomics: a type wider than
      // 8 bytes (long double, complex) would need libatomic.
      const ASTContext &Ctx = V->getASTContext();
      if (T->isAnyComplexType() || Ctx.getTypeSize(T) > 64) {
        Problem = {Use.FirstWrite, "'" + Name + "' is a reduction of type '" +
                                       T.getAsString() + "', which ppar does "
                                       "not combine in parallel"};
        return std::nullopt;
      }
      Plan.Reductions.push_back({V, Op});
      continue;
    }
    bool Conditional = false;
    if (writtenFirst(Body, V, Conditional)) {
      if (!usedAfter(V)) {
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
               "next: it is written here and read in a later iteration" +
                   (T->isArithmeticType()
                        ? "; make it a reduction (" + Name +
                              " += ...) or assign it first in every iteration"
                        : std::string())};
    return std::nullopt;
  }
  return Plan;
}

} // namespace ppar
