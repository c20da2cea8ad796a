//===- CudaVariant.cpp - The GPU variant's text from its plan ------------===//
//
// Prints a GpuPlan (plan/GpuPlan.h) into the edits of the GPU variant: each
// kernel's CUDA source (its body through KernelText), its launch in place
// of the loop, the registrations and copy-in before the first, the call's
// begin and every way out of it, and the module that carries the kernels.
//
//===----------------------------------------------------------------------===//

#include "emit/cuda/CudaVariant.h"
#include "analysis/MemberVars.h"
#include "emit/BlockSize.h"
#include "emit/RangeText.h"
#include "emit/Versioning.h"
#include "emit/abi/Gpu.h"
#include "emit/cuda/HostCodeCopies.h"
#include "emit/cuda/KernelText.h"
#include "emit/cuda/SplitText.h"
#include "emit/cuda/TransferReport.h"
#include "emit/cuda/TransferText.h"
#include "plan/GpuPlan.h"
#include "support/CText.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include <functional>

using namespace clang;

namespace ppar {

namespace {

/// Host text computing a level's first value and trip count into
/// __ppar_lo<I> and __ppar_n<I> (long long).
std::string tripText(const NestLevel &L, unsigned I, const ASTContext &Ctx) {
  std::string Lo = "__ppar_lo" + std::to_string(I), N = "__ppar_n" + std::to_string(I);
  std::string B = "__ppar_b" + std::to_string(I);
  std::string Out = "long long " + Lo + " = (long long)(" + hostText(L.Header.Init, Ctx) +
                    "), " + B + " = (long long)(" + hostText(L.Header.Bound, Ctx) + "), " +
                    N + " = ";
  Out += tripCountText(L.Header.Cmp, L.Step, Lo, B);
  return Out + "; ";
}

class VariantPrinter {
public:
  VariantPrinter(FunctionPlan &P, Purity &Pure, DiagSink &Sink, bool Report)
      : P(P), Pure(Pure), Sink(Sink), Report(Report), FD(P.F.FD),
        Ctx(FD->getASTContext()), SM(Ctx.getSourceManager()), K(Ctx, Sink) {}

