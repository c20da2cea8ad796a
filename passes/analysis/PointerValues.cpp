//===- PointerValues.cpp --------------------------------------------------===//

#include "analysis/PointerValues.h"
#include "analysis/MemberVars.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include <functional>
#include <set>
#include <vector>

using namespace clang;

namespace ppar {

namespace {

/// The variable an lvalue names (a member variable too, MemberVars.h), or
/// null.
const VarDecl *namedVar(const Expr *E) {
  if (const VarDecl *M = memberVarOf(E))
    return M;
  const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
}

class Tracker {
public:
  Tracker(const Stmt *S, ASTContext &Ctx) : Root(S), Ctx(Ctx), PM(const_cast<Stmt *>(S)) {}

  const Expr *run(const VarDecl *V) {
    std::vector<const VarDecl *> Work{V};
    Seen.insert(V);
    while (!Work.empty()) {
      const VarDecl *W = Work.back();
      Work.pop_back();
      std::vector<const Expr *> Uses;
      std::function<void(const Stmt *)> Find = [&](const Stmt *T) {
        if (!T)
          return;
        if (const auto *D = dyn_cast<DeclRefExpr>(T); D && D->getDecl() == W)
          Uses.push_back(D);
        if (const auto *M = dyn_cast<MemberExpr>(T); M && memberVar(M) == W)
          return Uses.push_back(M);
        for (const Stmt *C : T->children())
          Find(C);
      };
      Find(Root);
      for (const Expr *D : Uses) {
        std::vector<const VarDecl *> Gets;
        if (const Expr *At = climb(D, Gets))
          return At;
        for (const VarDecl *G : Gets)
          if (Seen.insert(G).second)
            Work.push_back(G);
      }
    }
    return nullptr;
  }

private:
  /// Follows the value of E up to where it is consumed: null when it is
  /// used as a value only (variables that get it go to Gets), else where
  /// it is followed.
  const Expr *climb(const Expr *E, std::vector<const VarDecl *> &Gets) {
    while (true) {
      if (E == Root)
        return nullptr; // a statement of its own: the value is dropped
      // (A body without braces is an expression: its children are not
      // statements of their own.)
      const Stmt *P = PM.getParent(E);
      if (!P)
        return nullptr;
      if (isa<ParenExpr, CastExpr>(P)) {
        E = cast<Expr>(P);
        continue;
      }
      if (const auto *B = dyn_cast<BinaryOperator>(P)) {
        if (B->isLogicalOp())
          return nullptr;
        if (B->isComparisonOp()) {
          // Against null or another copy only: an address of the kernel's
          // (a device array, its own variables) is not the host's.
          const Expr *Other = (B->getLHS() == E ? B->getRHS() : B->getLHS())->IgnoreParenCasts();
          const VarDecl *W = namedVar(Other);
          if (Other->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) ||
              (W && Seen.count(W)))
            return nullptr;
          return E;
        }
        if (B->getOpcode() == BO_Assign) {
          if (B->getLHS() == E)
            return nullptr; // a new value for the variable
          if (const VarDecl *W = namedVar(B->getLHS()))
            Gets.push_back(W);
          // Stored into memory: a load of a pointer from memory is refused
          // where kernels are planned (KernelText::PointerLoad).
          E = B; // and the assignment's own value
          continue;
        }
        if (B->getOpcode() == BO_Comma) {
          if (B->getLHS() == E)
            return nullptr;
          E = B;
          continue;
        }
        if (B->isCompoundAssignmentOp() && B->getLHS() == E)
          return nullptr;
        if (B->isAdditiveOp() && B->getType()->isPointerType()) {
          E = B; // p + 1 is p's memory still
          continue;
        }
        if (B->getOpcode() == BO_Sub)
          return nullptr; // a difference of pointers is a number
        return E;
      }
      if (const auto *U = dyn_cast<UnaryOperator>(P)) {
        if (U->getOpcode() == UO_LNot)
          return nullptr;
        if (U->isIncrementDecrementOp())
          return nullptr; // the variable's own value changes
        return E;         // a dereference, or the variable's address
      }
      if (const auto *C = dyn_cast<ConditionalOperator>(P)) {
        if (C->getCond() == E)
          return nullptr;
        E = C;
        continue;
      }
      if (const auto *D = dyn_cast<DeclStmt>(P)) {
        for (const Decl *Dc : D->decls())
          if (const auto *W = dyn_cast<VarDecl>(Dc); W && W->getInit() == E)
            Gets.push_back(W);
        return nullptr;
      }
      if (isa<IfStmt, WhileStmt, DoStmt, ForStmt>(P))
        return nullptr; // a condition, or an expression statement
      if (isa<CompoundStmt>(P))
        return nullptr;
      return E; // a subscript, a member, a call, an initializer list...
    }
  }

  const Stmt *Root;
  ASTContext &Ctx;
  ParentMap PM;
  std::set<const VarDecl *> Seen; ///< V and the variables that get its value
};

} // namespace

const Expr *followedAt(const Stmt *S, const VarDecl *V) {
  return Tracker(S, V->getASTContext()).run(V);
}

} // namespace ppar
