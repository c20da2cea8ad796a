//===- MemRefs.cpp --------------------------------------------------------===//

#include "analysis/MemRefs.h"
#include "analysis/MemberVars.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace ppar {

namespace {
enum class Use { Read, Write, ReadWrite };

const Expr *strip(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    const auto *ICE = dyn_cast<ImplicitCastExpr>(E);
    if (!ICE || (ICE->getCastKind() != CK_ArrayToPointerDecay &&
                 ICE->getCastKind() != CK_LValueToRValue &&
                 ICE->getCastKind() != CK_NoOp))
      return E;
    E = ICE->getSubExpr();
  }
}

/// E without parentheses and the decay of an array to a pointer.
const Expr *stripDecay(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    const auto *ICE = dyn_cast<ImplicitCastExpr>(E);
    if (!ICE || (ICE->getCastKind() != CK_ArrayToPointerDecay &&
                 ICE->getCastKind() != CK_NoOp))
      return E;
    E = ICE->getSubExpr();
  }
}

/// The variable E names; a pointer member that keeps its value during the
/// call (`s.grid`, `p->grid`) is one too (MemberVars.h).
const VarDecl *varOf(const Expr *E) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(E)))
    return dyn_cast<VarDecl>(DRE->getDecl());
  if (const auto *ME = dyn_cast<MemberExpr>(strip(E)))
    return memberVar(ME);
  return nullptr;
}

class Collector {
public:
  explicit Collector(MemRefs &Out) : Out(Out) {}

  void stmt(const Stmt *S) {
    if (!S)
      return;
    if (const auto *E = dyn_cast<Expr>(S))
      return expr(E, Use::Read);
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          if (V->getInit())
            expr(V->getInit(), Use::Read);
      return;
    }
    for (const Stmt *Child : S->children())
      stmt(Child);
  }

  void expr(const Expr *E, Use U) {
    if (!E)
      return;
    E = E->IgnoreParens();
    if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->isAssignmentOp()) {
      expr(BO->getRHS(), Use::Read);
      return expr(BO->getLHS(), BO->isCompoundAssignmentOp() ? Use::ReadWrite
                                                             : Use::Write);
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->isIncrementDecrementOp())
        return expr(UO->getSubExpr(), Use::ReadWrite);
      if (UO->getOpcode() == UO_Deref)
        return deref(UO, U);
      if (UO->getOpcode() == UO_AddrOf) {
        // &a[i] lets the element be changed elsewhere: count a write.
        return expr(UO->getSubExpr(), Use::ReadWrite);
      }
    }
    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E))
      return subscript(ASE, U);
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (!ME->isArrow())
        return expr(ME->getBase(), U);
      // p->f: the object p points to, field-insensitively.
      MemRef R{ME, varOf(ME->getBase()), {Subscript{}}, isRead(U), isWrite(U)};
      if (!R.Base)
        expr(ME->getBase(), Use::Read);
      Out.Refs.push_back(R);
      return;
    }
    if (const auto *CE = dyn_cast<CallExpr>(E))
      Out.Calls.push_back(CE);
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E);
        ICE && ICE->getCastKind() == CK_ArrayToPointerDecay) {
      // An array passed as a pointer: its whole object may be read.
      if (const VarDecl *V = varOf(ICE->getSubExpr()))
        Out.Refs.push_back(MemRef{ICE, V, {}, true, false});
      return;
    }
    for (const Stmt *Child : E->children())
      if (const auto *CE = dyn_cast_or_null<Expr>(Child))
        expr(CE, Use::Read);
  }

private:
  static bool isRead(Use U) { return U != Use::Write; }
  static bool isWrite(Use U) { return U != Use::Read; }

  void subscript(const ArraySubscriptExpr *ASE, Use U) {
    std::vector<Subscript> Subs;
    const Expr *Base = ASE;
    // a[i][j] is one access only while a[i] is an array; when it is a
    // pointer loaded from memory (`float **rows; rows[i][k]`), the rows may
    // be anywhere, even the same memory: the access has no variable base.
    while (const auto *A = dyn_cast<ArraySubscriptExpr>(stripDecay(Base))) {
      Subs.insert(Subs.begin(), Subscript{A->getIdx(), false});
      expr(A->getIdx(), Use::Read);
      Base = A->getBase();
    }
    MemRef R{ASE, varOf(Base), std::move(Subs), isRead(U), isWrite(U)};
    if (!R.Base)
      expr(Base, Use::Read);
    Out.Refs.push_back(std::move(R));
  }

  void deref(const UnaryOperator *UO, Use U) {
    const Expr *P = strip(UO->getSubExpr());
    Subscript S;
    if (const auto *BO = dyn_cast<BinaryOperator>(P);
        BO && (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) &&
        BO->getLHS()->getType()->isPointerType()) {
      S = {BO->getRHS(), BO->getOpcode() == BO_Sub};
      expr(BO->getRHS(), Use::Read);
      P = BO->getLHS();
    }
    MemRef R{UO, varOf(P), {S}, isRead(U), isWrite(U)};
    if (!R.Base)
      expr(P, Use::Read);
    Out.Refs.push_back(R);
  }

  MemRefs &Out;
};
} // namespace

MemRefs collectMemRefs(const Stmt *S) {
  MemRefs Out;
  Collector(Out).stmt(S);
  return Out;
}

} // namespace ppar