  void run(Target T) {
    const auto *Body = cast<CompoundStmt>(FD->getBody());
    GpuPlanner Pl(P, Pure, Sink);
    GpuVariant G;
    G.Target = T == Target::Auto ? abi::RunTarget::Auto : abi::RunTarget::Cuda;
    G.Edits.emplace(SM, Ctx.getLangOpts(), Body->getSourceRange());
    std::string Kernels;
    for (unsigned I = 0; I < P.Loops.size(); ++I) {
      std::optional<std::string> Kernel = outline(Pl, P.Loops[I], I, G);
      if (!Kernel)
        return;
      Kernels += "\n" + *Kernel;
    }
    if (!K.ok() || !Pl.placeData(Body) || !registrations(Pl.Plan, G))
      return;
    Pl.finish(Body);
    const GpuPlan &Plan = Pl.Plan;
    if (Plan.Checkable)
      for (const ParallelLoop &L : P.Loops)
        for (const std::string &R : writtenRegionTexts(L))
          G.CheckRegions.push_back(R);
    for (const HostCopyPlan &C : Plan.HostCopies) {
      HostCopy H{C.Param->getNameAsString(), {}};
      for (unsigned T : C.Transfers) {
        auto [Lo, Hi] = boundsText(Plan.Transfers[T].Range);
        H.Bounds.push_back(Lo);
        H.Bounds.push_back(Hi);
      }
      G.HostCopies.push_back(std::move(H));
    }
    std::string Fn = FD->getNameAsString();
    G.Source = K.prelude() + Kernels;
    // The variant: begin at entry; every way out ends the call, and a call
    // that failed runs the CPU variant on the caller's untouched data.
    std::string Cpu = variantName(FD, "cpu") + "(" + callArgs(FD) + ")";
    bool Void = FD->getReturnType()->isVoidType();
    std::string Fallback = Void ? "{ " + Cpu + "; return; }" : "return " + Cpu + ";";
    // Several devices: the loop in blocks, one per device, when the body
    // is that loop (SplitText.h); the one-device call otherwise.
    std::string Split, SplitPart;
    if (Splits.size() == 1 && splitBlocker(P, Plan, Splits[0]).empty()) {
      Split = splitCallText(P, Splits[0], "__ppar_m_" + Fn);
      // Before the module's source, which it names (a tentative definition):
      // the module's definition stays right above the variant.
      SplitPart = abi::moduleDecl("__ppar_m_" + Fn) + "\n" +
                  splitPartText(P, Plan, Splits[0], "__ppar_m_" + Fn);
    }
    bool Edited = edit(Body->getLBracLoc(),
                       G.Edits->insertAfterToken(
                           Body->getLBracLoc(), " " + Split + abi::gpuBegin("__ppar_g", "__ppar_m_" + Fn) +
                                                    "; if (!__ppar_g) " + Fallback));
    // Host code between kernels that uses the data: copies around it.
    for (const HostUse &U : Plan.HostUses) {
      HostUseText Copies = hostUseText(U, Plan, "__ppar_g", Fallback, Ctx);
      SourceLocation End = lastToken(U.S, SM, Ctx.getLangOpts());
      Edited = Edited && edit(U.S->getBeginLoc(),
                              G.Edits->insertBefore(U.S->getBeginLoc(), Copies.Before));
      if (!Copies.After.empty())
        Edited = Edited && edit(End, G.Edits->insertAfterToken(End, Copies.After));
    }
    std::function<void(const Stmt *)> Returns = [&](const Stmt *S) {
      if (!S)
        return;
      if (const auto *R = dyn_cast<ReturnStmt>(S)) {
        if (SM.isBeforeInTranslationUnit(Plan.LastKernelStmt->getEndLoc(), R->getBeginLoc()))
          return; // the call has ended: a plain return
        if (R->getBeginLoc().isMacroID()) {
          // `RET;` with `#define RET return x`: no text to end the call in.
          Edited = Edited && edit(R->getBeginLoc(), "a return statement comes from a macro");
          return;
        }
        std::string Text =
            R->getRetValue()
                ? "{ __auto_type __ppar_ret = " + hostText(R->getRetValue(), Ctx) +
                      "; if (" + abi::gpuEnd("__ppar_g") + ") " + Fallback + " return __ppar_ret; }"
                : "{ if (" + abi::gpuEnd("__ppar_g") + ") " + Fallback + " return; }";
        Edited = Edited &&
                 edit(R->getBeginLoc(),
                      G.Edits->replace(
                          SourceRange(R->getBeginLoc(), lastToken(R, SM, Ctx.getLangOpts())),
                          Text));
        return;
      }
      for (const Stmt *C : S->children())
        Returns(C);
    };
    Returns(Body);
    // The call ends after the last statement that holds a kernel: the data
    // is back on the host for whatever the function does next.
    SourceLocation Last = lastToken(Plan.LastKernelStmt, SM, Ctx.getLangOpts());
    if (!Edited ||
        !edit(Last, G.Edits->insertAfterToken(Last, " if (" + abi::gpuEnd("__ppar_g") + ") " +
                                                        Fallback)))
      return;
    PresumedLoc Def = SM.getPresumedLoc(FD->getLocation());
    const Annotation *Jit = P.F.find(Directive::Jit);
    std::vector<std::string> Names;
    for (unsigned I = 0; I < P.Loops.size(); ++I)
      Names.push_back(kernelName(I));
    G.Module = SplitPart + gpuModule(Fn, Fn, Def.getFilename(), Def.getLine(), G.Source, Names,
                                     Jit->Cache, Jit->Fastmath);
    if (Report) { // at the name: the annotation's line gets the declarations
      Sink.remark(FD->getLocation(),
                  "'" + Fn + "' runs its " + std::to_string(P.Loops.size()) +
                      " parallel loop" + (P.Loops.size() == 1 ? "" : "s") +
                      " as CUDA kernels" +
                      (T == Target::Auto ? " when a GPU is present" : "") +
                      (Split.empty() ? "" : ", split across the devices PPAR_DEVICES names"));
      for (const TransferSummary &X : summarizeTransfers(Plan))
        Sink.note(X.Var->getLocation(), transferMessage(X, Plan, SM));
    }
    for (const HostUse &U : Plan.HostUses) // with or without the report
      for (const std::string &M : hostUseMessages(U, Plan, Fn, Ctx))
        Sink.remark(U.S->getBeginLoc(), M);
    G.Plan = Plan;
    P.Gpu = std::make_shared<const GpuVariant>(std::move(G));
  }

private:
  std::string kernelName(unsigned I) const {
    return "__ppar_k_" + FD->getNameAsString() + "_" + std::to_string(I);
  }

