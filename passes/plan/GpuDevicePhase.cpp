//===- GpuDevicePhase.cpp - When the GPU variant's data lives on the GPU -===//
//
// The part of the GPU plan that looks at the host code around the kernels:
// where the data is registered and copied in, pointers that trade places
// between kernels, host statements that use data while it is on the GPU
// (GpuHostCode.cpp), and what PPAR_CHECK and the dispatcher's host copies
// may use.
//
//===----------------------------------------------------------------------===//

#include "analysis/Accesses.h"
#include "analysis/TaskMemory.h"
#include "plan/GpuPlan.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include <algorithm>
#include <functional>

using namespace clang;

namespace ppar {

namespace {

/// stdio's printing functions, allowed in host code between kernels.
bool printing(const FunctionDecl *F) {
  static const std::set<std::string> Names = {"printf", "fprintf", "puts", "fputs",
                                              "putchar", "fputc", "fflush"};
  return Names.count(F->getNameAsString()) != 0;
}

/// True when S has an effect that running it twice would repeat and that
/// PPAR_CHECK does not undo between its two runs: a call of a function
/// that prints or is not pure, or a write to a global or a static.
bool repeatsEffects(const Stmt *S, Purity &Pure) {
  if (!S)
    return false;
  if (const auto *C = dyn_cast<CallExpr>(S)) {
    // Blocks the body allocates and frees itself come and go with each run.
    static const std::set<std::string> Memory = {"malloc", "calloc", "aligned_alloc",
                                                 "free"};
    const FunctionDecl *F = C->getDirectCallee();
    if (!F || printing(F) ||
        (!Pure.isPure(F) && !Memory.count(F->getName().str())))
      return true;
  }
  const Expr *Target = nullptr;
  if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->isAssignmentOp())
    Target = B->getLHS();
  if (const auto *U = dyn_cast<UnaryOperator>(S); U && U->isIncrementDecrementOp())
    Target = U->getSubExpr();
  if (const auto *D = Target ? dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()) : nullptr)
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl()); V && V->hasGlobalStorage())
      return true;
  for (const Stmt *C : S->children())
    if (repeatsEffects(C, Pure))
      return true;
  return false;
}

} // namespace

