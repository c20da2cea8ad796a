//===- Scalars.cpp --------------------------------------------------------===//

#include "analysis/Scalars.h"
#include "analysis/Accesses.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace ppar {

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

/// How a run of some statements first uses V.
enum class FirstUse {
  None,         ///< it does not name V
  Written,      ///< it writes all of V before anything reads it
  MaybeWritten, ///< it may not write V (a loop may not run), but reads none
                ///< of V before writing it
  Read,         ///< it may read V before writing it
};

static FirstUse firstUse(llvm::ArrayRef<Stmt *> List, const VarDecl *V);

/// The first statement to name V must be `V = E;`, a loop `for (V = E; ...)`,
/// a block that itself writes V first, or an inner loop whose every
/// iteration writes V first (which may not run at all).
static FirstUse firstUseOf(const Stmt *S, const VarDecl *V) {
  if (!mentions(S, V))
    return FirstUse::None;
  if (definesWhole(S, V))
    return FirstUse::Written;
  if (isa<CompoundStmt>(S))
    return firstUse(statementsOf(S), V);
  const auto *For = dyn_cast<ForStmt>(S);
  if (!For)
    return FirstUse::Read;
  if (definesWhole(For->getInit(), V))
    return FirstUse::Written;
  if (mentions(For->getInit(), V) || mentions(For->getCond(), V) ||
      mentions(For->getInc(), V))
    return FirstUse::Read;
  FirstUse Body = firstUseOf(For->getBody(), V);
  return Body == FirstUse::Written || Body == FirstUse::MaybeWritten ? FirstUse::MaybeWritten
                                                                     : FirstUse::Read;
}

/// After a statement that may write V, the rest decides: a later write
/// first makes every run write V; a read of V first may see the value of
/// an earlier iteration.
static FirstUse firstUse(llvm::ArrayRef<Stmt *> List, const VarDecl *V) {
  for (size_t I = 0; I < List.size(); ++I) {
    FirstUse U = firstUseOf(List[I], V);
    if (U == FirstUse::None)
      continue;
    if (U != FirstUse::MaybeWritten)
      return U;
    FirstUse Rest = firstUse(List.drop_front(I + 1), V);
    return Rest == FirstUse::None ? FirstUse::MaybeWritten : Rest;
  }
  return FirstUse::None;
}

/// Each run of S writes all of V before anything reads it, or may not write
/// V at all (Conditional set) but reads none of it before writing it.
static bool writtenFirst(const Stmt *S, const VarDecl *V, bool &Conditional) {
  FirstUse U = firstUse(statementsOf(S), V);
  Conditional = U == FirstUse::MaybeWritten;
  return U == FirstUse::Written || U == FirstUse::MaybeWritten;
}

/// Where each variable of FD is named last.
static llvm::DenseMap<const VarDecl *, SourceLocation>
lastUses(const FunctionDecl *FD) {
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  // Every mention, those in the sizes of variable-length array types too.
  struct Visitor : RecursiveASTVisitor<Visitor> {
    const SourceManager &SM;
    llvm::DenseMap<const VarDecl *, SourceLocation> Last;
    explicit Visitor(const SourceManager &SM) : SM(SM) {}
    bool VisitDeclRefExpr(DeclRefExpr *DRE) {
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
        SourceLocation L = SM.getExpansionLoc(DRE->getLocation());
        SourceLocation &Slot = Last[V];
        if (Slot.isInvalid() || SM.isBeforeInTranslationUnit(Slot, L))
          Slot = L;
      }
      return true;
    }
  } V(SM);
  V.TraverseStmt(FD->getBody());
  return std::move(V.Last);
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
    std::optional<ReductionOp> Op = reductionOf(Body, V);
    if (T->isArithmeticType() && Op) {
      // OpenMP combines partial results with atomics: a type wider than
      // 8 bytes (long double, complex) would need libatomic.
      const ASTContext &Ctx = V->getASTContext();
      if (T->isAnyComplexType() || Ctx.getTypeSize(T) > 64) {
        Problem = {Use.FirstWrite, "'" + Name + "' is a reduction of type '" +
                                       T.getAsString() + "', which ppar does "
                                       "not combine in parallel"};
        return std::nullopt;
      }
      Plan.Reductions.push_back({V, *Op});
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