  void decline(SourceLocation Loc, const std::string &Why) {
    Sink.warning(Loc, "'" + FD->getNameAsString() + "' runs on the CPU: " + Why);
  }

  /// True when an edit of the variant's text was accepted (Why is ""),
  /// else declines: the text at Loc cannot be rewritten safely.
  bool edit(SourceLocation Loc, const std::string &Why) {
    if (Why.empty())
      return true;
    decline(Loc, "the GPU variant cannot rewrite the code here: " + Why);
    return false;
  }

  /// The kernel of loop L (number I), and its launch in the variant.
  std::optional<std::string> outline(GpuPlanner &Pl, const ParallelLoop &L, unsigned I,
                                     GpuVariant &G) {
    std::optional<GpuKernel> Kn = Pl.kernel(L, I);
    if (!Kn)
      return std::nullopt;
    const llvm::SmallVector<NestLevel, 2> &Nest = Kn->Nest;
    const Stmt *Body = Kn->Body;
    K.Free.clear();
    K.Addressed.clear();
    K.PointerStores.clear();
    K.Renamed.clear();
    for (const NestLevel &N : Nest)
      K.local(N.Var);
    std::string Params = "long long __ppar_lo0, long long __ppar_n0, ";
    std::string Args = "&__ppar_lo0, &__ppar_n0, ";
    if (Nest.size() == 2) {
      Params += "long long __ppar_lo1, long long __ppar_n1, ";
      Args += "&__ppar_lo1, &__ppar_n1, ";
    }
    Params += "int __ppar_serial";
    Args += "&__ppar_serial";
    std::string Start, Finish, Host, After, PerIteration;
    SplitLaunch Sp; // what a part of a split call needs (SplitText.h)
    Sp.Step = Nest[0].Step;
    Sp.Reductions = Kn->Reductions;
    if (!Kn->LastPrivate.empty())
      Sp.Blocker = "its loop has a last-private variable";
    for (const Reduction &R : Kn->Reductions)
      if (R.Element)
        Sp.Blocker = "its loop reduces into an array element";
    for (const Reduction &R : Kn->Reductions) {
      std::string V = R.Var->getNameAsString();
      const ReductionOpInfo &Op = info(R.Op);
      QualType T = R.Var->getType();
      std::string Acc = "__ppar_acc_" + V, Red = "__ppar_red_" + V, Init = "__ppar_init_" + V;
      K.Renamed[R.Var] = Acc;
      std::string Decl = K.declare(T.getUnqualifiedType(), Acc, R.Var->getLocation());
      SourceLocation Loc = R.Var->getLocation();
      Params += ", " + K.declare(Ctx.getPointerType(T.getUnqualifiedType()), Red, Loc) + ", " +
                K.declare(T.getUnqualifiedType(), Init, Loc);
      Args += ", &" + Red + ", &" + Init;
      std::string First = Op.Idempotent
                              ? Init
                              : "(" + T.getUnqualifiedType().getAsString() + ")" + Op.Identity.str();
      Start += "  " + Decl + " = " + First + ";\n";
      Finish += "  __ppar_reduce(" + Acc + ", " + Red + ", " + Op.CudaFunctor.str() + "());\n";
      Host += "__typeof__(" + V + ") " + Init + " = " + V + ", *" + Red +
              " = " + abi::gpuReduction("__ppar_g", "&" + V, "sizeof " + V) + "; ";
      Sp.Host += "__typeof__(" + V + ") " + Init + " = " + V + ", *" + Red +
                 " = " + abi::gpuReduction("__ppar_g", "&" + V, "sizeof " + V) + "; ";
      After += abi::gpuFetch("__ppar_g", "&" + V, Red, "sizeof " + V) + "; ";
    }
    for (const VarDecl *V : Kn->Private) {
      K.local(V);
      PerIteration += K.declare(V->getType(), V->getNameAsString(), V->getLocation()) + "; ";
    }
    std::string Last;
    for (const VarDecl *V : Kn->LastPrivate) {
      K.local(V);
      std::string N = V->getNameAsString(), Ptr = "__ppar_last_" + N;
      PerIteration += K.declare(V->getType(), N, V->getLocation()) + "; ";
      Params += ", " + K.declare(Ctx.getPointerType(V->getType()), Ptr, V->getLocation());
      Args += ", &" + Ptr;
      Host += "__typeof__(" + N + ") *" + Ptr + " = " +
              abi::gpuScratch("__ppar_g", "&" + N, "sizeof " + N) + "; ";
      After += abi::gpuFetch("__ppar_g", "&" + N, Ptr, "sizeof " + N) + "; ";
      Last += "    if (__ppar_last) *" + Ptr + " = " + N + ";\n";
    }

    std::string BodyText = K.stmt(Body);
    if (!isa<CompoundStmt>(Body))
      BodyText = "{ " + BodyText + (isa<Expr>(Body) ? ";" : "") + " }";
    if (!Pl.params(*Kn, K.Free, K.PointerLoad, K.PointerStores))
      return std::nullopt;

    // The host variables the body reads become parameters: values by
    // value, memory by its device address.
    for (const KernelParam &KP : Kn->Params) {
      const VarDecl *V = KP.Var;
      QualType T = V->getType();
      // N: the host's spelling (`s->grid` for a member variable), KN: the
      // name in the kernel, an identifier.
      std::string N = V->getNameAsString(), KN = ppar::kernelName(V);
      switch (KP.Kind) {
      case ParamKind::PointerValue: {
        // The loop needs the pointer's value, not its memory: the host's.
        std::string Value = "__ppar_v_" + KN;
        Params += ", " + K.declare((T->isArrayType() ? Ctx.getDecayedType(T) : T).getUnqualifiedType(),
                                   KN, KP.Use);
        Host += "__typeof__(&*" + N + ") " + Value + " = " + N + "; ";
        Sp.Host += "__typeof__(&*" + N + ") " + Value + " = " + N + "; ";
        Args += ", &" + Value;
        break;
      }
      case ParamKind::Memory: {
        std::string Lo = launchLoText(Pl.Plan.Transfers[KP.Transfer].Range);
        Params += ", " + K.declare(T->isArrayType() ? Ctx.getDecayedType(T) : T, KN, KP.Use);
        // Through the range's first byte: the pointer itself may lie before
        // the range (a loop from i = 1), where the runtime knows nothing.
        Host += "void *__ppar_p_" + KN + " = (char *)" + abi::gpuPtr("__ppar_g", Lo) +
                " - ((const char *)" + Lo + " - (const char *)" + N + "); ";
        // A part registers the bytes of its block only: its pointer is
        // taken through the block's first byte.
        const TransferRange &TR = Pl.Plan.Transfers[KP.Transfer].Range;
        std::string BLo = TR.Source == TransferRange::From::Subscripts && TR.Touch->Block
                              ? "(const void *)" + rangeLoText(*TR.Touch->Block)
                              : Lo;
        Sp.Host += "void *__ppar_p_" + KN + " = (char *)" + abi::gpuPtr("__ppar_g", BLo) +
                   " - ((const char *)" + BLo + " - (const char *)" + N + "); ";
        Args += ", &__ppar_p_" + KN;
        break;
      }
      case ParamKind::Value:
        Params += ", " + K.declare(T.getUnqualifiedType(), N, KP.Use);
        Args += ", &" + N;
        break;
      }
    }

    // An address the loop stores (`p[i] = &x`) is the host's: the kernel
    // gets it by value and never follows it (a load of it is declined above).
    if (!K.Addressed.empty())
      Sp.Blocker = "its loop stores the address of a host variable";
    for (const auto &[V, Loc] : K.Addressed) {
      std::string N = KernelText::addressName(V);
      Params += ", " + K.declare(Ctx.getPointerType(V->getType()), N, Loc);
      Host += "__typeof__(&" + V->getNameAsString() + ") " + N + " = &" +
              V->getNameAsString() + "; ";
      Args += ", &" + N;
    }

    // Grid-stride loops over the iterations; `serial` (a run-time overlap
    // check failed) runs them all, in order, on one thread.
    std::string Name = kernelName(I);
    std::string Text = "extern \"C\" __global__ void " + Name + "(" + Params + ") {\n  __ppar_kernel_entry();\n" + Start;
    const char *Axis[2] = {"x", "y"};
    std::string Index = "";
    for (size_t D = 0; D < Nest.size(); ++D) {
      // The outer loop on y when there are two, the inner one on x: threads
      // next to each other take elements next to each other.
      size_t Level = D;
      std::string A = Axis[Nest.size() == 2 && D == 0 ? 1 : 0];
      std::string T = "__ppar_t" + std::to_string(Level);
      std::string N = "__ppar_n" + std::to_string(Level);
      std::string First = "__ppar_serial ? (blockIdx.x | blockIdx.y | threadIdx.x | "
                          "threadIdx.y ? " + N + " : 0) : blockIdx." + A +
                          " * (long long)blockDim." + A + " + threadIdx." + A;
      std::string Stride = "__ppar_serial ? 1 : (long long)blockDim." + A + " * gridDim." + A;
      Text += std::string(2 + 2 * D, ' ') + "for (long long " + T + " = " + First + "; " + T +
              " < " + N + "; " + T + " += " + Stride + ")" +
              (D + 1 == Nest.size() ? " {\n" : "\n");
    }
    for (size_t Level = 0; Level < Nest.size(); ++Level) {
      const NestLevel &N = Nest[Level];
      QualType T = N.Var->getType().getUnqualifiedType();
      std::string L = std::to_string(Level);
      Index += "    " + K.declare(T, N.Var->getNameAsString(), N.Var->getLocation()) + " = (" +
               T.getAsString() + ")(__ppar_lo" + L + " + __ppar_t" + L + " * " +
               std::to_string(N.Step) + ");\n";
    }
    Text += Index;
    if (!PerIteration.empty())
      Text += "    " + PerIteration + "\n";
    Text += "    do " + BodyText + " while (0);\n";
    if (!Last.empty()) {
      std::string IsLast = "__ppar_t0 == __ppar_n0 - 1";
      if (Nest.size() == 2)
        IsLast += " && __ppar_t1 == __ppar_n1 - 1";
      Text += "    int __ppar_last = " + IsLast + ";\n" + Last;
    }
    Text += "  }\n" + Finish + "}\n";
    Text = KernelText::reindent(Text);

    // The launch, in place of the loop; as many lines as the loop had.
    std::string Launch = "{ " + tripText(Nest[0], 0, Ctx);
    if (Nest.size() == 2)
      Launch += tripText(Nest[1], 1, Ctx);
    std::string Checks;
    for (const std::string &C : loopConditions(L))
      Checks += (Checks.empty() ? "" : " && ") + C;
    Launch += "int __ppar_serial = " + (Checks.empty() ? std::string("0") : "!(" + Checks + ")") +
              "; " + Host +
              abi::gpuLaunch("__ppar_g", I, Nest.size() == 2 ? "__ppar_n1" : "__ppar_n0",
                             Nest.size() == 2 ? "__ppar_n0" : "1", {Args}) +
              "; " + After;
    Sp.Trips = tripText(Nest[0], 0, Ctx) + (Nest.size() == 2 ? tripText(Nest[1], 1, Ctx) : "");
    Sp.Total = Nest.size() == 2 ? "__ppar_n0 * __ppar_n1" : "__ppar_n0";
    Sp.Checks = Checks;
    Sp.Launch = abi::gpuLaunch("__ppar_g", I, Nest.size() == 2 ? "__ppar_n1" : "__ppar_n0",
                               Nest.size() == 2 ? "__ppar_n0" : "1", {Args}) +
                "; " + After;
    Splits.push_back(std::move(Sp));
    const VarDecl *Var = L.Shape.Var;
    if (!L.Shape.VarDeclaredInLoop)
      Launch += Var->getNameAsString() + " = (__typeof__(" + Var->getNameAsString() +
                "))(__ppar_lo0 + __ppar_n0 * " + std::to_string(Nest[0].Step) + "); ";
    Launch += "}";
    SourceLocation Begin = directivePoint(SM, L);
    SourceLocation End = lastToken(L.Shape.Loop, SM, Ctx.getLangOpts());
    unsigned Lines = SM.getPresumedLineNumber(End) - SM.getPresumedLineNumber(Begin);
    if (!edit(Begin, G.Edits->replace(SourceRange(Begin, End), Launch + std::string(Lines, '\n'))))
      return std::nullopt;
    return Text;
  }

