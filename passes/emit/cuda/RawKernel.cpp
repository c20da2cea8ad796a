//===- RawKernel.cpp ------------------------------------------------------===//

#include "emit/cuda/RawKernel.h"
#include "emit/abi/Gpu.h"
#include "emit/abi/Loops.h"
#include "emit/cuda/AtomicText.h"
#include "emit/cuda/CudaVariant.h"
#include "emit/cuda/HostCopies.h"
#include "emit/cuda/KernelText.h"
#include "support/CText.h"
#include "support/GeneratedDecl.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Scope.h"
#include "clang/Sema/Sema.h"
#include "llvm/Support/raw_ostream.h"
#include <set>

using namespace clang;

namespace ppar {

namespace {

/// ppar.h's functions of a thread, and what the kernel calls instead.
const std::map<std::string, std::string> &intrinsics() {
  static const std::map<std::string, std::string> Map = {
      {"ppar_thread_index", "__ppar_thread_index"},
      {"ppar_grid_size", "__ppar_grid_size"},
      {"ppar_block_dim", "__ppar_block_dim"},
      {"ppar_block_index", "__ppar_block_index"},
      {"ppar_thread_in_block", "__ppar_thread_in_block"},
      {"ppar_syncthreads", "__syncthreads"}};
  return Map;
}

const char *const ThreadHelpers = R"(// Raw kernels: where the thread is in its launch (ppar_kernel.h). The grid
// has whole blocks; threads past the launch's count return at once.
__shared__ long long __ppar_grid_n;
__ppar_inline long long __ppar_thread_index(void) { return (long long)blockIdx.x * blockDim.x + threadIdx.x; }
__ppar_inline long long __ppar_grid_size(void) { return __ppar_grid_n; }
__ppar_inline int __ppar_block_dim(void) { return (int)blockDim.x; }
__ppar_inline long long __ppar_block_index(void) { return blockIdx.x; }
__ppar_inline int __ppar_thread_in_block(void) { return (int)threadIdx.x; }
)";

/// The first call of ppar_syncthreads, and the first block-shared array
/// (PPAR_SHARED), in FD's body or in a function it calls (defined in the
/// file): what only a GPU block has.
class BarrierFinder : public RecursiveASTVisitor<BarrierFinder> {
public:
  const CallExpr *Found = nullptr;
  const VarDecl *Shared = nullptr;
  std::set<const FunctionDecl *> Seen;

  bool VisitVarDecl(VarDecl *V) {
    if (!Shared && KernelText::isBlockShared(V))
      Shared = V;
    return true;
  }

  void in(const FunctionDecl *FD) {
    if (!FD || !FD->hasBody() || !Seen.insert(FD).second)
      return;
    TraverseStmt(FD->getBody());
  }
  bool VisitCallExpr(CallExpr *C) {
    const FunctionDecl *Callee = C->getDirectCallee();
    if (!Callee)
      return true;
    if (Callee->getName() == "ppar_syncthreads") {
      Found = Found ? Found : C;
      return true;
    }
    if (!intrinsics().count(Callee->getNameAsString()))
      in(Callee->getDefinition());
    return true;
  }
};

const TypedefNameDecl *gridType(const ASTContext &Ctx) {
  auto &C = const_cast<ASTContext &>(Ctx);
  for (NamedDecl *D : C.getTranslationUnitDecl()->lookup(&C.Idents.get("ppar_grid_t")))
    if (auto *TD = dyn_cast<TypedefNameDecl>(D))
      return TD;
  return nullptr;
}

std::string paramText(QualType T, const std::string &Name, const ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  T.getUnqualifiedType().print(OS, Policy, Name);
  return Out;
}

abi::AccessMode modeOf(DataDirection D) {
  // A thread may skip elements of an `out` range: it is copied in too, so
  // the ones it skips come back as they were.
  return D == DataDirection::In ? abi::AccessMode::Read : abi::AccessMode::ReadWrite;
}

} // namespace

bool isRawKernel(const AnnotatedFunction &F) {
  const Annotation *A = F.find(Directive::Jit);
  return A && A->Kernel;
}

