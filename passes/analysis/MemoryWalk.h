//===- MemoryWalk.h - One walk of what code touches as it runs -----------===//
//
// Both the waits of the calling function (TaskMemory's TouchFinder) and
// the summary of a delayed function's body (TaskGlobals) follow code as it
// runs: which lvalues are read, written or have their address taken, which
// values are read to find where an lvalue is, and which calls are made.
// Code that is not evaluated (sizeof, a static local's initialiser) is
// skipped. The walk is the same; what each records differs, so the walk is
// a CRTP base whose derived class provides:
//
//   void access(const Expr *L, int Mode);  L read (1), written (2) or both
//   void escape(const Expr *L);            L's address taken (&L, decay)
//   void assign(const Expr *L, int Mode);  the left side of an assignment
//   void call(const CallExpr *CE);
//
// and calls lvalueAddress(L) from access and escape where the values read
// to find L count too. lvalueBase is the one description of where an
// lvalue lies, over each analysis's own answer for names and pointers.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_ANALYSIS_MEMORYWALK_H
#define PPAR_PASSES_ANALYSIS_MEMORYWALK_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"

namespace ppar {

/// Where lvalue L lies, by its shape, the same for every analysis: an
/// element or a member of an object lies where the object does; through a
/// pointer, where the pointer points. Named(DRE) answers for a name,
/// Pointee(P) for what pointer P points into, Other(L) for any other
/// lvalue (a compound literal, a string, a call's result...).
template <class Result, class NamedFn, class PointeeFn, class OtherFn>
Result lvalueBase(const clang::Expr *L, const NamedFn &Named, const PointeeFn &Pointee,
                  const OtherFn &Other) {
  using namespace clang;
  L = L->IgnoreParens();
  if (const auto *DRE = llvm::dyn_cast<DeclRefExpr>(L))
    return Named(DRE);
  if (const auto *AS = llvm::dyn_cast<ArraySubscriptExpr>(L)) {
    const Expr *Base = AS->getBase()->IgnoreParens();
    if (const auto *IC = llvm::dyn_cast<ImplicitCastExpr>(Base);
        IC && IC->getCastKind() == CK_ArrayToPointerDecay)
      return lvalueBase<Result>(IC->getSubExpr(), Named, Pointee, Other);
    return Pointee(Base);
  }
  if (const auto *ME = llvm::dyn_cast<MemberExpr>(L))
    return ME->isArrow() ? Pointee(ME->getBase())
                         : lvalueBase<Result>(ME->getBase(), Named, Pointee, Other);
  if (const auto *UO = llvm::dyn_cast<UnaryOperator>(L); UO && UO->getOpcode() == UO_Deref)
    return Pointee(UO->getSubExpr());
  return Other(L);
}

template <class Derived> class MemoryWalk {
public:
  void stmt(const clang::Stmt *S) {
    if (!S)
      return;
    if (const auto *E = llvm::dyn_cast<clang::Expr>(S))
      return expr(E);
    if (const auto *DS = llvm::dyn_cast<clang::DeclStmt>(S)) {
      for (const clang::Decl *D : DS->decls())
        if (const auto *V = llvm::dyn_cast<clang::VarDecl>(D);
            V && V->getInit() && !V->isStaticLocal())
          expr(V->getInit());
      return;
    }
    for (const clang::Stmt *C : S->children())
      stmt(C);
  }

  void expr(const clang::Expr *E) {
    using namespace clang;
    if (!E)
      return;
    E = E->IgnoreParens();
    if (const auto *IC = llvm::dyn_cast<ImplicitCastExpr>(E)) {
      if (IC->getCastKind() == CK_LValueToRValue)
        return self().access(IC->getSubExpr(), 1);
      if (IC->getCastKind() == CK_ArrayToPointerDecay)
        return self().escape(IC->getSubExpr());
      return expr(IC->getSubExpr());
    }
    if (const auto *UO = llvm::dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() == UO_AddrOf)
        return self().escape(UO->getSubExpr());
      if (UO->isIncrementDecrementOp())
        return self().access(UO->getSubExpr(), 3);
    }
    if (const auto *BO = llvm::dyn_cast<BinaryOperator>(E); BO && BO->isAssignmentOp()) {
      self().assign(BO->getLHS(), BO->getOpcode() == BO_Assign ? 2 : 3);
      return expr(BO->getRHS());
    }
    if (const auto *CE = llvm::dyn_cast<CallExpr>(E))
      return self().call(CE);
    if (llvm::isa<UnaryExprOrTypeTraitExpr>(E))
      return; // not evaluated
    if (llvm::isa<ArraySubscriptExpr>(E) || llvm::isa<MemberExpr>(E))
      return lvalueAddress(E); // an array-typed lvalue about to decay
    for (const Stmt *C : E->children())
      stmt(C);
  }

protected:
  /// The values read to find where lvalue L is (indices, pointers).
  void lvalueAddress(const clang::Expr *L) {
    using namespace clang;
    L = L->IgnoreParens();
    if (llvm::isa<DeclRefExpr>(L) || llvm::isa<StringLiteral>(L) ||
        llvm::isa<PredefinedExpr>(L))
      return;
    if (const auto *AS = llvm::dyn_cast<ArraySubscriptExpr>(L)) {
      address(AS->getBase());
      return expr(AS->getIdx());
    }
    if (const auto *ME = llvm::dyn_cast<MemberExpr>(L))
      return ME->isArrow() ? expr(ME->getBase()) : lvalueAddress(ME->getBase());
    if (const auto *UO = llvm::dyn_cast<UnaryOperator>(L); UO && UO->getOpcode() == UO_Deref)
      return expr(UO->getSubExpr());
    for (const Stmt *C : L->children())
      stmt(C);
  }

  /// The values read to compute pointer P (not what it points to).
  void address(const clang::Expr *P) {
    using namespace clang;
    P = P->IgnoreParens();
    if (const auto *CE = llvm::dyn_cast<CastExpr>(P)) {
      if (CE->getCastKind() == CK_ArrayToPointerDecay)
        return lvalueAddress(CE->getSubExpr());
      if (CE->getCastKind() == CK_NoOp || CE->getCastKind() == CK_BitCast)
        return address(CE->getSubExpr());
    }
    if (const auto *UO = llvm::dyn_cast<UnaryOperator>(P); UO && UO->getOpcode() == UO_AddrOf)
      return lvalueAddress(UO->getSubExpr());
    if (const auto *BO = llvm::dyn_cast<BinaryOperator>(P);
        BO && (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) &&
        P->getType()->isPointerType()) {
      bool LeftIsPointer = BO->getLHS()->getType()->isPointerType();
      address(LeftIsPointer ? BO->getLHS() : BO->getRHS());
      return expr(LeftIsPointer ? BO->getRHS() : BO->getLHS());
    }
    expr(P);
  }

  /// An assignment's left side is an access unless the derived walk says
  /// otherwise.
  void assign(const clang::Expr *L, int Mode) { self().access(L, Mode); }

private:
  Derived &self() { return static_cast<Derived &>(*this); }
};

} // namespace ppar

#endif