  /// The registrations and the copy-in, before the device phase's first
  /// statement.
  bool registrations(const GpuPlan &Plan, GpuVariant &G) {
    std::set<const VarDecl *> Sized;
    for (const Transfer &T : Plan.Transfers)
      if (T.Range.Source == TransferRange::From::Block && Sized.insert(T.Var).second) {
        // mallocBlock found V declared alone in a statement of a block.
        DynTypedNodeList Parents = const_cast<ASTContext &>(Ctx).getParents(*T.Var);
        const auto *Decl = Parents.begin()->get<DeclStmt>();
        if (!edit(T.Range.Alloc->getBeginLoc(),
                  keepBlockSize(*G.Edits, T.Var, Decl, T.Range.Alloc)))
          return false;
      }
    std::string Text;
    for (const Registration &R : Plan.Registrations) {
      const Transfer &T = Plan.Transfers[R.Transfer];
      auto [Lo, Hi] = boundsText(T.Range);
      if (!R.Root) {
        Text += abi::gpuData("__ppar_g", Lo, Hi, access(T.Direction)) + "; ";
        continue;
      }
      // The same offsets in the root's array, read and written.
      std::string V = "(const char *)(" + T.Var->getNameAsString() + ")";
      std::string Base = "(const char *)(" + R.Root->getNameAsString() + ")";
      Text += abi::gpuData("__ppar_g", Base + " + ((const char *)" + Lo + " - " + V + ")",
                           Base + " + ((const char *)" + Hi + " - " + V + ")",
                           abi::AccessMode::ReadWrite) +
              "; ";
    }
    SourceLocation At = Plan.Anchor->getBeginLoc();
    if (!edit(At, G.Edits->insertBefore(At, Text + abi::gpuCopyIn("__ppar_g") + "; ")))
      return false;
    return phaseBlocks(Plan, G);
  }

