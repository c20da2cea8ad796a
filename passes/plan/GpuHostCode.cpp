//===- GpuHostCode.cpp - Host code between kernels that uses GPU data ----===//
//
// A statement of the device phase that holds no kernel runs on the host
// while the data lives on the GPU. When it uses that data only through the
// variables the kernels use (`u[k]`, `*u`, `u->x`, `u` passed to a pure
// function or to memcpy/memset), the plan copies the bytes it uses back
// before it and, what it writes, to the GPU after it (HostUse): one element
// when the statement leaves its subscripts alone, else all of the
// variable's registered ranges. Host code that reaches memory any other
// way (another pointer, a call that may reach the data under another name)
// keeps the function on the CPU, with a warning naming what and where,
// unless it is one element whose address the statement does not change
// (`*out = s;`, `est[t] = e;`): that element gets the copies too, and the
// runtime copies it only if it lies in the call's data.
//
//===----------------------------------------------------------------------===//

#include "analysis/Accesses.h"
#include "analysis/TaskMemory.h"
#include "plan/GpuPlan.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include <cstring>
#include <functional>

using namespace clang;

namespace ppar {

namespace {

/// The variable at the root of lvalue chain L (`u[i][j]`, `*u`, `u->x`,
/// `u[i].x`), or null.
const VarDecl *chainRoot(const Expr *L) {
  for (;;) {
    L = L->IgnoreParenImpCasts();
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(L))
      L = A->getBase();
    else if (const auto *U = dyn_cast<UnaryOperator>(L); U && U->getOpcode() == UO_Deref)
      L = U->getSubExpr();
    else if (const auto *M = dyn_cast<MemberExpr>(L))
      L = M->getBase();
    else if (const auto *D = dyn_cast<DeclRefExpr>(L))
      return dyn_cast<VarDecl>(D->getDecl());
    else
      return nullptr;
  }
}

/// The variable L reaches memory through without loading another pointer
/// (`p[i]`, `*p`, `p->x`, `g[i]` of an array): the address of L is then
/// known before the statement runs. Else null.
const VarDecl *directBase(const Expr *L) {
  const Expr *Base = nullptr;
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(L))
    Base = A->getBase();
  else if (const auto *U = dyn_cast<UnaryOperator>(L); U && U->getOpcode() == UO_Deref)
    Base = U->getSubExpr();
  else if (const auto *M = dyn_cast<MemberExpr>(L); M && M->isArrow())
    Base = M->getBase();
  const auto *D = Base ? dyn_cast<DeclRefExpr>(Base->IgnoreParenImpCasts()) : nullptr;
  const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
  return V && (V->getType()->isPointerType() || V->getType()->isArrayType()) ? V : nullptr;
}

/// The subscripts of chain L, outermost first.
void chainIndexes(const Expr *L, std::vector<const Expr *> &Out) {
  L = L->IgnoreParenImpCasts();
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(L)) {
    Out.push_back(A->getIdx());
    chainIndexes(A->getBase(), Out);
  } else if (const auto *U = dyn_cast<UnaryOperator>(L); U && U->getOpcode() == UO_Deref) {
    chainIndexes(U->getSubExpr(), Out);
  } else if (const auto *M = dyn_cast<MemberExpr>(L)) {
    chainIndexes(M->getBase(), Out);
  }
}

/// True when S leaves itself by a jump (return, goto, or a break or
/// continue of an enclosing loop): the copies after it would not run.
bool jumpsOut(const Stmt *S, bool InLoop = false, bool InSwitch = false) {
  if (!S)
    return false;
  if (isa<ReturnStmt, GotoStmt, IndirectGotoStmt>(S))
    return true;
  if (isa<BreakStmt>(S))
    return !InLoop && !InSwitch;
  if (isa<ContinueStmt>(S))
    return !InLoop;
  bool Loop = isa<ForStmt, WhileStmt, DoStmt>(S);
  bool Switch = isa<SwitchStmt>(S);
  for (const Stmt *C : S->children())
    if (jumpsOut(C, InLoop || Loop, InSwitch || Switch))
      return true;
  return false;
}

std::string lineText(const SourceManager &SM, SourceLocation L) {
  return std::to_string(SM.getPresumedLineNumber(SM.getExpansionLoc(L)));
}

} // namespace

