//===- LoopShape.cpp ------------------------------------------------------===//

#include "analysis/LoopShape.h"
#include "analysis/Accesses.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringExtras.h"
#include <vector>

using namespace clang;

namespace ppar {

/// The assignments of an init `a = b = lo`, outermost first: a chain of
/// them sets several variables.
static std::vector<const BinaryOperator *> initChain(const Stmt *Init) {
  std::vector<const BinaryOperator *> Chain;
  const auto *BO = dyn_cast_or_null<BinaryOperator>(Init);
  while (BO && BO->getOpcode() == BO_Assign && asVar(BO->getLHS())) {
    Chain.push_back(BO);
    BO = dyn_cast<BinaryOperator>(BO->getRHS()->IgnoreParenImpCasts());
  }
  return Chain;
}

static const Expr *boundOf(const Expr *Cond, const VarDecl *Var,
                           BinaryOperatorKind &Cmp);
static const Expr *stepOf(const Expr *Inc, const VarDecl *Var);

/// The variable the init statement sets, and the assignment that sets it
/// (null for a declaration). Of a chain `sum = j = 0` it is the one the
/// condition and the increment name (j), else the innermost.
static const VarDecl *initVar(const ForStmt *Loop, bool &Declared,
                              const BinaryOperator **Sets = nullptr) {
  const Stmt *Init = Loop->getInit();
  Declared = false;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(Init)) {
    if (!DS->isSingleDecl())
      return nullptr;
    const auto *V = dyn_cast<VarDecl>(DS->getSingleDecl());
    if (!V || !V->getInit())
      return nullptr;
    Declared = true;
    return V;
  }
  std::vector<const BinaryOperator *> Chain = initChain(Init);
  if (Chain.empty())
    return nullptr;
  const BinaryOperator *Found = Chain.back();
  for (auto It = Chain.rbegin(); It != Chain.rend(); ++It) {
    BinaryOperatorKind Cmp;
    const VarDecl *V = asVar((*It)->getLHS());
    if (boundOf(Loop->getCond(), V, Cmp) && stepOf(Loop->getInc(), V)) {
      Found = *It;
      break;
    }
  }
  if (Sets)
    *Sets = Found;
  return asVar(Found->getLHS());
}

/// The expression the condition compares Var with, or null; Cmp is set so
/// that the condition reads `Var Cmp bound`.
static const Expr *boundOf(const Expr *Cond, const VarDecl *Var,
                           BinaryOperatorKind &Cmp) {
  const auto *BO = dyn_cast_or_null<BinaryOperator>(Cond ? Cond->IgnoreParenImpCasts() : nullptr);
  if (!BO)
    return nullptr;
  switch (BO->getOpcode()) {
  case BO_LT: case BO_LE: case BO_GT: case BO_GE: case BO_NE:
    break;
  default:
    return nullptr;
  }
  if (asVar(BO->getLHS()) == Var && !mentions(BO->getRHS(), Var)) {
    Cmp = BO->getOpcode();
    return BO->getRHS();
  }
  if (asVar(BO->getRHS()) == Var && !mentions(BO->getLHS(), Var)) {
    Cmp = BinaryOperator::reverseComparisonOp(BO->getOpcode());
    return BO->getLHS();
  }
  return nullptr;
}

/// The step expression of `i++`, `i += s`, `i = i + s`...; for ++/-- the
/// increment itself. Null when the increment is not of such a form.
static const Expr *stepOf(const Expr *Inc, const VarDecl *Var) {
  if (!Inc)
    return nullptr;
  Inc = Inc->IgnoreParens();
  if (const auto *UO = dyn_cast<UnaryOperator>(Inc))
    return UO->isIncrementDecrementOp() && asVar(UO->getSubExpr()) == Var ? Inc
                                                                          : nullptr;
  const auto *BO = dyn_cast<BinaryOperator>(Inc);
  if (!BO || asVar(BO->getLHS()) != Var)
    return nullptr;
  if (BO->getOpcode() == BO_AddAssign || BO->getOpcode() == BO_SubAssign)
    return mentions(BO->getRHS(), Var) ? nullptr : BO->getRHS();
  if (BO->getOpcode() != BO_Assign)
    return nullptr;
  const auto *Sum = dyn_cast<BinaryOperator>(BO->getRHS()->IgnoreParenImpCasts());
  if (!Sum || (Sum->getOpcode() != BO_Add && Sum->getOpcode() != BO_Sub))
    return nullptr;
  if (asVar(Sum->getLHS()) == Var && !mentions(Sum->getRHS(), Var))
    return Sum->getRHS();
  if (Sum->getOpcode() == BO_Add && asVar(Sum->getRHS()) == Var &&
      !mentions(Sum->getLHS(), Var))
    return Sum->getLHS();
  return nullptr;
}

static const char *exitWord(const Stmt *S) {
  if (isa<BreakStmt>(S))
    return "break";
  if (isa<ReturnStmt>(S))
    return "return";
  return "goto";
}