  /// A block allocated in the device phase goes to the GPU right after its
  /// declaration; each `free` of a block in the phase drops the device copy
  /// first, in the same expression (it may be a branch without braces).
  bool phaseBlocks(const GpuPlan &Plan, GpuVariant &G) {
    for (const PhaseBlock &B : Plan.PhaseBlocks) {
      const Transfer *T = nullptr;
      for (const Transfer &X : Plan.Transfers)
        if (X.Var == B.Var)
          T = &X;
      auto [Lo, Hi] = boundsText(T->Range);
      if (B.Late) {
        SourceLocation End = lastToken(B.Decl, SM, Ctx.getLangOpts());
        if (!edit(End, G.Edits->insertAfterToken(
                           End, " " + abi::gpuBlock("__ppar_g", Lo, Hi) + ";")))
          return false;
      }
      for (const CallExpr *F : B.Frees) {
        SourceLocation End = F->getRParenLoc();
        if (!edit(F->getBeginLoc(),
                  G.Edits->insertBefore(F->getBeginLoc(),
                                        "(" + abi::gpuBlockFree("__ppar_g", Lo, Hi) + ", ")) ||
            !edit(End, G.Edits->insertAfterToken(End, ")")))
          return false;
      }
    }
    return true;
  }

  FunctionPlan &P;
  Purity &Pure;
  DiagSink &Sink;
  bool Report;
  const FunctionDecl *FD;
  const ASTContext &Ctx;
  const SourceManager &SM;
  KernelText K;
  std::vector<SplitLaunch> Splits; ///< per kernel, for a split call
};

} // namespace

std::string gpuModule(const std::string &Id, const std::string &Fn,
                      const std::string &File, unsigned Line, const std::string &Source,
                      const std::vector<std::string> &Kernels, bool Cache,
                      bool FastMath) {
  // One string piece per line, so the rewritten file reads as the kernels do.
  std::string Literal;
  for (llvm::StringRef Rest = Source; !Rest.empty();) {
    auto [Line, Tail] = Rest.split('\n');
    std::string Q = quoted(Line);
    Literal += "\n  " + Q.insert(Q.size() - 1, "\\n");
    Rest = Tail;
  }
  return "static const char __ppar_src_" + Id + "[] =" + Literal + ";\n" +
         abi::moduleDef("__ppar_m_" + Id, Fn, File, Line, "__ppar_src_" + Id, Kernels,
                        {Cache, FastMath});
}

void makeGpuVariant(FunctionPlan &P, Purity &Pure, DiagSink &Sink, bool Report) {
  const Annotation *Jit = P.F.find(Directive::Jit);
  if (!Jit || !Jit->TargetKind ||
      (*Jit->TargetKind != Target::Cuda && *Jit->TargetKind != Target::Auto))
    return;
  if (P.Loops.empty())
    return;
  VariantPrinter(P, Pure, Sink, Report).run(*Jit->TargetKind);
}

} // namespace ppar
