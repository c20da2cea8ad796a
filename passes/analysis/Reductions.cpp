//===- Reductions.cpp -----------------------------------------------------===//

#include "analysis/Reductions.h"
#include "analysis/Accesses.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

using namespace clang;

namespace ppar {

const ReductionOpInfo &info(ReductionOp Op) {
  static const ReductionOpInfo Table[] = {
      /* Add    */ {"+", "__ppar_add", false, "0", "-0.0", ""},
      /* Mul    */ {"*", "__ppar_mul", false, "1", "1", ""},
      /* BitAnd */ {"&", "__ppar_and", true, "", "", ""},
      /* BitOr  */ {"|", "__ppar_or", true, "", "", ""},
      /* BitXor */ {"^", "__ppar_xor", false, "0", "", ""},
      /* LogAnd */ {"&&", "__ppar_land", true, "", "", ""},
      /* LogOr  */ {"||", "__ppar_lor", true, "", "", ""},
      /* Min    */ {"min", "__ppar_min", true, "", "__builtin_inf()", "<"},
      /* Max    */ {"max", "__ppar_max", true, "", "-__builtin_inf()", ">"},
  };
  static_assert(std::size(Table) == size_t(ReductionOp::Max) + 1,
                "one row per operator");
  return Table[size_t(Op)];
}

bool Reduction::reordersFloat() const {
  return Var->getType()->isRealFloatingType() &&
         (Op == ReductionOp::Add || Op == ReductionOp::Mul ||
          Op == ReductionOp::Min || Op == ReductionOp::Max);
}

namespace {
/// What is reduced: a variable, or an element written the same way at every
/// mention (`x[i]`, `*sum`, `p->total`, compared by clang's profile of the
/// expression).
struct Target {
  const ASTContext &Ctx;
  const VarDecl *Var = nullptr;
  const Expr *Element = nullptr;

  /// The same expression, written twice (compared by clang's profile).
  bool same(const Expr *A, const Expr *B) const {
    llvm::FoldingSetNodeID IA, IB;
    A->IgnoreParenImpCasts()->Profile(IA, Ctx, /*Canonical=*/true);
    B->IgnoreParenImpCasts()->Profile(IB, Ctx, /*Canonical=*/true);
    return IA == IB;
  }
  /// An expression that names one object in memory: `a[i]`, `*p`, `p->f`.
  static bool access(const Stmt *S) {
    if (const auto *UO = dyn_cast<UnaryOperator>(S))
      return UO->getOpcode() == UO_Deref;
    if (const auto *ME = dyn_cast<MemberExpr>(S))
      return ME->isArrow();
    return isa<ArraySubscriptExpr>(S);
  }
  /// E is the target, through parentheses and implicit casts.
  bool is(const Expr *E) const {
    if (Var)
      return asVar(E) == Var;
    return access(E->IgnoreParenImpCasts()) && same(E, Element);
  }
  /// S itself names the target: the variable's DeclRefExpr, the element's
  /// access expression.
  bool isNode(const Stmt *S) const {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && Var)
      return DRE->getDecl() == Var;
    return !Var && access(S) && same(cast<Expr>(S), Element);
  }
  bool mentionedIn(const Stmt *S) const {
    if (!S)
      return false;
    if (Var)
      return mentions(S, Var);
    if (isNode(S))
      return true;
    for (const Stmt *C : S->children())
      if (mentionedIn(C))
        return true;
    return false;
  }
};
} // namespace

static std::optional<ReductionOp> opposite(std::optional<ReductionOp> Op) {
  if (Op == ReductionOp::Min)
    return ReductionOp::Max;
  if (Op == ReductionOp::Max)
    return ReductionOp::Min;
  return std::nullopt;
}

/// The operator of an update `V op= E` or `V = V op E`.
static std::optional<ReductionOp> updateOp(const BinaryOperator *BO, const Target &V) {
  if (!V.is(BO->getLHS()))
    return std::nullopt;
  auto noV = [&](ReductionOp Op) -> std::optional<ReductionOp> {
    if (V.mentionedIn(BO->getRHS()))
      return std::nullopt;
    return Op;
  };
  switch (BO->getOpcode()) {
  case BO_AddAssign: case BO_SubAssign:
    return noV(ReductionOp::Add);
  case BO_MulAssign: return noV(ReductionOp::Mul);
  case BO_AndAssign: return noV(ReductionOp::BitAnd);
  case BO_OrAssign:  return noV(ReductionOp::BitOr);
  case BO_XorAssign: return noV(ReductionOp::BitXor);
  case BO_Assign: break;
  default: return std::nullopt;
  }
  const auto *Op = dyn_cast<BinaryOperator>(BO->getRHS()->IgnoreParenImpCasts());
  if (!Op)
    return std::nullopt;
  const Expr *Other = nullptr;
  if (V.is(Op->getLHS()))
    Other = Op->getRHS();
  else if (V.is(Op->getRHS()) && Op->getOpcode() != BO_Sub)
    Other = Op->getLHS();
  if (!Other || V.mentionedIn(Other))
    return std::nullopt;
  switch (Op->getOpcode()) {
  case BO_Add: case BO_Sub: return ReductionOp::Add;
  case BO_Mul: return ReductionOp::Mul;
  case BO_And: return ReductionOp::BitAnd;
  case BO_Or:  return ReductionOp::BitOr;
  case BO_Xor: return ReductionOp::BitXor;
  case BO_LAnd: return ReductionOp::LogAnd;
  case BO_LOr:  return ReductionOp::LogOr;
  default: return std::nullopt;
  }
}