/// The constant step of an increment, +1/-1 for ++/--.
static std::optional<int64_t> constStep(const Expr *Inc, const Expr *Step,
                                        const ASTContext &Ctx) {
  Inc = Inc->IgnoreParens();
  if (const auto *UO = dyn_cast<UnaryOperator>(Inc))
    return UO->isIncrementOp() ? 1 : -1;
  Expr::EvalResult R;
  if (!Step->EvaluateAsInt(R, Ctx) || R.Val.getInt().getSignificantBits() > 63)
    return std::nullopt;
  int64_t V = R.Val.getInt().getExtValue();
  const auto *BO = cast<BinaryOperator>(Inc);
  bool Minus = BO->getOpcode() == BO_SubAssign ||
               (BO->getOpcode() == BO_Assign &&
                cast<BinaryOperator>(BO->getRHS()->IgnoreParenImpCasts())->getOpcode() == BO_Sub);
  return Minus ? -V : V;
}

std::optional<LoopHeader> readHeader(const ForStmt *Loop) {
  LoopHeader H;
  const BinaryOperator *Sets = nullptr;
  H.Var = initVar(Loop, H.Declared, &Sets);
  if (!H.Var)
    return std::nullopt;
  QualType T = H.Var->getType().getCanonicalType();
  if (!T->isIntegerType() || T->isBooleanType())
    return std::nullopt;
  if (H.Declared)
    H.Init = H.Var->getInit();
  else
    H.Init = Sets->getRHS();
  H.Bound = boundOf(Loop->getCond(), H.Var, H.Cmp);
  H.Step = stepOf(Loop->getInc(), H.Var);
  if (!H.Bound || !H.Step)
    return std::nullopt;
  H.ConstStep = constStep(Loop->getInc(), H.Step, H.Var->getASTContext());
  return H;
}

/// Whether the variable of H may wrap around. OpenMP computes the trip
/// count as if it never did; C lets an unsigned variable wrap (and one
/// narrower than int, converted back after each step):
/// `for (unsigned char g = 9; g >= 4; g -= 5)` runs 53 times in C (9, 4,
/// 255, 250, ...) and twice under OpenMP. Returns "" when it cannot wrap,
/// else why it may; Guard gets a run-time condition under which it cannot,
/// when one can be written.
static std::string mayWrap(const LoopHeader &H, std::optional<WrapGuard> &Guard) {
  const ASTContext &Ctx = H.Var->getASTContext();
  QualType T = H.Var->getType().getCanonicalType();
  unsigned Bits = Ctx.getIntWidth(T);
  bool Unsigned = T->isUnsignedIntegerType();
  if (!Unsigned && Bits >= Ctx.getIntWidth(Ctx.IntTy))
    return ""; // signed overflow is undefined: it does not happen
  std::string Why = "has the type '" + T.getAsString() +
                    "' and may wrap around, which OpenMP's trip count does "
                    "not follow; use a signed type of int's width or wider";
  if (!H.ConstStep)
    return Why;
  auto Wide = [](const llvm::APSInt &V) {
    llvm::APSInt W = V.extend(128); // by its own signedness
    W.setIsSigned(true);
    return W;
  };
  llvm::APSInt Step = Wide(llvm::APSInt::get(*H.ConstStep));
  llvm::APSInt One = Wide(llvm::APSInt::get(1));
  // The last value the loop runs with is at most (least) the bound, or one
  // short of it; the step after it must stay inside T: the bound may be at
  // most (least) Limit.
  bool Up = H.Cmp == BO_LT || H.Cmp == BO_LE;
  llvm::APSInt Limit = Up ? Wide(llvm::APSInt::getMaxValue(Bits, Unsigned)) - Step
                          : Wide(llvm::APSInt::getMinValue(Bits, Unsigned)) - Step;
  if (H.Cmp == BO_LT)
    Limit += One;
  else if (H.Cmp == BO_GT)
    Limit -= One;
  else if (H.Cmp != BO_LE && H.Cmp != BO_GE)
    return Why; // `!=`: from a start beyond the bound, C wraps to reach it
  // The bound as the comparison sees it: converted to the common type.
  QualType CT = H.Bound->getType().getCanonicalType();
  const Expr *B = H.Bound->IgnoreParenImpCasts();
  Expr::EvalResult R;
  if (B->EvaluateAsInt(R, Ctx)) {
    llvm::APSInt V = Wide(R.Val.getInt());
    return (Up ? V <= Limit : V >= Limit) ? "" : Why;
  }
  // A bound whose type cannot go past Limit needs no test.
  QualType BT = B->getType().getCanonicalType();
  if (BT->isIntegerType() && !BT->isBooleanType()) {
    unsigned BB = Ctx.getIntWidth(BT);
    bool BU = BT->isUnsignedIntegerType();
    if (Up ? Wide(llvm::APSInt::getMaxValue(BB, BU)) <= Limit
           : Wide(llvm::APSInt::getMinValue(BB, BU)) >= Limit)
      return "";
  }
  if (Limit.isNegative() && CT->isUnsignedIntegerType())
    return Why;
  Guard = WrapGuard{H.Var, B, CT, Up, Limit};
  return "";
}

