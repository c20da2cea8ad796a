//===- Purity.cpp ---------------------------------------------------------===//

#include "analysis/Purity.h"
#include "analysis/Accesses.h"
#include "analysis/MemRefs.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/Basic/Builtins.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace ppar {

static bool isPureBuiltin(const FunctionDecl *FD) {
  unsigned ID = FD->getBuiltinID();
  if (!ID)
    return false;
  const Builtin::Context &B = FD->getASTContext().BuiltinInfo;
  return B.isConst(ID) || B.isPure(ID) || B.isConstWithoutExceptions(ID) ||
         B.isConstWithoutErrnoAndExceptions(ID);
}

/// R reaches an array the function itself declares: no caller sees it.
static bool ownLocalArray(const MemRef &R) {
  return R.Base && R.Base->hasLocalStorage() && !isa<ParmVarDecl>(R.Base) &&
         R.Base->getType()->isArrayType();
}

bool Purity::isPure(const FunctionDecl *FD) {
  return FD && analyse(FD) != Impure;
}

std::string Purity::whyNot(const FunctionDecl *FD) {
  if (!FD)
    return "it calls through a function pointer";
  analyse(FD);
  auto It = Reasons.find(FD->getCanonicalDecl());
  return It == Reasons.end() ? "" : It->second;
}

Purity::State Purity::analyse(const FunctionDecl *FD) {
  FD = FD->getCanonicalDecl();
  auto It = Known.find(FD);
  if (It != Known.end())
    return It->second; // Visiting: a recursive call, pure unless shown not
  std::string Name = "'" + FD->getNameAsString() + "'";
  auto Verdict = [&](State S, std::string Why = "") {
    if (S == Impure) {
      // A caller in a recursive cycle may have been judged pure on the
      // assumption that FD was: judge everything again when next asked.
      for (auto It = Known.begin(); It != Known.end();)
        It = It->second == Pure ? Known.erase(It) : std::next(It);
      Reasons[FD] = std::move(Why);
    }
    Known[FD] = S;
    return S;
  };
  if (isPureBuiltin(FD) || FD->hasAttr<ConstAttr>() || FD->hasAttr<PureAttr>())
    return Verdict(Pure);
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || FD->isVariadic())
    return Verdict(Impure, "it calls " + Name + ", whose body ppar cannot see");

  Known[FD] = Visiting;
  Accesses A = collectAccesses(Def->getBody());
  for (const auto &[V, Use] : A.Vars) {
    if (V->hasLocalStorage() || A.declares(V))
      continue;
    if (V->getType().isConstQualified())
      continue;
    return Verdict(Impure, "it calls " + Name + ", which " +
                               (Use.written() ? "writes" : "reads") +
                               " the global '" + V->getNameAsString() + "'");
  }
  MemRefs M = collectMemRefs(Def->getBody());
  for (const MemRef &R : M.Refs) {
    if (!R.Write)
      continue;
    if (ownLocalArray(R))
      continue;
    return Verdict(Impure, "it calls " + Name + ", which writes through a pointer");
  }
  for (const CallExpr *C : M.Calls)
    if (!isPure(C->getDirectCallee()) && !writesOwnArrays(C))
      return Verdict(Impure, "it calls " + Name + ", which calls " +
                                 (C->getDirectCallee()
                                      ? "'" + C->getDirectCallee()->getNameAsString() + "'"
                                      : std::string("through a pointer")));
  return Verdict(Pure);
}

/// True when call C writes nothing but local arrays of its caller: the
/// callee is pure but for writes through its pointer parameters (never
/// assigned), and every pointer argument is such an array (a helper that
/// fills `unsigned w[4]`, as ppar_random_normal's Philox block).
bool Purity::writesOwnArrays(const CallExpr *C) {
  const FunctionDecl *FD = C->getDirectCallee();
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || FD->isVariadic() || C->getNumArgs() != FD->getNumParams())
    return false;
  for (const Expr *A : C->arguments()) {
    if (!A->getType()->isPointerType())
      continue;
    const auto *D = dyn_cast<DeclRefExpr>(A->IgnoreParenImpCasts());
    const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
    if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) || !V->getType()->isArrayType())
      return false;
  }
  Accesses A = collectAccesses(Def->getBody());
  for (const auto &[V, Use] : A.Vars) {
    if (isa<ParmVarDecl>(V) && V->getType()->isPointerType() && Use.written())
      return false; // the parameter may point elsewhere by then
    if (V->hasLocalStorage() || A.declares(V) || V->getType().isConstQualified())
      continue;
    return false; // a global that is not a constant
  }
  MemRefs M = collectMemRefs(Def->getBody());
  for (const MemRef &R : M.Refs)
    if (R.Write && !ownLocalArray(R) &&
        !(R.Base && isa<ParmVarDecl>(R.Base) && R.Base->getType()->isPointerType()))
      return false;
  for (const CallExpr *Inner : M.Calls)
    if (!isPure(Inner->getDirectCallee()))
      return false;
  return true;
}

/// OpenMP's queries of the team and clock, which change nothing.
static bool isOpenMPQuery(const FunctionDecl *FD) {
  return llvm::StringSwitch<bool>(FD->getName())
      .Cases("omp_get_thread_num", "omp_get_num_threads", "omp_get_max_threads", true)
      .Cases("omp_get_num_procs", "omp_in_parallel", "omp_get_level", true)
      .Cases("omp_get_wtime", "omp_get_wtick", true)
      .Default(false);
}

bool Purity::mayWrite(const FunctionDecl *FD) {
  if (!FD)
    return true; // a call through a pointer
  FD = FD->getCanonicalDecl();
  if (auto It = Writes.find(FD); It != Writes.end())
    return It->second;
  if (WriteVisiting.count(FD)) {
    // A recursive call: assume it writes nothing; what is concluded from
    // that assumption is not kept until the outermost call is judged.
    WriteAssumed = true;
    return false;
  }
  if (isPureBuiltin(FD) || FD->hasAttr<ConstAttr>() || FD->hasAttr<PureAttr>() ||
      isOpenMPQuery(FD))
    return Writes[FD] = false;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || FD->isVariadic())
    return Writes[FD] = true;
  WriteVisiting.insert(FD);
  bool OuterAssumed = WriteAssumed;
  WriteAssumed = false;
  bool Result = false;
  Accesses A = collectAccesses(Def->getBody());
  for (const auto &[V, Use] : A.Vars)
    if (!V->hasLocalStorage() && !A.declares(V) && (Use.written() || Use.escapes()))
      Result = true;
  MemRefs M = collectMemRefs(Def->getBody());
  for (const MemRef &R : M.Refs)
    if (R.Write && !ownLocalArray(R))
      Result = true;
  for (const CallExpr *C : M.Calls)
    Result = Result || mayWrite(C->getDirectCallee());
  WriteVisiting.erase(FD);
  if (Result || WriteVisiting.empty() || !WriteAssumed)
    Writes[FD] = Result;
  WriteAssumed = OuterAssumed || (WriteAssumed && !Result);
  return Result;
}

} // namespace ppar
