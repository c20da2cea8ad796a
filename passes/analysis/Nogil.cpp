//===- Nogil.cpp ----------------------------------------------------------===//

#include "analysis/Nogil.h"
#include "analysis/Accesses.h"
#include "analysis/MemRefs.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ppar {

/// Calls that take a lock: writes in a function that makes one are taken
/// to be guarded (ppar does not follow which lock guards what).
static bool takesLock(const MemRefs &M) {
  for (const CallExpr *C : M.Calls)
    if (const FunctionDecl *FD = C->getDirectCallee()) {
      llvm::StringRef N = FD->getName();
      if (N == "pthread_mutex_lock" || N == "pthread_spin_lock" ||
          N == "pthread_rwlock_wrlock" || N == "mtx_lock" || N == "omp_set_lock")
        return true;
    }
  return false;
}

namespace {
struct Checker {
  DiagSink &Sink;
  std::string Root;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Seen;

  void visit(const FunctionDecl *FD, const CallExpr *Via) {
    const FunctionDecl *Def = nullptr;
    if (!FD->hasBody(Def) || !Seen.insert(Def).second)
      return;
    MemRefs M = collectMemRefs(Def->getBody());
    if (!takesLock(M)) {
      Accesses A = collectAccesses(Def->getBody());
      for (const auto &[V, Use] : A.Vars) {
        if (!V->hasGlobalStorage() || !Use.written() || V->getType()->isAtomicType())
          continue;
        std::string What = V->isStaticLocal() ? "static" : "global";
        Sink.warning(Use.FirstWrite,
                     "'nogil' function '" + Root + "' writes the " + What + " '" +
                         V->getNameAsString() +
                         "' without an atomic or a lock; calls running at once race on it");
        if (Via)
          Sink.note(Via->getBeginLoc(), "reached through this call of '" +
                                            Def->getNameAsString() + "'");
      }
    }
    for (const CallExpr *C : M.Calls)
      if (const FunctionDecl *Callee = C->getDirectCallee())
        visit(Callee, Via ? Via : C);
  }
};
} // namespace

void checkNogil(const AnnotatedFunction &F, DiagSink &Sink) {
  bool Nogil = false;
  for (const FoundAnnotation &A : F.Anns)
    Nogil |= A.Ann.Nogil;
  if (!Nogil)
    return;
  Checker C{Sink, F.FD->getNameAsString(), {}};
  C.visit(F.FD, nullptr);
}

} // namespace ppar
