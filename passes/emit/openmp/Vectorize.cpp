//===- Vectorize.cpp ------------------------------------------------------===//

#include "emit/openmp/Vectorize.h"
#include "emit/cuda/CudaVariant.h"
#include "emit/abi/Gpu.h"
#include "emit/abi/Loops.h"
#include "emit/cuda/KernelText.h"
#include "emit/cuda/HostCopies.h"
#include "support/GeneratedDecl.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace ppar {


std::string vectorizedName(const FunctionDecl *F, const Annotation &Vec) {
  return Vec.Name.empty() ? F->getNameAsString() + "_vec" : Vec.Name;
}

void declareVectorized(Sema &S, FunctionDecl *F, const Annotation &Vec) {
  ASTContext &Ctx = S.getASTContext();
  // void f_vec(size_t n, const A1 *a1, ..., R *out)
  std::vector<QualType> Params{Ctx.getSizeType()};
  for (const ParmVarDecl *PV : F->parameters())
    Params.push_back(Ctx.getPointerType(PV->getType().getUnqualifiedType().withConst()));
  Params.push_back(Ctx.getPointerType(F->getReturnType().getUnqualifiedType()));
  declareGenerated(S, F, vectorizedName(F, Vec), Params); // unless PPAR_VECTORIZE_DECL did
}

