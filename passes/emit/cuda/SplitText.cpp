//===- SplitText.cpp - A GPU call split across devices, as C -------------===//

#include "emit/cuda/SplitText.h"
#include "emit/Versioning.h"
#include "emit/abi/Gpu.h"
#include "emit/abi/Loops.h"
#include "emit/cuda/TransferText.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace ppar {

namespace {

/// The statement S without the attributes around it ([[ppar::prange]]).
const Stmt *bare(const Stmt *S) {
  while (const auto *A = dyn_cast_or_null<AttributedStmt>(S))
    S = A->getSubStmt();
  return S;
}

/// Whether the body is the loop L, after the declaration of its variable
/// (`int i;`) at most: nothing else runs, so the split may stand for the
/// whole call, and the part function needs no local of the body.
bool bodyIsLoop(const FunctionDecl *FD, const ParallelLoop &L) {
  const auto *Body = dyn_cast<CompoundStmt>(FD->getBody());
  if (!Body || Body->body_empty() || bare(Body->body_back()) != L.Shape.Loop)
    return false;
  for (const Stmt *S : Body->body()) {
    if (S == Body->body_back())
      break;
    const auto *D = dyn_cast<DeclStmt>(S);
    if (!D)
      return false;
    for (const Decl *X : D->decls()) {
      const auto *V = dyn_cast<VarDecl>(X);
      if (!V || V != L.Shape.Var || V->hasInit())
        return false;
    }
  }
  return true;
}

/// The part's copy of parameter V, number I of the caller's __ppar_a:
/// `double *x = *(__typeof__(x) *)__ppar_a[1];` (an array parameter as the
/// pointer it is).
std::string paramCopy(const ParmVarDecl *V, unsigned I) {
  const ASTContext &Ctx = V->getASTContext();
  std::string Name = V->getNameAsString(), Decl;
  if (!V->getOriginalType()->isArrayType() && !V->getOriginalType()->isFunctionType())
    Decl = sourceText(V->getSourceRange(), Ctx);
  if (Decl.empty()) {
    llvm::raw_string_ostream OS(Decl);
    V->getType().print(OS, PrintingPolicy(Ctx.getLangOpts()), Name);
  }
  return Decl + " = *(__typeof__(" + Name + ") *)__ppar_a[" + std::to_string(I) + "]; ";
}

} // namespace

std::string splitBlocker(const FunctionPlan &P, const GpuPlan &Plan, const SplitLaunch &S) {
  const FunctionDecl *FD = P.F.FD;
  if (P.Loops.size() != 1 || Plan.Kernels.size() != 1)
    return "it has more than one kernel";
  if (!S.Blocker.empty())
    return S.Blocker;
  if (!FD->getReturnType()->isVoidType())
    return "it returns a value";
  if (FD->isVariadic())
    return "it takes variable arguments";
  if (!Plan.HostUses.empty() || !Plan.PhaseBlocks.empty())
    return "host code runs between its kernels";
  for (const Registration &R : Plan.Registrations)
    if (R.Root)
      return "pointers trade places";
  for (const ParmVarDecl *V : FD->parameters())
    if (!V->getIdentifier() || V->getStorageClass() == SC_Register)
      return "a parameter has no name or is `register`";
  if (!bodyIsLoop(FD, P.Loops[0]))
    return "its body does more than the loop";
  return "";
}

std::string splitPartText(const FunctionPlan &P, const GpuPlan &Plan, const SplitLaunch &S,
                          const std::string &Module) {
  const FunctionDecl *FD = P.F.FD;
  std::string Text = "static int " + variantName(FD, "part") + "(void *__ppar_e, " +
                     abi::gpuPartParam("__ppar_p") + ") { void **__ppar_a = (void **)__ppar_e; ";
  unsigned I = 0;
  for (const ParmVarDecl *V : FD->parameters())
    Text += paramCopy(V, I++);
  Text += "{ " + S.Trips;
  // A failed overlap check runs the kernel serially: on one device.
  if (!S.Checks.empty())
    Text += "if (!(" + S.Checks + ")) return -4; ";
  Text += abi::gpuBegin("__ppar_g", Module) + "; if (!__ppar_g) return -3; ";
  std::string Step = std::to_string(S.Step);
  Text += "__ppar_lo0 += __ppar_p->first * " + Step + "; __ppar_n0 = __ppar_p->count; ";
  std::string Last = "__ppar_lo0 + (__ppar_n0 - 1) * " + Step;
  Text += "long long __ppar_blo = " + abi::min("__ppar_lo0", Last) +
          ", __ppar_bhi = " + abi::max("__ppar_lo0", Last) + "; ";
  for (const Registration &R : Plan.Registrations) {
    const Transfer &T = Plan.Transfers[R.Transfer];
    auto [Lo, Hi] = T.Range.Source == TransferRange::From::Subscripts && T.Range.Touch->Block
                        ? subscriptBoundsText(*T.Range.Touch->Block)
                        : boundsText(T.Range);
    Text += abi::gpuData("__ppar_g", Lo, Hi, access(T.Direction)) + "; ";
  }
  Text += abi::gpuCopyIn("__ppar_g") + "; int __ppar_serial = 0; " + S.Host + S.Launch +
          "; return " + abi::gpuEnd("__ppar_g") + "; } }\n";
  return Text;
}

std::string splitCallText(const FunctionPlan &P, const SplitLaunch &S,
                          const std::string &Module) {
  const FunctionDecl *FD = P.F.FD;
  std::string Env;
  for (const ParmVarDecl *V : FD->parameters())
    Env += (Env.empty() ? "" : ", ") + ("(void *)&" + V->getNameAsString());
  if (Env.empty())
    Env = "0";
  return "if (" + abi::gpuParts() + " > 1) { " + S.Trip0 + "void *__ppar_a[] = {" + Env +
         "}; if (" +
         abi::gpuSplit(Module, "__ppar_n0", variantName(FD, "part"), "__ppar_a") +
         " == 0) return; } ";
}

} // namespace ppar