/// The device phase runs from the first statement of a block that holds a
/// kernel to the last, after checking that the extents can be computed
/// there and finding the host statements in it that use the data.
bool GpuPlanner::placeData(const CompoundStmt *Body) {
  auto Holds = [&](const Stmt *S) {
    for (const ForStmt *F : Loops)
      if (SM.isBeforeInTranslationUnit(S->getBeginLoc(), F->getBeginLoc().getLocWithOffset(1)) &&
          !SM.isBeforeInTranslationUnit(S->getEndLoc(), F->getEndLoc()))
        return true;
    return false;
  };
  // The block is the body, or the plain block `{ ... }` in it (nested) that
  // holds every kernel: it runs once at most, and the locals it declares
  // before the first kernel are in scope for the registrations.
  const CompoundStmt *Block = innermostBlock(Body);
  const Stmt *Anchor = nullptr;
  std::vector<const Stmt *> From;
  for (const Stmt *S : Block->body()) {
    if (!Anchor && Holds(S))
      Anchor = S;
    if (Anchor)
      From.push_back(S);
    if (Holds(S))
      Plan.LastKernelStmt = S;
  }
  if (!Anchor)
    return false;
  Plan.Anchor = Anchor;
  while (From.back() != Plan.LastKernelStmt)
    From.pop_back();
  // A local's malloc block allocated in the phase goes to the GPU at its
  // allocation; one freed in it leaves the GPU there.
  if (!phaseBlocks(Anchor, From))
    return false;
  findSwaps(Body, Anchor, From);
  // Variables the extents name must keep their values from the anchor on
  // (pointers that only trade places with each other are handled below).
  std::set<const VarDecl *> Named;
  for (const auto &[V, Use] : collectAccesses(Body).Vars)
    for (const Transfer &T : Plan.Transfers) {
      const PhaseBlock *B = phaseBlock(T.Var);
      if (T.Range.names(V->getName()) && !(B && B->Late))
        Named.insert(V);
    }
  for (const Stmt *S : From) {
    for (const VarDecl *V : Named)
      if (SourceLocation At = changedAt(S, V); At.isValid() && !Swapped.count(V)) {
        std::string Line =
            std::to_string(SM.getPresumedLineNumber(SM.getExpansionLoc(Anchor->getBeginLoc())));
        if (SM.isBeforeInTranslationUnit(Anchor->getEndLoc(), V->getLocation()))
          decline(At, "'" + V->getNameAsString() + "' is declared after the code that "
                      "runs on the GPU starts (line " + Line + "), and the data of every "
                      "kernel goes to the GPU there; declare it before");
        else if (SM.isBeforeInTranslationUnit(Anchor->getBeginLoc(), V->getLocation())) {
          // A time step's subscript (`obs[t]` in a kernel): declaring t
          // before does not help, a clause over the whole does.
          std::string Clause;
          for (const Transfer &T : Plan.Transfers)
            if (T.Var != V && T.Range.Source == TransferRange::From::Subscripts &&
                T.Range.names(V->getName()) && Clause.empty())
              Clause = ", or give the elements of '" + T.Var->getNameAsString() +
                       "' it uses with an in, out or inout data clause";
          decline(At, "'" + V->getNameAsString() + "' is declared inside the statement at "
                      "line " + Line + " that holds a kernel, and the data of every kernel "
                      "goes to the GPU before that statement; declare it before" + Clause);
        }
        else
          decline(At, "'" + V->getNameAsString() + "' changes during the call, and the "
                      "data its kernels copy to the GPU depends on it; give the extents "
                      "with in/out/inout clauses over the parameters");
        return false;
      }
  }
  // Host code using the data while it lives on the GPU: copies around it,
  // or the CPU when they cannot be right (GpuHostCode.cpp).
  for (const Stmt *S : From)
    if (!hostCode(S, true))
      return false;
  // The registrations: a pointer that trades places with others gets its
  // range in each root's array of its group, roots in source order (the
  // text must not depend on where the AST lies in memory).
  std::vector<const VarDecl *> Ordered(Roots.begin(), Roots.end());
  llvm::sort(Ordered, [&](const VarDecl *A, const VarDecl *B) {
    return SM.isBeforeInTranslationUnit(A->getLocation(), B->getLocation());
  });
  for (unsigned I = 0; I < Plan.Transfers.size(); ++I) {
    const VarDecl *V = Plan.Transfers[I].Var;
    if (const PhaseBlock *B = phaseBlock(V); B && B->Late)
      continue; // registered at its allocation
    if (!Swapped.count(V)) {
      Plan.Registrations.push_back({I, nullptr});
      continue;
    }
    if (!Roots.count(V)) {
      decline(V->getLocation(), "'" + V->getNameAsString() + "' trades places with "
                                "other pointers but gets its first value after the data "
                                "goes to the GPU");
      return false;
    }
    for (const VarDecl *W : Ordered)
      if (Group[W] == Group[V])
        Plan.Registrations.push_back({I, W});
  }
  return true;
}

/// The kernels' malloc blocks (analysis/TaskMemory's mallocBlock) that
/// the phase allocates or frees (`free(t)`): PhaseBlocks, their transfers
/// made whole blocks. One allocated in the phase is registered right after
/// its declaration (where it exists) rather than at the anchor; a kernel
/// before it cannot use it (it is not declared yet), and the runtime gives
/// it device memory of its own.
bool GpuPlanner::phaseBlocks(const Stmt *Anchor, const std::vector<const Stmt *> &Phase) {
  std::map<const VarDecl *, std::vector<const CallExpr *>> Frees;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *C = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *F = C->getDirectCallee();
          F && C->getNumArgs() == 1 &&
          (F->getName() == "free" || F->getName() == "__builtin_free"))
        if (const VarDecl *V = asVar(C->getArg(0)->IgnoreParenCasts());
            V && Data.count(V) && mallocBlock(V))
          Frees[V].push_back(C);
    for (const Stmt *C : S->children())
      Walk(C);
  };
  for (const Stmt *S : Phase)
    Walk(S);
  for (Transfer &T : Plan.Transfers) {
    const CallExpr *Alloc = mallocBlock(T.Var);
    if (!Alloc)
      continue;
    bool Late = !SM.isBeforeInTranslationUnit(Alloc->getEndLoc(), Anchor->getBeginLoc());
    auto Freed = Frees.find(T.Var);
    if (!Late && Freed == Frees.end())
      continue;
    T.Range.Source = TransferRange::From::Block;
    T.Range.Alloc = Alloc;
    T.Range.Base = T.Var;
    if (phaseBlock(T.Var))
      continue;
    DynTypedNodeList Parents = const_cast<ASTContext &>(Ctx).getParents(*T.Var);
    const auto *Decl = Parents.empty() ? nullptr : Parents.begin()->get<DeclStmt>();
    if (!Decl) { // mallocBlock found it declared in a statement of a block
      decline(T.Var->getLocation(), "ppar cannot find the declaration of '" +
                                        T.Var->getNameAsString() + "' to copy its block");
      return false;
    }
    Plan.PhaseBlocks.push_back({T.Var, Late, Decl,
                                Freed == Frees.end() ? std::vector<const CallExpr *>{}
                                                     : Freed->second});
  }
  llvm::sort(Plan.PhaseBlocks, [&](const PhaseBlock &A, const PhaseBlock &B) {
    return SM.isBeforeInTranslationUnit(A.Var->getLocation(), B.Var->getLocation());
  });
  return true;
}