/// True when S holds a kernel loop (or is one).
bool GpuPlanner::holdsKernel(const Stmt *S) const {
  for (const ForStmt *F : Loops)
    if (!SM.isBeforeInTranslationUnit(F->getBeginLoc(), S->getBeginLoc()) &&
        !SM.isBeforeInTranslationUnit(S->getEndLoc(), F->getEndLoc()))
      return true;
  return false;
}

/// The names of the data on the GPU, for messages: 'u', 'v'.
std::string GpuPlanner::dataNames() const {
  std::vector<const VarDecl *> Sorted(Data.begin(), Data.end());
  llvm::sort(Sorted, [&](const VarDecl *A, const VarDecl *B) {
    return SM.isBeforeInTranslationUnit(A->getLocation(), B->getLocation());
  });
  std::vector<std::string> Names;
  for (const VarDecl *V : Sorted)
    Names.push_back("'" + V->getNameAsString() + "'");
  return llvm::join(Names, ", ");
}

/// Host code of the device phase: kernels pass, a statement holding none is
/// a host statement, and one holding kernels is looked into (its branches
/// and bodies; its conditions and headers may not use the data).
bool GpuPlanner::hostCode(const Stmt *S, bool InBlock) {
  if (!S || llvm::is_contained(Loops, S))
    return true;
  if (!holdsKernel(S))
    return hostStatement(S, InBlock);
  if (const auto *C = dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *Child : C->body())
      if (!hostCode(Child, true))
        return false;
    return true;
  }
  std::vector<const Stmt *> Bodies;
  if (const auto *I = dyn_cast<IfStmt>(S))
    Bodies = {I->getThen(), I->getElse()};
  else if (const auto *F = dyn_cast<ForStmt>(S))
    Bodies = {F->getBody()};
  else if (const auto *W = dyn_cast<WhileStmt>(S))
    Bodies = {W->getBody()};
  else if (const auto *D = dyn_cast<DoStmt>(S))
    Bodies = {D->getBody()};
  for (const Stmt *C : S->children()) {
    if (!C)
      continue;
    bool Body = llvm::is_contained(Bodies, C);
    if (Body ? !hostCode(C, false) : !strictHostCode(C))
      return false;
  }
  return true;
}

/// Host code the plan cannot put copies around (a loop's header, a
/// condition, a switch holding a kernel): it may not use the data at all.
bool GpuPlanner::strictHostCode(const Stmt *T) {
  if (!T || llvm::is_contained(Loops, T))
    return true;
  if (const auto *D = dyn_cast<DeclRefExpr>(T))
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl());
        V && Data.count(V) && !SwapRefs.count(D)) {
      decline(D->getLocation(), "the host code here, in the header of a statement that "
                                "holds a kernel, uses '" + V->getNameAsString() +
                                    "', whose data is on the GPU during the call; "
                                    "compute the value in a statement of its own");
      return false;
    }
  if (const auto *E = dyn_cast<Expr>(T); E && touchesMemory(E)) {
    decline(E->getBeginLoc(), "the host code here, in the header of a statement that holds "
                              "a kernel, may touch " + dataNames() +
                                  " (on the GPU during the call) under another name");
    return false;
  }
  for (const Stmt *C : T->children())
    if (!strictHostCode(C))
      return false;
  return true;
}

