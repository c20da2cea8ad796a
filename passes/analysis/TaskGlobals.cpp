//===- TaskGlobals.cpp ----------------------------------------------------===//

#include "analysis/TaskGlobals.h"
#include "analysis/Accesses.h"
#include "analysis/MemoryWalk.h"
#include "analysis/TaskMemory.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include <cstring>
#include <functional>
#include <vector>

using namespace clang;

namespace ppar {
namespace {

/// Where an lvalue lies or a pointer points.
struct Targets {
  std::set<const VarDecl *> Globals;
  std::set<unsigned> Params;
  bool Anywhere = false;
  void merge(const Targets &O) {
    Globals.insert(O.Globals.begin(), O.Globals.end());
    Params.insert(O.Params.begin(), O.Params.end());
    Anywhere |= O.Anywhere;
  }
  static Targets anywhere() {
    Targets T;
    T.Anywhere = true;
    return T;
  }
};

using SummaryFn = std::function<const GlobalEffects &(const FunctionDecl *)>;

/// The touches of one function body, its callees' summaries given.
class Walker : public MemoryWalk<Walker> {
public:
  Walker(const FunctionDecl *Def, const SummaryFn &Summary, Purity &Pure)
      : Def(Def), Summary(Summary), Pure(Pure) {
    Accesses A = collectAccesses(Def->getBody());
    for (const auto &[V, Use] : A.Vars)
      if (Use.escapes() || (isa<ParmVarDecl>(V) && Use.written()))
        Opaque.insert(V);
    givenValues(Def->getBody());
  }
  GlobalEffects Out;

private:
  friend class MemoryWalk<Walker>;
  void givenValues(const Stmt *Body);
  Targets lvalueTargets(const Expr *L);
  Targets pointerTargets(const Expr *P);
  Targets varTargets(const VarDecl *V);
  void add(const Targets &T, int Mode);
  void access(const Expr *L, int Mode) {
    add(lvalueTargets(L), Mode);
    lvalueAddress(L);
  }
  /// Only the address: what is done through it is seen where it is used.
  void escape(const Expr *L) { lvalueAddress(L); }
  void call(const CallExpr *CE);

  const FunctionDecl *Def;
  const SummaryFn &Summary;
  Purity &Pure;
  std::set<const VarDecl *> Opaque; ///< address taken, or a parameter reassigned
  std::map<const VarDecl *, std::vector<const Expr *>> Values; ///< local pointers
  std::set<const VarDecl *> Visiting;
};

/// The values each local variable is given (its initializer, `v = e`).
void Walker::givenValues(const Stmt *Body) {
  struct Finder : RecursiveASTVisitor<Finder> {
    std::map<const VarDecl *, std::vector<const Expr *>> &Values;
    explicit Finder(std::map<const VarDecl *, std::vector<const Expr *>> &Values)
        : Values(Values) {}
    bool VisitVarDecl(VarDecl *V) {
      if (V->getInit())
        Values[V].push_back(V->getInit());
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->getOpcode() == BO_Assign)
        if (const VarDecl *V = asVar(BO->getLHS()))
          Values[V].push_back(BO->getRHS());
      return true;
    }
  } F(Values);
  F.TraverseStmt(const_cast<Stmt *>(Body));
}

/// A file-scope variable the generated code can name at the end of the
/// file; any other storage that outlives a call (a static local, a block
/// extern) is memory the plugin cannot name.
static Targets globalTarget(const VarDecl *V) {
  const ASTContext &Ctx = V->getASTContext();
  const VarDecl *Last = V->getMostRecentDecl();
  if (Last->getType().isConstant(Ctx) && !Last->getType().isVolatileQualified())
    return {}; // never written: no order to keep
  if (Last->getType()->isAtomicType())
    return {}; // the program's own synchronisation (isAtomicBuiltin)
  if (!V->getDeclContext()->getRedeclContext()->isFileContext() ||
      Last->getType()->isIncompleteType() || V->getName().empty())
    return Targets::anywhere();
  Targets T;
  T.Globals.insert(V->getCanonicalDecl());
  return T;
}

Targets Walker::lvalueTargets(const Expr *L) {
  auto Named = [](const DeclRefExpr *DRE) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    return V && V->hasGlobalStorage() ? globalTarget(V) : Targets();
  };
  auto Pointee = [this](const Expr *P) { return pointerTargets(P); };
  auto Other = [](const Expr *L) {
    if (isa<CompoundLiteralExpr>(L) || isa<StringLiteral>(L) || isa<PredefinedExpr>(L) ||
        !L->isGLValue())
      return Targets(); // a temporary of this call, or no memory at all
    return Targets::anywhere();
  };
  return lvalueBase<Targets>(L, Named, Pointee, Other);
}