void declareRawLaunch(Sema &S, FunctionDecl *F) {
  ASTContext &Ctx = S.getASTContext();
  IdentifierInfo &Grid = Ctx.Idents.get("ppar_grid_t");
  LookupResult GridFound(S, &Grid, F->getLocation(), Sema::LookupOrdinaryName);
  if (!S.LookupName(GridFound, S.TUScope))
    return; // no ppar.h: emitRawKernel says so
  const auto *TD = GridFound.getAsSingle<TypedefNameDecl>();
  if (!TD)
    return;
  std::vector<QualType> Params{Ctx.getTypedefType(TD)};
  for (const ParmVarDecl *PV : F->parameters())
    Params.push_back(PV->getType().getUnqualifiedType());
  declareGenerated(S, F, F->getNameAsString() + "_launch", Params);
}

bool emitRawKernel(Rewriter &Main, const AnnotatedFunction &F, DiagSink &Sink, bool Report,
                   std::vector<std::pair<std::string, std::string>> &Kernels) {
  const Annotation &A = *F.find(Directive::Jit);
  SourceLocation At = F.Anns.front().Loc;
  const FunctionDecl *FD = F.FD;
  const ASTContext &Ctx = FD->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Body = cast<CompoundStmt>(FD->getBody());
  std::string Name = FD->getNameAsString();
  Target T = A.TargetKind.value_or(Target::Cpu);
  bool Gpu = T == Target::Cuda || T == Target::Auto;

  // What a launch cannot mean.
  bool Ok = true;
  if (!FD->getReturnType()->isVoidType()) {
    Sink.error(FD->getLocation(),
               "a jit(kernel) function is one thread of a launch and returns nothing, "
               "but '" + Name + "' returns '" + FD->getReturnType().getAsString() +
                   "'; write its results through a pointer parameter");
    Ok = false;
  }
  if (A.Parallel) {
    Sink.error(At, "'kernel' and 'parallel' do not go together: a jit(kernel) "
                   "function is already one thread of a parallel launch");
    Ok = false;
  }
  for (const DataClause &C : A.Data) {
    bool Param = false;
    for (const ParmVarDecl *P : FD->parameters())
      Param |= P->getName() == C.Name;
    if (!Param) {
      Sink.error(At, "'" + C.Name + "' in a data clause of the kernel '" + Name +
                         "' is not one of its parameters; a kernel's clauses give "
                         "the extents of its pointer parameters");
      Ok = false;
    }
  }
  if (Body->getRBracLoc().isMacroID()) {
    Sink.error(FD->getLocation(), "'" + Name + "' is defined by a macro expansion, "
                                                "which ppar cannot rewrite");
    Ok = false;
  }
  const TypedefNameDecl *GridTD = gridType(Ctx);
  if (!GridTD) {
    Sink.error(At, "jit(kernel) needs ppar.h: include <ppar.h> before '" + Name +
                       "' (ppar_launch, ppar_thread_index, ...)");
    Ok = false;
  }
  BarrierFinder Barriers;
  Barriers.in(FD);
  if (Barriers.Found && T != Target::Cuda) {
    Sink.error(Barriers.Found->getBeginLoc(),
               "'ppar_syncthreads' waits for the threads of a GPU block, which the CPU "
               "version of the kernel '" + Name + "' cannot do; add target=cuda to "
               "'" + Name + "' to run it on a GPU only");
    Ok = false;
  }
  if (Barriers.Shared && T != Target::Cuda) {
    Sink.error(Barriers.Shared->getLocation(),
               "'" + Barriers.Shared->getNameAsString() +
                   "' is GPU block shared memory (PPAR_SHARED), which the CPU version "
                   "of the kernel '" + Name + "' cannot have; add target=cuda to '" +
                   Name + "' to run it on a GPU only");
    Ok = false;
  }
  bool GpuOnly = Barriers.Found || Barriers.Shared;
  if (!Ok)
    return false;

  // The kernel module.
  PresumedLoc Def = SM.getPresumedLoc(FD->getLocation());
  PresumedLoc Close = SM.getPresumedLoc(Body->getRBracLoc());
  std::string File = quoted(Def.getFilename());
  std::string Module, GpuFn, GpuName = "__ppar_gpu_" + Name;
  std::vector<const ParmVarDecl *> Pointers;
  for (const ParmVarDecl *P : FD->parameters())
    if (P->getType()->isPointerType())
      Pointers.push_back(P);
  if (Gpu) {
    KernelText K(Ctx, Sink);
    K.Intrinsics = &intrinsics();
    K.Extra = std::string(ThreadHelpers) + atomicHelpers();
    std::string KParams = "long long __ppar_n";
    for (const ParmVarDecl *P : FD->parameters()) {
      K.local(P);
      KParams += ", " + K.declare(P->getType().getUnqualifiedType(), P->getNameAsString(),
                                  P->getLocation());
    }
    std::string KBody = K.stmt(Body);
    for (const auto &[V, Loc] : K.Free)
      Sink.error(Loc, "the kernel '" + Name + "' reads the variable '" +
                          V->getNameAsString() +
                          "', which GPU code cannot reach; pass it as an argument");
    if (!K.Free.empty() || !K.ok())
      return false;
    const char *CpuOnly = nullptr;
    if (K.PointerLoad)
      CpuOnly = "it reads a pointer from memory, whose address is the host's";
    else if (!K.Addressed.empty())
      CpuOnly = "it stores the address of a host variable";
    if (CpuOnly && T == Target::Cuda) {
      Sink.error(K.PointerLoad ? K.PointerLoad->getBeginLoc() : K.Addressed.front().second,
                 "the kernel '" + Name + "' cannot run on a GPU: " + CpuOnly);
      return false;
    }
    if (CpuOnly) {
      Sink.warning(At, "'" + Name + "' runs on the CPU: " + CpuOnly);
      Gpu = false;
    } else {
      std::string Kernel = "__ppar_k_" + Name;
      std::string Source =
          K.prelude() + "\n" +
          KernelText::reindent("extern \"C\" __global__ void " + Kernel + "(" + KParams +
                               ") {\n__ppar_kernel_entry();\n__ppar_grid_n = __ppar_n;\nif (__ppar_thread_index() "
                               ">= __ppar_n)\nreturn;\n" + KBody + "\n}\n");
      Kernels.push_back({Name, Source});
      Module = "\n" + gpuModule(Name, Name, Def.getFilename(), Def.getLine(), Source,
                                {Kernel}, A.Cache, A.Fastmath);
      // int __ppar_gpu_f(grid, params): 0 when the GPU ran the threads.
      std::string Data, Ptrs, Args = "&__ppar_n";
      for (const DataClause &C : A.Data) {
        std::string Lo, Hi;
        clauseBounds(C, Lo, Hi);
        Data += abi::gpuData("__ppar_g", Lo, Hi, modeOf(C.Direction)) + "; ";
      }
      for (const ParmVarDecl *P : Pointers) {
        bool Clause = false;
        for (const DataClause &C : A.Data)
          Clause |= P->getName() == C.Name;
        if (!Clause)
          Data += abi::gpuDataResident("__ppar_g", P->getName(), P->getName()) + "; ";
      }
      for (const ParmVarDecl *P : FD->parameters()) {
        std::string PN = P->getNameAsString();
        if (P->getType()->isPointerType()) {
          Ptrs += "void *__ppar_p_" + PN + " = " + abi::gpuPtr("__ppar_g", PN) + "; ";
          Args += ", &__ppar_p_" + PN;
        } else {
          Args += ", &" + PN;
        }
      }
      std::string Params = paramText(Ctx.getTypedefType(GridTD), "__ppar_grid", Ctx);
      for (const ParmVarDecl *P : FD->parameters())
        Params += ", " + paramText(P->getType(), P->getNameAsString(), Ctx);
      GpuFn = "static int " + GpuName + "(" + Params + ") { " +
              abi::gpuBegin("__ppar_g", "__ppar_m_" + Name) + "; if (!__ppar_g) return -1; " +
              Data + abi::gpuCopyIn("__ppar_g") +
              "; long long __ppar_n = __ppar_grid.threads; " + Ptrs +
              abi::gpuLaunchBlocks("__ppar_g", 0, "__ppar_n", "__ppar_grid.block", {Args}) +
              "; return " + abi::gpuEnd("__ppar_g") + "; }\n";
    }
  }

  // void f_launch(ppar_grid_t grid, params): the dispatcher.
  std::string Params = paramText(Ctx.getTypedefType(GridTD), "__ppar_grid", Ctx), CallArgs;
  for (const ParmVarDecl *P : FD->parameters()) {
    Params += ", " + paramText(P->getType(), P->getNameAsString(), Ctx);
    CallArgs += (CallArgs.empty() ? "" : ", ") + P->getNameAsString();
  }
  std::vector<abi::Variant> Variants = {abi::Variant::Cpu};
  abi::RunTarget RunOn = abi::RunTarget::Cpu;
  std::string HostCopyText, GpuPath;
  std::string Cuda = abi::name(abi::Variant::Cuda).str();
  std::string Cpu = abi::name(abi::Variant::Cpu).str();
  std::string Check = abi::name(abi::Variant::Check).str();
  if (Gpu) {
    Variants.push_back(abi::Variant::Cuda);
    RunOn = T == Target::Auto ? abi::RunTarget::Auto : abi::RunTarget::Cuda;
    // Without GPU code, resident data's device copy is on the host: the
    // threads run on it, as the kernel would on the GPU.
    std::vector<HostCopy> Copies;
    bool NoClause = false;
    for (const ParmVarDecl *P : Pointers) {
      std::string PN = P->getNameAsString();
      HostCopy Copy{PN, {}};
      for (const DataClause &C : A.Data)
        if (C.Name == PN) {
          std::string Lo, Hi;
          clauseBounds(C, Lo, Hi);
          Copy.Bounds.push_back(Lo);
          Copy.Bounds.push_back(Hi);
        }
      if (Copy.Bounds.empty()) { // the block it points into
        Copy.Bounds = {PN, "(const char *)" + PN + " + 1"};
        NoClause = true;
      }
      Copies.push_back(Copy);
    }
    HostCopyText = hostCopyPrologue(Copies);
    // A pointer without clause names a resident block, which on a host
    // copy (PPAR_CHECK with a GPU) the GPU does not hold: the CPU runs.
    GpuPath = " if (__ppar_v == " + Cuda + ") { if (" + (NoClause ? "!__ppar_h && " : "") +
              "!" + GpuName + "(__ppar_grid" +
              (CallArgs.empty() ? "" : ", " + CallArgs) + ")) return; __ppar_v = " + Cpu +
              "; }";
  }
  if (GpuOnly)
    GpuPath += " " + abi::rawNeedsGpu("__ppar_fn") + ";";
  std::string Thread = "{ ppar__thread_enter(__ppar_grid, __ppar_t); " + Name + "(" +
                       CallArgs + "); }";
  std::string Loop = "for (long long __ppar_t = 0; __ppar_t < __ppar_grid.threads; "
                     "__ppar_t++) " + Thread;
  std::string Directive = "omp parallel for schedule(static) num_threads(" +
                          abi::numThreads() + ")";
  std::string Storage = FD->getStorageClass() == SC_Static ? "static " : "";
  std::string Text =
      Module + "\n#line " + std::to_string(Def.getLine()) + " " + File + "\n" + GpuFn +
      Storage + "void " + Name + "_launch(" + Params + ") { " +
      abi::fnObject("__ppar_fn", Name, Def.getFilename(), Def.getLine(), Variants, RunOn) +
      HostCopyText + " int __ppar_v = " + abi::choose("__ppar_fn") + ";" + GpuPath +
      " if (__ppar_v == " + Cpu + " || __ppar_v == " + Check + ") { _Pragma(\"" +
      Directive + "\") " + Loop + " } else " + Loop + " ppar__thread_leave(); }\n#line " +
      std::to_string(Close.getLine()) + " " + File + "\n" +
      padding(SM, Body->getRBracLoc(),
              SM.getPresumedLoc(Body->getRBracLoc().getLocWithOffset(1)));
  Main.InsertTextAfterToken(Body->getRBracLoc(), Text);
  if (Report)
    Sink.remark(At, "'" + Name + "' is a raw kernel: " + Name + "_launch runs its threads " +
                        (Gpu ? std::string("as a CUDA grid") +
                                   (T == Target::Auto ? " when a GPU is present" : "") +
                                   (GpuOnly ? " (it uses block barriers or shared memory: only there)"
                                                   : ", else as an OpenMP parallel loop")
                             : std::string("as an OpenMP parallel loop")));
  return true;
}

} // namespace ppar