std::optional<CanonicalLoop> checkLoopShape(const ForStmt *Loop,
                                            ShapeProblem &Problem) {
  auto Fail = [&](SourceLocation Loc, std::string Msg) {
    Problem = {Loc, std::move(Msg)};
    return std::nullopt;
  };
  bool Declared = false;
  const VarDecl *Var = initVar(Loop, Declared);
  if (!Var)
    return Fail(Loop->getBeginLoc(),
                "the loop must start by setting one variable, as in "
                "'for (i = lo; i < hi; i++)'");
  std::string Name = Var->getNameAsString();
  // OpenMP takes `var = lo` alone: other variables of a chain are set
  // before the loop.
  for (const BinaryOperator *BO : initChain(Loop->getInit()))
    if (const VarDecl *Other = asVar(BO->getLHS()); Other != Var)
      return Fail(BO->getLHS()->getExprLoc(),
                  "the loop's first clause also sets '" + Other->getNameAsString() +
                      "'; a parallel loop may set only its variable '" + Name +
                      "' there: set '" + Other->getNameAsString() + "' before the loop");
  QualType T = Var->getType().getCanonicalType();
  if (!T->isIntegerType() || T->isBooleanType())
    return Fail(Var->getLocation(), "the loop variable '" + Name +
                                        "' must have an integer type");
  BinaryOperatorKind Cmp;
  const Expr *Bound = boundOf(Loop->getCond(), Var, Cmp);
  if (!Bound)
    return Fail(Loop->getCond() ? Loop->getCond()->getExprLoc() : Loop->getBeginLoc(),
                "the condition must compare '" + Name + "' with a bound using "
                "<, <=, >, >= or !=, as in '" + Name + " < n'");
  const Expr *Step = stepOf(Loop->getInc(), Var);
  if (!Step)
    return Fail(Loop->getInc() ? Loop->getInc()->getExprLoc() : Loop->getBeginLoc(),
                "the increment must be " + Name + "++, " + Name + "--, " + Name +
                    " += step or " + Name + " -= step");

  Accesses Body = collectAccesses(Loop->getBody());
  for (const Stmt *Exit : Body.Exits)
    return Fail(Exit->getBeginLoc(),
                std::string("'") + exitWord(Exit) +
                    "' leaves the loop early; a parallel loop runs every "
                    "iteration");
  for (const LabelStmt *L : Body.Labels)
    return Fail(L->getBeginLoc(), "the loop body has the label '" +
                                      std::string(L->getName()) +
                                      "', which a goto could enter");
  auto It = Body.Vars.find(Var);
  if (It != Body.Vars.end() && (It->second.written() || It->second.escapes()))
    return Fail(It->second.written() ? It->second.FirstWrite
                                     : It->second.AddressTaken,
                "the loop variable '" + Name + "' is changed inside the loop");

  // The bound and the step are evaluated once by OpenMP: nothing they read
  // may change in the loop, and they may not call functions.
  for (const Expr *E : {Bound, Step}) {
    Accesses Uses = collectAccesses(E);
    if (!Uses.Calls.empty())
      return Fail(Uses.Calls.front()->getBeginLoc(),
                  "the loop bound or step calls a function; compute it into a "
                  "variable before the loop");
    for (const auto &[V, _] : Uses.Vars) {
      if (V == Var)
        continue;
      auto W = Body.Vars.find(V);
      if (W != Body.Vars.end() && (W->second.written() || W->second.escapes()))
        return Fail(W->second.written() ? W->second.FirstWrite
                                        : W->second.AddressTaken,
                    "'" + V->getNameAsString() + "', used in the loop bound "
                    "or step, is changed inside the loop");
    }
  }
  if (Var->getTLSKind() != VarDecl::TLS_None)
    return Fail(Var->getLocation(), "the loop variable '" + Name +
                                        "' is thread-local; OpenMP cannot share "
                                        "its iterations");
  std::optional<LoopHeader> H = readHeader(Loop);
  // The step must move towards the bound (OpenMP rejects the rest; such a
  // loop never ends or never runs).
  if (H->ConstStep) {
    int64_t Step = *H->ConstStep;
    bool Up = H->Cmp == BO_LT || H->Cmp == BO_LE;
    bool Down = H->Cmp == BO_GT || H->Cmp == BO_GE;
    if ((Up && Step <= 0) || (Down && Step >= 0) ||
        (H->Cmp == BO_NE && Step != 1 && Step != -1))
      return Fail(Loop->getInc()->getExprLoc(),
                  H->Cmp == BO_NE
                      ? "a loop ending at '" + Name + " != bound' must step by 1 or -1"
                      : "the step of '" + Name + "' moves away from its bound: "
                        "the loop never ends or never runs");
  }
  std::optional<WrapGuard> Guard;
  if (std::string Why = mayWrap(*H, Guard); !Why.empty())
    return Fail(Var->getLocation(), "the loop variable '" + Name + "' " + Why);
  return CanonicalLoop{Loop, Var, Declared, *H, Guard};
}

} // namespace ppar
