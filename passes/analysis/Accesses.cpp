//===- Accesses.cpp -------------------------------------------------------===//

#include "analysis/Accesses.h"
#include "clang/AST/Expr.h"
#include "clang/AST/StmtVisitor.h"
#include <algorithm>

using namespace clang;

namespace ppar {

bool Accesses::declares(const VarDecl *V) const {
  return std::find(Declared.begin(), Declared.end(), V) != Declared.end();
}

namespace {
enum class Use { Read, Write, ReadWrite, Address };

class Collector {
public:
  explicit Collector(Accesses &A) : A(A) {}

  void stmt(const Stmt *S) {
    if (!S)
      return;
    if (const auto *E = dyn_cast<Expr>(S))
      return expr(E, Use::Read);
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D)) {
          A.Declared.push_back(V);
          if (const Expr *Init = V->getInit())
            expr(Init, Use::Read);
        }
      return;
    }
    if (isa<BreakStmt>(S)) {
      if (BreakableDepth == 0)
        A.Exits.push_back(S);
      return;
    }
    if (isa<ReturnStmt>(S) || isa<GotoStmt>(S) || isa<IndirectGotoStmt>(S))
      A.Exits.push_back(S);
    if (const auto *L = dyn_cast<LabelStmt>(S))
      A.Labels.push_back(L);
    bool Breakable = isa<ForStmt>(S) || isa<WhileStmt>(S) || isa<DoStmt>(S) ||
                     isa<SwitchStmt>(S);
    BreakableDepth += Breakable;
    for (const Stmt *Child : S->children())
      stmt(Child);
    BreakableDepth -= Breakable;
  }

  void expr(const Expr *E, Use U) {
    if (!E)
      return;
    E = E->IgnoreParens();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        note(V, U, DRE->getLocation());
      return;
    }
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E)) {
      if (ICE->getCastKind() == CK_LValueToRValue)
        return expr(ICE->getSubExpr(), Use::Read);
      if (ICE->getCastKind() == CK_ArrayToPointerDecay)
        return expr(ICE->getSubExpr(), U == Use::Read ? Use::Address : U);
      return expr(ICE->getSubExpr(), U);
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->isAssignmentOp()) {
        expr(BO->getRHS(), Use::Read);
        return expr(BO->getLHS(),
                    BO->isCompoundAssignmentOp() ? Use::ReadWrite : Use::Write);
      }
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->isIncrementDecrementOp())
        return expr(UO->getSubExpr(), Use::ReadWrite);
      if (UO->getOpcode() == UO_AddrOf)
        return expr(UO->getSubExpr(), Use::Address);
      if (UO->getOpcode() == UO_Deref)
        return expr(UO->getSubExpr(), Use::Read);
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      // s.x = ... writes s; p->x = ... only reads p.
      return expr(ME->getBase(), ME->isArrow() ? Use::Read : U);
    }
    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
      expr(ASE->getIdx(), Use::Read);
      // a[i] = ... writes the array a when a is an array, not a pointer.
      const Expr *Base = ASE->getBase()->IgnoreParens();
      if (const auto *ICE = dyn_cast<ImplicitCastExpr>(Base))
        if (ICE->getCastKind() == CK_ArrayToPointerDecay)
          return expr(ICE->getSubExpr(), U == Use::Address ? Use::Address : U);
      return expr(ASE->getBase(), Use::Read);
    }
    if (const auto *CE = dyn_cast<CallExpr>(E))
      if (!CE->getBuiltinCallee())
        A.Calls.push_back(CE);
    if (const auto *SE = dyn_cast<StmtExpr>(E))
      return stmt(SE->getSubStmt());
    for (const Stmt *Child : E->children())
      if (const auto *CE = dyn_cast_or_null<Expr>(Child))
        expr(CE, Use::Read);
  }

private:
  void note(const VarDecl *V, Use U, SourceLocation Loc) {
    VarAccess &VA = A.Vars[V];
    if ((U == Use::Read || U == Use::ReadWrite) && VA.FirstRead.isInvalid())
      VA.FirstRead = Loc;
    if ((U == Use::Write || U == Use::ReadWrite) && VA.FirstWrite.isInvalid())
      VA.FirstWrite = Loc;
    if (U == Use::Address && VA.AddressTaken.isInvalid())
      VA.AddressTaken = Loc;
  }

  Accesses &A;
  unsigned BreakableDepth = 0;
};
} // namespace

Accesses collectAccesses(const Stmt *S) {
  Accesses A;
  Collector(A).stmt(S);
  return A;
}

const VarDecl *asVar(const Expr *E) {
  if (!E)
    return nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

bool mentions(const Stmt *S, const VarDecl *V) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (DRE->getDecl() == V)
      return true;
  for (const Stmt *Child : S->children())
    if (mentions(Child, V))
      return true;
  return false;
}

} // namespace ppar
