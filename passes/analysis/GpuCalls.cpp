//===- GpuCalls.cpp -------------------------------------------------------===//

#include "analysis/GpuCalls.h"
#include "analysis/MemRefs.h"
#include "annotations/Binding.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace ppar {

/// FD is jit with target=cuda|auto. (A vectorize function's GPU code is
/// its generated f_vec, which the original text cannot call by name.)
static bool hasGpuTarget(const FunctionDecl *FD) {
  for (const FoundAnnotation &A : annotationsOf(FD->getMostRecentDecl()))
    if (A.Ann.Kind == Directive::Jit &&
        (A.Ann.TargetKind == Target::Cuda || A.Ann.TargetKind == Target::Auto))
      return true;
  return false;
}

static bool reaches(const FunctionDecl *FD,
                    llvm::SmallPtrSetImpl<const FunctionDecl *> &Seen) {
  if (hasGpuTarget(FD))
    return true;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Seen.insert(Def).second)
    return false;
  for (const CallExpr *C : collectMemRefs(Def->getBody()).Calls)
    if (const FunctionDecl *Callee = C->getDirectCallee())
      if (reaches(Callee, Seen))
        return true;
  return false;
}

bool callsGpuCode(const FunctionDecl *FD) {
  llvm::SmallPtrSet<const FunctionDecl *, 8> Seen;
  return reaches(FD, Seen);
}

} // namespace ppar
