//===- SplitText.cpp - A GPU call split across devices, as C -------------===//

#include "emit/cuda/SplitText.h"
#include "emit/Versioning.h"
#include "emit/abi/Gpu.h"
#include "emit/abi/Loops.h"
#include "emit/cuda/TransferText.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include <optional>

using namespace clang;

namespace ppar {

namespace {

/// The statement S without the attributes around it ([[ppar::prange]]).
const Stmt *bare(const Stmt *S) {
  while (const auto *A = dyn_cast_or_null<AttributedStmt>(S))
    S = A->getSubStmt();
  return S;
}

const Reduction *reductionOf(const SplitLaunch &S, const VarDecl *V) {
  for (const Reduction &R : S.Reductions)
    if (R.Var == V)
      return &R;
  return nullptr;
}

/// The body as a split sees it: the variables of the loop's reductions
/// declared first (initialised without side effects: the one-device call
/// may run after the split's), maybe the loop variable (`int i;`), the
/// loop, and at most a `return` after it. Nothing else runs, so the split
/// stands for the whole call, and the part function needs no other local.
struct BodyShape {
  std::vector<const VarDecl *> Reduced; ///< in order of declaration
  const ReturnStmt *Return = nullptr;
};

std::optional<BodyShape> bodyShape(const FunctionDecl *FD, const ParallelLoop &L,
                                   const SplitLaunch &S) {
  const auto *Body = dyn_cast<CompoundStmt>(FD->getBody());
  if (!Body || Body->body_empty())
    return std::nullopt;
  BodyShape B;
  auto It = Body->body_begin(), End = Body->body_end();
  for (; It != End && isa<DeclStmt>(*It); ++It)
    for (const Decl *X : cast<DeclStmt>(*It)->decls()) {
      const auto *V = dyn_cast<VarDecl>(X);
      if (V && V == L.Shape.Var && !V->hasInit())
        continue;
      if (!V || !reductionOf(S, V) || !V->hasLocalStorage() ||
          V->getType()->isVariablyModifiedType() ||
          (V->getInit() && V->getInit()->HasSideEffects(FD->getASTContext())))
        return std::nullopt;
      B.Reduced.push_back(V);
    }
  if (It == End || bare(*It) != L.Shape.Loop)
    return std::nullopt;
  if (++It != End) {
    B.Return = dyn_cast<ReturnStmt>(*It);
    if (!B.Return || ++It != End || B.Return->getBeginLoc().isMacroID())
      return std::nullopt;
  }
  // Every reduction's variable is one of those: its partials are combined
  // into it after the split.
  if (B.Reduced.size() != S.Reductions.size())
    return std::nullopt;
  if (!B.Return && !FD->getReturnType()->isVoidType())
    return std::nullopt;
  return B;
}

/// `double s` for V, its type written out (not variably modified).
std::string declaratorText(const VarDecl *V) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  V->getType().getUnqualifiedType().print(OS, PrintingPolicy(V->getASTContext().getLangOpts()),
                                          V->getName());
  return Out;
}

/// Where a part's partial of R starts: the variable's value when folding
/// a value in twice changes nothing (min, max, &, |), else the identity.
std::string partialStart(const Reduction &R, const std::string &Value) {
  const ReductionOpInfo &Op = info(R.Op);
  if (Op.Idempotent)
    return Value;
  std::string V = R.Var->getNameAsString();
  bool Float = R.Var->getType()->isRealFloatingType() && !Op.FloatIdentity.empty();
  return "(__typeof__(" + V + "))" + (Float ? Op.FloatIdentity : Op.Identity).str();
}

/// `A = A op B;`
std::string combineText(const Reduction &R, const std::string &A, const std::string &B) {
  const ReductionOpInfo &Op = info(R.Op);
  if (!Op.Replaces.empty())
    return A + " = " + B + " " + Op.Replaces.str() + " " + A + " ? " + B + " : " + A + ";";
  return A + " = " + A + " " + Op.OpenMP.str() + " " + B + ";";
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
  if (!bodyShape(FD, P.Loops[0], S))
    return "its body does more than the loop";
  return "";
}

std::string splitPartText(const FunctionPlan &P, const GpuPlan &Plan, const SplitLaunch &S,
                          const std::string &Module) {
  const FunctionDecl *FD = P.F.FD;
  BodyShape B = *bodyShape(FD, P.Loops[0], S);
  std::string Text = "static int " + variantName(FD, "part") + "(void *__ppar_e, " +
                     abi::gpuPartParam("__ppar_p") + ") { void **__ppar_a = (void **)__ppar_e; ";
  unsigned I = 0;
  for (const ParmVarDecl *V : FD->parameters())
    Text += paramCopy(V, I++);
  // Each reduction: the caller's value, then its array of partials.
  std::string Store;
  for (const VarDecl *V : B.Reduced) {
    std::string N = V->getNameAsString(), Slot = std::to_string(I);
    const Reduction &R = *reductionOf(S, V);
    Text += declaratorText(V) + " = " +
            (info(R.Op).Idempotent ? "*(__typeof__(" + N + ") *)__ppar_a[" + Slot + "]"
                                   : partialStart(R, N)) +
            "; ";
    Store += "((__typeof__(" + N + ") *)__ppar_a[" + std::to_string(I + 1) +
             "])[__ppar_p->part] = " + N + "; ";
    I += 2;
  }
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
  Text += abi::gpuCopyIn("__ppar_g") + "; int __ppar_serial = 0; " + S.Host + S.Launch;
  if (Store.empty())
    return Text + "return " + abi::gpuEnd("__ppar_g") + "; } }\n";
  return Text + "int __ppar_rc = " + abi::gpuEnd("__ppar_g") + "; if (!__ppar_rc) { " + Store +
         "} return __ppar_rc; } }\n";
}

std::string splitCallText(const FunctionPlan &P, const SplitLaunch &S,
                          const std::string &Module) {
  const FunctionDecl *FD = P.F.FD;
  const ASTContext &Ctx = FD->getASTContext();
  BodyShape B = *bodyShape(FD, P.Loops[0], S);
  std::string Env, Decls, Combine;
  for (const ParmVarDecl *V : FD->parameters())
    Env += (Env.empty() ? "" : ", ") + ("(void *)&" + V->getNameAsString());
  // The reductions' variables as the body declares them, and one partial
  // per part, each starting where a part that does not run leaves it.
  for (const VarDecl *V : B.Reduced) {
    const Reduction &R = *reductionOf(S, V);
    std::string N = V->getNameAsString(), Parts = "__ppar_r_" + N;
    Decls += declaratorText(V) + (V->getInit() ? " = " + hostText(V->getInit(), Ctx) : "") +
             "; __typeof__(" + N + ") " + Parts + "[__ppar_np]; for (int __ppar_k = 0; __ppar_k < "
             "__ppar_np; __ppar_k++) " + Parts + "[__ppar_k] = " + partialStart(R, N) + "; ";
    Env += (Env.empty() ? "" : ", ") + ("(void *)&" + N + ", (void *)" + Parts);
    Combine += combineText(R, N, Parts + "[__ppar_k]") + " ";
  }
  if (Env.empty())
    Env = "0";
  std::string Done;
  if (!Combine.empty())
    Done += "for (int __ppar_k = 0; __ppar_k < __ppar_np; __ppar_k++) { " + Combine + "} ";
  Done += B.Return && B.Return->getRetValue()
              ? "return " + hostText(B.Return->getRetValue(), Ctx) + ";"
              : std::string("return;");
  std::string Parts = B.Reduced.empty() ? "" : "int __ppar_np = " + abi::gpuParts() + "; ";
  return "if (" + abi::gpuParts() + " > 1) { " + S.Trips + Parts + Decls +
         "void *__ppar_a[] = {" + Env + "}; if (" +
         abi::gpuSplit(Module, "__ppar_n0", S.Total, variantName(FD, "part"), "__ppar_a") +
         " == 0) { " + Done + " } } ";
}

} // namespace ppar