const PhaseBlock *GpuPlanner::phaseBlock(const VarDecl *V) const {
  for (const PhaseBlock &B : Plan.PhaseBlocks)
    if (B.Var == V)
      return &B;
  return nullptr;
}

void GpuPlanner::finish(const CompoundStmt *Body) {
  Plan.Checkable = checkable(Body);
  Plan.HostCopies = hostCopies(Body);
}

/// The innermost block that holds every kernel and is reached from the
/// body through plain blocks alone (no loop, branch or label: it runs at
/// most once per call), or Body.
const CompoundStmt *GpuPlanner::innermostBlock(const CompoundStmt *Body) {
  bool Jumps = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Jumps)
      return;
    Jumps = isa<LabelStmt, GotoStmt, IndirectGotoStmt>(S);
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Body);
  const CompoundStmt *Block = Body;
  while (!Jumps) {
    const Stmt *Only = nullptr;
    unsigned Holding = 0;
    for (const Stmt *S : Block->body())
      for (const ForStmt *F : Loops)
        if (!SM.isBeforeInTranslationUnit(F->getBeginLoc(), S->getBeginLoc()) &&
            !SM.isBeforeInTranslationUnit(S->getEndLoc(), F->getEndLoc())) {
          Only = S;
          ++Holding;
          break;
        }
    const auto *Inner = dyn_cast_or_null<CompoundStmt>(Only);
    if (Holding != 1 || !Inner)
      break;
    Block = Inner;
  }
  return Block;
}

/// True when host expression E (not its children) may read or write
/// program memory other than its own scalars: a dereference, a subscript
/// of anything but a private array, or a call of a function that is not
/// pure or takes a pointer (stdio's printing functions aside, whose
/// pointers are format strings and streams).
bool GpuPlanner::touchesMemory(const Expr *E) {
  auto NamesData = [&](const Expr *Base) { // reported by its name instead
    const auto *D = dyn_cast<DeclRefExpr>(Base->IgnoreParenImpCasts());
    return D && Data.count(dyn_cast<VarDecl>(D->getDecl()));
  };
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref)
    return !NamesData(U->getSubExpr()) && !privateBlock(U->getSubExpr());
  if (const auto *M = dyn_cast<MemberExpr>(E); M && M->isArrow())
    return !NamesData(M->getBase()) && !privateBlock(M->getBase());
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
    return !NamesData(A->getBase()) && !privateArray(A->getBase()) &&
           !privateBlock(A->getBase());
  const auto *C = dyn_cast<CallExpr>(E);
  if (!C)
    return false;
  const FunctionDecl *F = C->getDirectCallee();
  if (!F)
    return true;
  if (isFreeOfPrivateBlock(C))
    return false;
  bool Prints = printing(F);
  if (!Prints && !Pure.isPure(F))
    return true;
  for (const Expr *Arg : C->arguments()) {
    QualType T = Arg->IgnoreParenImpCasts()->getType();
    if (!Arg->getType()->isPointerType() && !T->isArrayType())
      continue;
    bool Harmless = isa<StringLiteral>(Arg->IgnoreParenImpCasts()) ||
                    (Prints && T->isPointerType() && T->getPointeeType()->isRecordType());
    if (!Harmless)
      return true;
  }
  return false;
}

/// A local array of the function that no pointer can reach: every use of it
/// is the base of a subscript.
bool GpuPlanner::privateArray(const Expr *Base) {
  const auto *D = dyn_cast<DeclRefExpr>(Base->IgnoreParenImpCasts());
  const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
  if (!V || !V->getType()->isArrayType() || !V->hasLocalStorage() || Data.count(V))
    return false;
  bool OnlySubscripted = true;
  std::function<void(const Stmt *, bool)> Walk = [&](const Stmt *S, bool UnderSubscript) {
    if (!S)
      return;
    if (const auto *R = dyn_cast<DeclRefExpr>(S); R && R->getDecl() == V && !UnderSubscript)
      OnlySubscripted = false;
    const auto *A = dyn_cast<ArraySubscriptExpr>(S);
    for (const Stmt *C : S->children()) {
      bool Base = A && C == A->getBase();
      bool Cast = UnderSubscript && isa<ImplicitCastExpr>(S);
      Walk(C, Base || Cast);
    }
  };
  Walk(FD->getBody(), false);
  return OnlySubscripted;
}