Targets Walker::varTargets(const VarDecl *V) {
  if (const auto *P = dyn_cast<ParmVarDecl>(V)) {
    if (Opaque.count(V))
      return Targets::anywhere();
    for (unsigned I = 0; I < Def->getNumParams(); ++I)
      if (Def->getParamDecl(I) == P) {
        Targets T;
        T.Params.insert(I);
        return T;
      }
    return Targets::anywhere();
  }
  if (V->hasGlobalStorage() || Opaque.count(V))
    return Targets::anywhere();
  if (!Visiting.insert(V).second)
    return {}; // p = q; q = p: the other values decide
  Targets T;
  for (const Expr *E : Values[V])
    T.merge(pointerTargets(E));
  Visiting.erase(V);
  return T;
}

Targets Walker::pointerTargets(const Expr *P) {
  P = P->IgnoreParens();
  const ASTContext &Ctx = Def->getASTContext();
  if (P->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                               Expr::NPC_ValueDependentIsNotNull))
    return {};
  if (const auto *DRE = dyn_cast<DeclRefExpr>(P)) {
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      return V->getType()->isArrayType() ? lvalueTargets(DRE) : varTargets(V);
    return {}; // a function
  }
  if (const auto *CE = dyn_cast<CastExpr>(P)) {
    switch (CE->getCastKind()) {
    case CK_ArrayToPointerDecay:
      return lvalueTargets(CE->getSubExpr());
    case CK_LValueToRValue:
    case CK_NoOp:
    case CK_BitCast:
    case CK_FunctionToPointerDecay:
      return pointerTargets(CE->getSubExpr());
    default:
      return Targets::anywhere();
    }
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
    if (UO->getOpcode() == UO_AddrOf)
      return lvalueTargets(UO->getSubExpr());
    if (UO->isIncrementDecrementOp())
      return pointerTargets(UO->getSubExpr());
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
    if (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub)
      return pointerTargets(BO->getLHS()->getType()->isPointerType() ? BO->getLHS()
                                                                     : BO->getRHS());
    if (BO->getOpcode() == BO_Comma || BO->isAssignmentOp())
      return pointerTargets(BO->getRHS());
  }
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P)) {
    Targets T = pointerTargets(CO->getTrueExpr());
    T.merge(pointerTargets(CO->getFalseExpr()));
    return T;
  }
  if (const auto *Call = dyn_cast<CallExpr>(P))
    if (const FunctionDecl *FD = Call->getDirectCallee()) {
      StringRef N = FD->getName();
      N.consume_front("__builtin_");
      if (N == "malloc" || N == "calloc" || N == "aligned_alloc" || N == "realloc")
        return {}; // a fresh block: this call's own memory
    }
  return Targets::anywhere();
}

void Walker::add(const Targets &T, int Mode) {
  for (const VarDecl *V : T.Globals)
    Out.Vars[V] |= Mode;
  for (unsigned I : T.Params)
    Out.Params[I] |= Mode;
  if (T.Anywhere)
    Out.Anywhere |= Mode;
}