/// Min or Max for a call of fmin or fmax (any precision).
static std::optional<ReductionOp> minMaxCall(const Expr *E) {
  const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD || CE->getNumArgs() != 2)
    return std::nullopt;
  llvm::StringRef N = FD->getName();
  N.consume_front("__builtin_");
  if (N == "fmin" || N == "fminf" || N == "fminl")
    return ReductionOp::Min;
  if (N == "fmax" || N == "fmaxf" || N == "fmaxl")
    return ReductionOp::Max;
  return std::nullopt;
}

/// For a comparison `A op B`: Max when it holds where A is the larger
/// (`A > B`, `A >= B`), Min when A is the smaller.
static std::optional<ReductionOp> largerOf(const BinaryOperator *Cmp) {
  switch (Cmp->getOpcode()) {
  case BO_GT: case BO_GE: return ReductionOp::Max;
  case BO_LT: case BO_LE: return ReductionOp::Min;
  default: return std::nullopt;
  }
}

/// The min/max update of V: `V = fmin(V, e)`, `V = e < V ? e : V`, or
/// `if (e > V) V = e;`: Min or Max.
static std::optional<ReductionOp> minMaxUpdate(const Stmt *S, const Target &V) {
  auto Same = [&](const Expr *A, const Expr *B) { return V.same(A, B); };
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
        !V.is(Set->getLHS()) || V.mentionedIn(Set->getRHS()))
      return std::nullopt;
    std::optional<ReductionOp> Op = largerOf(Cmp); // e Op V: e is the larger for Max
    if (Same(Cmp->getLHS(), Set->getRHS()) && V.is(Cmp->getRHS()))
      return Op;
    if (Same(Cmp->getRHS(), Set->getRHS()) && V.is(Cmp->getLHS()))
      return opposite(Op);
    return std::nullopt;
  }
  const auto *BO = dyn_cast<BinaryOperator>(S);
  if (!BO || BO->getOpcode() != BO_Assign || !V.is(BO->getLHS()))
    return std::nullopt;
  const Expr *RHS = BO->getRHS()->IgnoreParenImpCasts();
  // V = fmin(V, e) or fmin(e, V)
  if (std::optional<ReductionOp> Op = minMaxCall(RHS)) {
    const auto *CE = cast<CallExpr>(RHS);
    const Expr *A = CE->getArg(0), *B = CE->getArg(1);
    if ((V.is(A) && !V.mentionedIn(B)) || (V.is(B) && !V.mentionedIn(A)))
      return Op;
    return std::nullopt;
  }
  // V = a OP b ? a : b  with {a, b} = {V, e}
  const auto *CO = dyn_cast<ConditionalOperator>(RHS);
  const auto *Cmp = CO ? dyn_cast<BinaryOperator>(CO->getCond()->IgnoreParenImpCasts()) : nullptr;
  if (!Cmp || !Cmp->isRelationalOp())
    return std::nullopt;
  const Expr *T = CO->getTrueExpr(), *F = CO->getFalseExpr();
  const Expr *L = Cmp->getLHS(), *R = Cmp->getRHS();
  bool VOnce = V.is(L) != V.is(R);
  if (!VOnce || V.mentionedIn(V.is(L) ? R : L))
    return std::nullopt;
  std::optional<ReductionOp> Op = largerOf(Cmp); // picks L when L Op R
  if (Same(T, L) && Same(F, R))
    return Op;
  if (Same(T, R) && Same(F, L))
    return opposite(Op);
  return std::nullopt;
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
static bool collectUpdates(const Stmt *S, const Target &V,
                           std::optional<ReductionOp> &Op,
                           bool Discarded = true) {
  if (!S)
    return true;
  auto Take = [&](ReductionOp This) {
    if (!Discarded || (Op && *Op != This))
      return false;
    Op = This;
    return true;
  };
  if (std::optional<ReductionOp> M = minMaxUpdate(S, V))
    return Take(*M);
  // s++, ++s, s--, --s add to s.
  if (const auto *UO = dyn_cast<UnaryOperator>(S);
      UO && UO->isIncrementDecrementOp() && V.is(UO->getSubExpr()))
    return Take(ReductionOp::Add);
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    std::optional<ReductionOp> This = updateOp(BO, V);
    if (This)
      return Take(*This); // the update's operands were checked not to mention V
    if (BO->getOpcode() == BO_Comma)
      return collectUpdates(BO->getLHS(), V, Op, true) &&
             collectUpdates(BO->getRHS(), V, Op, Discarded);
  }
  if (V.isNode(S))
    return false; // a mention that is no update
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
std::optional<ReductionOp> reductionOf(const Stmt *Body, const VarDecl *V) {
  std::optional<ReductionOp> Op;
  if (!collectUpdates(Body, Target{V->getASTContext(), V, nullptr}, Op))
    return std::nullopt;
  return Op;
}

std::optional<ReductionOp> elementReductionOf(const Stmt *Body, const Expr *Element,
                                              const ASTContext &Ctx) {
  std::optional<ReductionOp> Op;
  if (!collectUpdates(Body, Target{Ctx, nullptr, Element}, Op))
    return std::nullopt;
  return Op;
}

} // namespace ppar