/// `free(t)` of a private block (privateBlock).
bool GpuPlanner::isFreeOfPrivateBlock(const CallExpr *C) {
  const FunctionDecl *F = C->getDirectCallee();
  return F && C->getNumArgs() == 1 &&
         (F->getName() == "free" || F->getName() == "__builtin_free") &&
         privateBlock(C->getArg(0));
}

/// A block the function allocates itself (analysis/TaskMemory's
/// mallocBlock) and uses on the host only, that no other pointer reaches:
/// every use of its variable is a subscript, a dereference, `->`, a test
/// against null, sizeof or `free`. Host code may read and write it freely:
/// it is never GPU data under another name, nor does it lead to any.
bool GpuPlanner::privateBlock(const Expr *Base) {
  const auto *D = dyn_cast<DeclRefExpr>(Base->IgnoreParenImpCasts());
  const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
  if (!V || Data.count(V) || !mallocBlock(V))
    return false;
  if (auto It = PrivateBlocks.find(V); It != PrivateBlocks.end())
    return It->second;
  bool Private = true;
  std::function<void(const Stmt *, bool)> Walk = [&](const Stmt *S, bool Allowed) {
    if (!S || !Private || isa<UnaryExprOrTypeTraitExpr>(S))
      return;
    if (const auto *R = dyn_cast<DeclRefExpr>(S); R && R->getDecl() == V && !Allowed)
      Private = false;
    const auto *A = dyn_cast<ArraySubscriptExpr>(S);
    const auto *U = dyn_cast<UnaryOperator>(S);
    const auto *B = dyn_cast<BinaryOperator>(S);
    const auto *M = dyn_cast<MemberExpr>(S);
    const auto *C = dyn_cast<CallExpr>(S);
    const FunctionDecl *F = C ? C->getDirectCallee() : nullptr;
    bool Frees = F && (F->getName() == "free" || F->getName() == "__builtin_free");
    for (const Stmt *Child : S->children()) {
      bool Ok = (A && Child == A->getBase()) ||
                (U && (U->getOpcode() == UO_Deref || U->getOpcode() == UO_LNot)) ||
                (B && B->isEqualityOp()) || (M && M->isArrow()) || (Frees && Child != C->getCallee()) ||
                (Allowed && isa<ImplicitCastExpr, ParenExpr>(S));
      if (const auto *Cast = dyn_cast<ImplicitCastExpr>(S);
          Cast && Cast->getCastKind() == CK_PointerToBoolean)
        Ok = true; // `if (t)`
      Walk(Child, Ok);
    }
  };
  Walk(FD->getBody(), false);
  PrivateBlocks[V] = Private;
  return Private;
}