bool emitVectorized(Rewriter &Main, const AnnotatedFunction &F, Purity &P,
                    DiagSink &Sink, bool Report,
                    std::vector<std::pair<std::string, std::string>> &Kernels) {
  const Annotation *Vec = F.find(Directive::Vectorize);
  if (!Vec)
    return false;
  const FunctionDecl *FD = F.FD;
  const ASTContext &Ctx = FD->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Body = cast<CompoundStmt>(FD->getBody());
  if (Body->getRBracLoc().isMacroID()) {
    Sink.error(FD->getLocation(), "'" + FD->getNameAsString() +
                                      "' is defined by a macro expansion, "
                                      "which ppar cannot rewrite");
    return false;
  }
  PrintingPolicy Policy(Ctx.getLangOpts());
  std::string Name = vectorizedName(FD, *Vec);
  Target T = Vec->TargetKind.value_or(Target::Cpu);
  bool Parallel = T != Target::Cpu;
  bool Gpu = T == Target::Cuda || T == Target::Auto;
  if (Parallel && !P.isPure(FD)) {
    Sink.warning(F.Anns.front().Loc,
                 "'" + Name + "' runs serially: calls of '" +
                     FD->getNameAsString() + "' may not run at once, since " +
                     P.whyNot(FD).substr(std::string("it calls ").size()));
    Parallel = Gpu = false;
  }

  // void name(size_t n, const A1 *a1, ..., R *out). After the overlap
  // check the pointers are copied to restrict locals, so the compiler
  // vectorizes the loop without checks of its own (where f allows); an
  // `omp simd` would warn whenever it cannot.
  std::string Params = "__SIZE_TYPE__ n", Args, RestrictArgs, Checks, Locals;
  unsigned K = 0;
  for (const ParmVarDecl *PV : FD->parameters()) {
    std::string A = "a" + std::to_string(++K);
    std::string T = PV->getType().getUnqualifiedType().getAsString(Policy);
    Params += ", const " + T + " *" + A;
    Args += (Args.empty() ? "" : ", ") + A + "[i]";
    RestrictArgs += (RestrictArgs.empty() ? "" : ", ") + std::string("r") + A + "[i]";
    Locals += "const " + T + " *restrict r" + A + " = " + A + "; ";
    Checks += " && (out == (const void *)" + A + " || " +
              abi::disjoint("out", "out + n", A, A + " + n") + ")";
  }
  std::string Ret = FD->getReturnType().getUnqualifiedType().getAsString(Policy);
  Params += ", " + Ret + " *out";
  Locals += Ret + " *restrict rout = out; ";
  std::string Storage = FD->getStorageClass() == SC_Static ? "static " : "";
  std::string Call = FD->getNameAsString();
  std::string Loop = "for (__SIZE_TYPE__ i = 0; i < n; i++) out[i] = " + Call +
                     "(" + Args + ");";
  std::string Fast = "for (__SIZE_TYPE__ i = 0; i < n; i++) rout[i] = " + Call +
                     "(" + RestrictArgs + ");";
  std::string Directive = "omp parallel for schedule(static) num_threads(" +
                          abi::numThreads() + ")";
  if (Parallel)
    Fast = "_Pragma(\"" + Directive + "\") " + Fast;
  PresumedLoc Def = SM.getPresumedLoc(FD->getLocation());
  PresumedLoc Close = SM.getPresumedLoc(Body->getRBracLoc());
  std::string File = quoted(Def.getFilename());

  // target=cuda|auto: a grid-stride kernel over the elements, f a
  // __device__ function; inputs copied in, out copied out (every element
  // is written), one call of the runtime's GPU protocol.
  std::string Module, GpuPath;
  if (Gpu) {
    KernelText K(Ctx, Sink);
    K.deviceCall(FD, F.Anns.front().Loc);
    std::string KParams = "long long n", KArgs, Data, Ptrs, LArgs = "&__ppar_n";
    for (unsigned I = 1; I <= FD->getNumParams(); ++I) {
      std::string A = "a" + std::to_string(I);
      QualType PT = FD->getParamDecl(I - 1)->getType().getUnqualifiedType();
      KParams += ", " + K.declare(Ctx.getPointerType(PT.withConst()), A, FD->getLocation());
      KArgs += (KArgs.empty() ? "" : ", ") + A + "[i]";
      Data += abi::gpuData("__ppar_g", A, A + " + n", abi::AccessMode::Read) + "; ";
      Ptrs += "void *__ppar_p_" + A + " = " + abi::gpuPtr("__ppar_g", A) + "; ";
      LArgs += ", &__ppar_p_" + A;
    }
    KParams += ", " + K.declare(Ctx.getPointerType(FD->getReturnType().getUnqualifiedType()),
                                "out", FD->getLocation());
    if (!K.ok())
      return false;
    std::string Kernel = "__ppar_k_" + Name;
    std::string Source =
        K.prelude() + "\nextern \"C\" __global__ void " + Kernel + "(" + KParams +
        ") {\n  __ppar_kernel_entry();\n  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; "
        "i < n; i += (long long)blockDim.x * gridDim.x)\n    out[i] = " +
        FD->getNameAsString() + "(" + KArgs + ");\n}\n";
    Kernels.push_back({Name, Source});
    Module = "\n" + gpuModule(Name, Name, Def.getFilename(), Def.getLine(), Source, {Kernel},
                              Vec->Cache, Vec->Fastmath);
    // A call that cannot use the GPU (none, or it failed) runs on the CPU
    // cores; the runtime has said why.
    std::string Cuda = abi::name(abi::Variant::Cuda).str();
    GpuPath = "if (__ppar_v == " + Cuda + Checks + ") { " +
              abi::gpuBegin("__ppar_g", "__ppar_m_" + Name) + "; if (__ppar_g) { " + Data +
              abi::gpuData("__ppar_g", "out", "out + n", abi::AccessMode::Write) + "; " +
              abi::gpuCopyIn("__ppar_g") + "; long long __ppar_n = (long long)n; " + Ptrs +
              "void *__ppar_p_out = " + abi::gpuPtr("__ppar_g", "out") + "; " +
              abi::gpuLaunch("__ppar_g", 0, "__ppar_n", "1", {LArgs + ", &__ppar_p_out"}) +
              "; if (!" + abi::gpuEnd("__ppar_g") + ") return; } __ppar_v = " +
              abi::name(abi::Variant::Cpu).str() + "; } else if (__ppar_v == " + Cuda +
              ") __ppar_v = " + abi::name(abi::Variant::Serial).str() + "; ";
  }
  // Identical pointers are no hazard for an element-wise loop; a partial
  // overlap is, and takes the plain loop.
  std::vector<abi::Variant> Variants = {abi::Variant::Cpu};
  abi::RunTarget RunOn = abi::RunTarget::Cpu;
  // Without GPU code, resident data's device copy is on the host: the
  // arrays are read and written there, as the kernel would on the GPU.
  std::string HostCopyText;
  if (Gpu) {
    std::vector<HostCopy> Copies;
    for (unsigned I = 1; I <= FD->getNumParams(); ++I) {
      std::string A = "a" + std::to_string(I);
      Copies.push_back({A, {A, A + " + n"}});
    }
    Copies.push_back({"out", {"out", "out + n"}});
    HostCopyText = hostCopyPrologue(Copies);
  }
  if (Gpu) {
    Variants.push_back(abi::Variant::Cuda);
    RunOn = T == Target::Auto ? abi::RunTarget::Auto : abi::RunTarget::Cuda;
  }
  std::string Text =
      Module + "\n#line " + std::to_string(Def.getLine()) + " " + File + "\n" + Storage +
      "void " + Name + "(" + Params + ") { " +
      abi::fnObject("__ppar_fn", Name, Def.getFilename(), Def.getLine(), Variants, RunOn) +
      HostCopyText + " int __ppar_v = " + abi::choose("__ppar_fn") + "; " + GpuPath +
      "if (__ppar_v == " + abi::name(abi::Variant::Cpu).str() + Checks + ") { " + Locals +
      Fast + " return; } " + Loop +
      " }\n#line " + std::to_string(Close.getLine()) + " " + File + "\n" +
      padding(SM, Body->getRBracLoc(),
              SM.getPresumedLoc(Body->getRBracLoc().getLocWithOffset(1)));
  Main.InsertTextAfterToken(Body->getRBracLoc(), Text);
  if (Report)
    Sink.remark(F.Anns.front().Loc,
                "'" + Name + "' generated: " +
                    (Gpu ? "a CUDA kernel" + std::string(T == Target::Auto ? " when a GPU is present" : "") + ", else " : "") +
                    (Parallel ? Directive : std::string("a serial loop the compiler may vectorize")));
  return true;
}

} // namespace ppar