/// A host statement: records the bytes of GPU data it uses (HostUse), or
/// declines when it may reach that data in a way the copies cannot follow.
bool GpuPlanner::hostStatement(const Stmt *S, bool InBlock) {
  HostUse Use{S, !InBlock, {}};
  // A subscript the statement leaves alone names the same element before
  // and after it: only plain variables, none of them changed by it.
  auto Invariant = [&](const Expr *E) {
    bool Ok = !E->HasSideEffects(Ctx);
    std::function<void(const Stmt *)> Walk = [&](const Stmt *T) {
      if (!T || !Ok)
        return;
      if (const auto *D = dyn_cast<DeclRefExpr>(T)) {
        const auto *V = dyn_cast<VarDecl>(D->getDecl());
        Ok = !V || (!Data.count(V) && !V->getType()->isArrayType() &&
                    !changedAt(S, V).isValid());
      } else if (isa<ArraySubscriptExpr, MemberExpr, CallExpr>(T) ||
                 (isa<UnaryOperator>(T) &&
                  cast<UnaryOperator>(T)->getOpcode() == UO_Deref)) {
        Ok = false;
      }
      for (const Stmt *C : T->children())
        Walk(C);
    };
    Walk(E);
    return Ok;
  };
  auto Add = [&](const VarDecl *V, const Expr *Element, bool Read, bool Written) {
    for (HostUseRange &R : Use.Ranges)
      if (R.Var == V && (!R.Element || (Element && R.Element == Element))) {
        R.Read |= Read, R.Written |= Written;
        return;
      }
    if (!Element) // all of it covers the elements
      llvm::erase_if(Use.Ranges, [&](const HostUseRange &R) { return R.Var == V; });
    Use.Ranges.push_back({V, Element, Read, Written});
  };
  auto DataVar = [&](const Expr *E) -> const VarDecl * {
    const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
    return V && Data.count(V) && !SwapRefs.count(D) ? V : nullptr;
  };
  bool Ok = true;
  auto Decline = [&](SourceLocation At, const std::string &Why) {
    if (Ok)
      decline(At, Why);
    Ok = false;
  };
  // Mode: 1 read, 2 written, 3 both (the left side of `+=`).
  std::function<void(const Stmt *, int)> Walk = [&](const Stmt *T, int Mode) {
    if (!T || !Ok || isa<UnaryExprOrTypeTraitExpr>(T))
      return;
    if (const auto *E = dyn_cast<Expr>(T)) {
      const Expr *L = E->IgnoreParens();
      // An element of the data, or all of it when its subscripts change.
      if (isa<ArraySubscriptExpr, MemberExpr>(L) ||
          (isa<UnaryOperator>(L) && cast<UnaryOperator>(L)->getOpcode() == UO_Deref))
        if (const VarDecl *V = chainRoot(L); V && Data.count(V)) {
          std::vector<const Expr *> Indexes;
          chainIndexes(L, Indexes);
          QualType Ty = L->getType();
          bool Element = !Ty->isArrayType() && !Ty->isIncompleteType() &&
                         Ty->isConstantSizeType() &&
                         llvm::all_of(Indexes, Invariant);
          Add(V, Element ? L : nullptr, Mode & 1, Mode & 2);
          for (const Expr *I : Indexes)
            Walk(I, 1);
          return;
        }
      // Memory through another pointer (`*out`, `est[t]`, `p->n`) may be
      // the data under another name: one element whose address the
      // statement leaves alone gets the copies too (the runtime copies only
      // the bytes that lie in the call's ranges: none without an alias).
      if (const VarDecl *V = directBase(L); V && !Data.count(V) && touchesMemory(E)) {
        std::vector<const Expr *> Indexes;
        chainIndexes(L, Indexes);
        QualType Ty = L->getType();
        if (!Ty->isArrayType() && !Ty->isIncompleteType() && Ty->isConstantSizeType() &&
            llvm::all_of(Indexes, Invariant) && !changedAt(S, V).isValid()) {
          Add(V, L, Mode & 1, Mode & 2);
          Use.Ranges.back().Alias = true;
          for (const Expr *I : Indexes)
            Walk(I, 1);
          return;
        }
      }
      if (const auto *B = dyn_cast<BinaryOperator>(L); B && B->isAssignmentOp()) {
        Walk(B->getLHS(), B->getOpcode() == BO_Assign ? 2 : 3);
        Walk(B->getRHS(), 1);
        return;
      }
      // A pointer compared with another or with null: its value alone.
      if (const auto *B = dyn_cast<BinaryOperator>(L); B && B->isEqualityOp()) {
        for (const Expr *Side : {B->getLHS(), B->getRHS()})
          if (!DataVar(Side))
            Walk(Side, 1);
        return;
      }
      if (const auto *U = dyn_cast<UnaryOperator>(L)) {
        if (U->getOpcode() == UO_LNot && DataVar(U->getSubExpr()))
          return;
        if (U->isIncrementDecrementOp()) {
          Walk(U->getSubExpr(), 3);
          return;
        }
        if (U->getOpcode() == UO_AddrOf && chainRoot(U->getSubExpr()) &&
            Data.count(chainRoot(U->getSubExpr()))) {
          Decline(U->getBeginLoc(), "the host code here takes the address of '" +
                                        chainRoot(U->getSubExpr())->getNameAsString() +
                                        "' data, which is on the GPU during the call");
          return;
        }
      }
      if (const auto *C = dyn_cast<CallExpr>(L)) {
        // `free(t)` of a block of the phase: its device copy is dropped
        // before (PhaseBlock).
        if (C->getNumArgs() == 1)
          if (const PhaseBlock *B = phaseBlock(asVar(C->getArg(0)->IgnoreParenCasts()));
              B && llvm::is_contained(B->Frees, C))
            return;
        // `free(t)` of a block the host alone uses: no GPU data.
        if (isFreeOfPrivateBlock(C))
          return;
        // A pure function reads only what its arguments point to; memcpy,
        // memset and friends touch what the C library says.
        const FunctionDecl *F = C->getDirectCallee();
        std::string Name = F ? F->getNameAsString() : "";
        const char *Lib = F && Name != "free" && Name != "realloc" ? libraryArgs(Name) : nullptr;
        bool Pure = F && this->Pure.isPure(F);
        std::string Callee = F ? "'" + Name + "'" : std::string("a function pointer");
        if (!Lib && !Pure) {
          const VarDecl *Passed = nullptr;
          for (const Expr *A : C->arguments())
            if (const VarDecl *V = chainRoot(A->IgnoreParenCasts()); V && Data.count(V))
              Passed = Passed ? Passed : V;
          Decline(C->getBeginLoc(),
                  Passed ? "the host code here passes '" + Passed->getNameAsString() + "' to " +
                               Callee + ", whose data is on the GPU during the call; " +
                               Callee + " may keep or reach it in ways ppar cannot follow"
                         : "the host code here calls " + Callee + ", which may touch " +
                               dataNames() + " (on the GPU during the call) under another name");
          return;
        }
        unsigned I = 0;
        for (const Expr *A : C->arguments()) {
          char Letter = Lib ? Lib[std::min<size_t>(I, strlen(Lib) - 1)] : 'r';
          ++I;
          const Expr *Arg = A->IgnoreParenImpCasts();
          if (const VarDecl *V = DataVar(Arg); V && (Lib || Pure)) {
            Add(V, nullptr, true, Letter == 'w');
            continue;
          }
          if (const auto *Addr = dyn_cast<UnaryOperator>(Arg);
              Addr && Addr->getOpcode() == UO_AddrOf && (Lib || Pure))
            if (const VarDecl *V = chainRoot(Addr->getSubExpr()); V && Data.count(V)) {
              Add(V, nullptr, true, Letter == 'w');
              continue;
            }
          if (const auto *P = dyn_cast<BinaryOperator>(Arg);
              P && P->isAdditiveOp() && (Lib || Pure))
            if (const VarDecl *V = DataVar(P->getLHS())) {
              Add(V, nullptr, true, Letter == 'w');
              Walk(P->getRHS(), 1);
              continue;
            }
          Walk(A, 1);
        }
        if (!Ok)
          return;
        bool PointerArgs = llvm::any_of(C->arguments(), [&](const Expr *A) {
          QualType Ty = A->IgnoreParenImpCasts()->getType();
          return (A->getType()->isPointerType() || Ty->isArrayType()) &&
                 !isa<StringLiteral>(A->IgnoreParenImpCasts()) && !DataVar(A) &&
                 !(Lib && Ty->isPointerType() && Ty->getPointeeType()->isRecordType());
        });
        if (PointerArgs && touchesMemory(C))
          Decline(C->getBeginLoc(), "the host code here calls " + Callee + ", which may touch " +
                                        dataNames() +
                                        " (on the GPU during the call) under another name");
        return;
      }
      if (const VarDecl *V = DataVar(L)) {
        // Copied into another pointer, passed on: the data could be
        // reached under another name.
        Decline(L->getBeginLoc(), "the host code here passes '" + V->getNameAsString() +
                                      "' on, whose data is on the GPU during the call");
        return;
      }
      if (touchesMemory(E)) {
        Decline(E->getBeginLoc(), "the host code here may touch " + dataNames() +
                                      " (on the GPU during the call) under another name");
        return;
      }
    }
    for (const Stmt *C : T->children())
      Walk(C, 1);
  };
  Walk(S, 1);
  if (!Ok)
    return false;
  if (Use.Ranges.empty())
    return true;
  bool Writes = llvm::any_of(Use.Ranges, [](const HostUseRange &R) { return R.Written; });
  if (Writes && jumpsOut(S)) {
    decline(S->getBeginLoc(), "the host code here writes " +
                                  std::string("'") + Use.Ranges.front().Var->getNameAsString() +
                                  "', whose data is on the GPU during the call, and may "
                                  "leave the statement (line " + lineText(SM, S->getBeginLoc()) +
                                  ") before it is copied back to the GPU");
    return false;
  }
  Plan.HostUses.push_back(std::move(Use));
  return true;
}

} // namespace ppar