/// Pointers that only trade places with each other during the device phase
/// Phase (`t = u; u = v; v = t;`, the ping-pong of time steps): Swapped,
/// grouped (Group), the copies' references (SwapRefs), and the members with
/// a value at the anchor (Roots: parameters, and locals initialised before
/// it). Every value a member holds in the phase is then one of the roots'
/// values at the anchor.
void GpuPlanner::findSwaps(const CompoundStmt *Body, const Stmt *Anchor,
                           const std::vector<const Stmt *> &Phase) {
  auto PointerVar = [](const Expr *E) -> const VarDecl * {
    const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
    const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
    return V && V->getType()->isPointerType() && !V->hasGlobalStorage() ? V : nullptr;
  };
  std::map<const VarDecl *, const VarDecl *> Parent;
  std::function<const VarDecl *(const VarDecl *)> Find = [&](const VarDecl *V) {
    auto It = Parent.find(V);
    if (It == Parent.end() || It->second == V)
      return Parent[V] = V;
    return It->second = Find(It->second);
  };
  std::vector<const Stmt *> Copies;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || llvm::is_contained(Loops, S))
      return;
    const VarDecl *To = nullptr, *From = nullptr;
    if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->getOpcode() == BO_Assign)
      To = PointerVar(B->getLHS()), From = PointerVar(B->getRHS());
    if (const auto *D = dyn_cast<DeclStmt>(S); D && D->isSingleDecl())
      if (const auto *V = dyn_cast<VarDecl>(D->getSingleDecl()); V && V->getInit())
        To = V->getType()->isPointerType() ? V : nullptr, From = PointerVar(V->getInit());
    if (To && From &&
        To->getType()->getPointeeType().getCanonicalType().getUnqualifiedType() ==
            From->getType()->getPointeeType().getCanonicalType().getUnqualifiedType()) {
      Parent[Find(To)] = Find(From);
      Copies.push_back(S);
      return;
    }
    if (const auto *D = dyn_cast<DeclStmt>(S); D && D->isSingleDecl())
      if (const auto *V = dyn_cast<VarDecl>(D->getSingleDecl()); V && !V->hasInit())
        Copies.push_back(S); // `double *w;` gives w no value: harmless too
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Body);
  // A group counts only when its members get no other value in the phase:
  // no other assignment, no address taken, no declaration with another
  // initializer.
  std::set<const Stmt *> CopySet(Copies.begin(), Copies.end());
  std::set<const VarDecl *> Spoiled;
  for (auto &[V, P] : Parent)
    for (const Stmt *S : Phase)
      if (changedAt(S, V, &CopySet).isValid())
        Spoiled.insert(Find(V));
  for (auto &[V, P] : Parent) {
    const VarDecl *G = Find(V);
    if (Spoiled.count(G))
      continue;
    Swapped.insert(V);
    Group[V] = G;
    if (isa<ParmVarDecl>(V) ||
        (V->hasInit() && SM.isBeforeInTranslationUnit(V->getLocation(), Anchor->getBeginLoc())))
      Roots.insert(V);
  }
  for (const Stmt *S : Copies) {
    std::function<void(const Stmt *)> Refs = [&](const Stmt *T) {
      if (const auto *D = dyn_cast<DeclRefExpr>(T))
        if (const auto *V = dyn_cast<VarDecl>(D->getDecl()); V && Swapped.count(V))
          SwapRefs.insert(D);
      for (const Stmt *C : T->children())
        Refs(C);
    };
    Refs(S);
  }
}

/// True when PPAR_CHECK can save what the kernels write at entry: every
/// loop's written regions are known and name only parameters the body
/// never changes. And the body may run twice (serially, then on the GPU):
/// it prints nothing and writes no global (else the multi-core variant's
/// checks of each loop run instead).
bool GpuPlanner::checkable(const CompoundStmt *Body) {
  for (const ParallelLoop &L : P.Loops)
    if (!L.Checkable)
      return false;
  if (repeatsEffects(Body, Pure))
    return false;
  Accesses A = collectAccesses(Body);
  std::set<const VarDecl *> Named(A.Declared.begin(), A.Declared.end());
  for (const auto &[V, Use] : A.Vars)
    Named.insert(V);
  for (const ParallelLoop &L : P.Loops)
    for (const WrittenRegion &R : L.Written)
      for (const VarDecl *V : Named)
        if ((R.Range.names(V->getName()) ||
             (R.Range.Base && mentionsName(R.Range.Base->getName(), V->getName()))) &&
            (!isa<ParmVarDecl>(V) || changedAt(Body, V).isValid()))
          return false;
  return true;
}

/// The pointer parameters the dispatcher may move onto host copies of
/// resident data: never assigned in the body, not trading places, with
/// ranges that name only such parameters (computable at entry).
std::vector<HostCopyPlan> GpuPlanner::hostCopies(const CompoundStmt *Body) {
  Accesses A = collectAccesses(Body);
  std::set<const VarDecl *> Named(A.Declared.begin(), A.Declared.end());
  for (const auto &[V, Use] : A.Vars)
    Named.insert(V);
  std::vector<HostCopyPlan> Copies;
  for (const VarDecl *V : Data) {
    const auto *PV = dyn_cast<ParmVarDecl>(V);
    if (!PV || !PV->getType()->isPointerType() || PV->getType().isConstQualified() ||
        Swapped.count(V) || changedAt(Body, V).isValid())
      continue;
    HostCopyPlan C{PV, {}};
    bool AtEntry = true;
    for (unsigned I = 0; I < Plan.Transfers.size(); ++I) {
      const Transfer &T = Plan.Transfers[I];
      if (T.Var != V)
        continue;
      for (const VarDecl *W : Named)
        if (T.Range.names(W->getName()) &&
            (!isa<ParmVarDecl>(W) || changedAt(Body, W).isValid()))
          AtEntry = false;
      C.Transfers.push_back(I);
    }
    if (AtEntry && !C.Transfers.empty())
      Copies.push_back(std::move(C));
  }
  // In parameter order, so the text does not depend on pointer values.
  std::sort(Copies.begin(), Copies.end(), [](const HostCopyPlan &X, const HostCopyPlan &Y) {
    return X.Param->getFunctionScopeIndex() < Y.Param->getFunctionScopeIndex();
  });
  return Copies;
}

} // namespace ppar