/// An atomic operation: memory touched only that way is the program's own
/// synchronisation between tasks that run at once (nogil), not ordered.
static bool isAtomicBuiltin(const FunctionDecl *FD) {
  if (!FD || !FD->getBuiltinID())
    return false;
  StringRef N = FD->getName();
  return N.starts_with("__atomic_") || N.starts_with("__sync_") ||
         N.starts_with("__c11_atomic_");
}

void Walker::call(const CallExpr *CE) {
  const FunctionDecl *FD = CE->getDirectCallee();
  const FunctionDecl *Body = nullptr;
  const char *Lib = FD ? libraryArgs(FD->getName()) : nullptr;
  if (FD && FD->hasBody(Body)) {
    const GlobalEffects &E = Summary(Body);
    for (const auto &[V, M] : E.Vars)
      Out.Vars[V] |= M;
    Out.Anywhere |= E.Anywhere;
    for (const auto &[I, M] : E.Params)
      if (I < CE->getNumArgs())
        add(pointerTargets(CE->getArg(I)), M);
  } else if (Lib) {
    size_t N = std::strlen(Lib);
    for (unsigned K = 0; K < CE->getNumArgs(); ++K) {
      char Letter = Lib[K < N ? K : N - 1];
      if (CE->getArg(K)->getType()->isPointerType() && Letter != 'i')
        add(pointerTargets(CE->getArg(K)), Letter == 'r' ? 1 : 3);
    }
  } else if (!FD || !Pure.isPure(FD)) {
    if (!isAtomicBuiltin(FD)) {
      Out.Anywhere |= 3; // a body the plugin cannot see, or a function pointer
      expr(CE->getCallee());
    }
  }
  for (const Expr *A : CE->arguments())
    A->getType()->isPointerType() ? address(A) : expr(A);
}

/// The functions with a body that FD's body calls, FD's included, that
/// have no final summary yet.
static void closure(const FunctionDecl *FD,
                    const std::map<const FunctionDecl *, GlobalEffects> &Known,
                    std::vector<const FunctionDecl *> &Out,
                    std::set<const FunctionDecl *> &Seen) {
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || Known.count(Def) || !Seen.insert(Def).second)
    return;
  Out.push_back(Def);
  struct Calls : RecursiveASTVisitor<Calls> {
    std::vector<const FunctionDecl *> Callees;
    bool VisitCallExpr(CallExpr *CE) {
      if (const FunctionDecl *Callee = CE->getDirectCallee())
        Callees.push_back(Callee);
      return true;
    }
  } C;
  C.TraverseStmt(Def->getBody());
  for (const FunctionDecl *Callee : C.Callees)
    closure(Callee, Known, Out, Seen);
}

} // namespace

const GlobalEffects &TaskGlobals::of(const FunctionDecl *FD) {
  static const GlobalEffects Unknown = [] {
    GlobalEffects E;
    E.Anywhere = 3;
    return E;
  }();
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def))
    return Unknown;
  if (auto It = Known.find(Def); It != Known.end())
    return It->second;
  // Every summary of the closure from nothing, until none changes (each
  // only grows, and is bounded): recursion gets its least fixed point.
  std::vector<const FunctionDecl *> Group;
  std::set<const FunctionDecl *> Seen;
  closure(Def, Known, Group, Seen);
  for (const FunctionDecl *F : Group)
    Work[F] = GlobalEffects();
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const FunctionDecl *F : Group) {
      GlobalEffects E = compute(F);
      if (!(E == Work[F])) {
        Work[F] = std::move(E);
        Changed = true;
      }
    }
  }
  for (const FunctionDecl *F : Group) {
    Known[F] = std::move(Work[F]);
    Work.erase(F);
  }
  return Known[Def];
}

GlobalEffects TaskGlobals::compute(const FunctionDecl *Def) {
  SummaryFn Summary = [&](const FunctionDecl *Callee) -> const GlobalEffects & {
    if (auto It = Known.find(Callee); It != Known.end())
      return It->second;
    return Work[Callee];
  };
  Walker W(Def, Summary, Pure);
  W.stmt(Def->getBody());
  return W.Out;
}

} // namespace ppar
