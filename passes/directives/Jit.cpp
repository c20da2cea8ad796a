//===- Jit.cpp - The jit directive's pass ---------------------------------===//
//
// Plans: plan/Pipeline.h (the loops), then the GPU variant
// (emit/cuda/CudaVariant.h); each loop decision is shown as a remark
// (emit/LoopReport.h) with -fplugin-arg-ppar-report.
// Emits: the variants and dispatcher of emit/Versioning.h.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "emit/LoopReport.h"
#include "emit/Versioning.h"
#include "emit/cuda/CallSiteReport.h"
#include "emit/cuda/CudaVariant.h"
#include "emit/cuda/RawKernel.h"
#include "clang/AST/ASTContext.h"

namespace ppar {
namespace {

class JitPass : public DirectivePass {
public:
  void plan(Unit &U) override {
    PipelineOptions Opts = U.Opts;
    const clang::SourceManager &SM = U.Ctx.getSourceManager();
    if (Opts.Report)
      Opts.ShowDecision = [&](const LoopDecision &D) {
        U.Sink.remark(D.Loc, decisionMessage(D, SM));
      };
    for (FunctionPlan *P : U.with(Directive::Jit)) {
      if (isRawKernel(P->F)) // no loops to plan: emit/cuda/RawKernel.h
        continue;
      planFunction(*P, U.Sink, Opts, U.Pure);
      // target=cuda|auto: the GPU variant of the parallel loops. Whether
      // one can be made is known only once its kernels are printed (a
      // call GPU code cannot make), so it is planned and printed here.
      makeGpuVariant(*P, U.Pure, U.Sink, U.Opts.Report);
    }
    if (Opts.Report)
      reportCopiesInLoops(U.with(Directive::Jit), U.Ctx, U.Sink);
  }

  bool emit(Unit &U) override {
    // Raw kernels first, each checked even after another failed, so that
    // every mistake is reported in one compile.
    bool KernelsOk = true;
    for (FunctionPlan *P : U.with(Directive::Jit))
      if (isRawKernel(P->F)) {
        KernelsOk &= emitRawKernel(U.R, P->F, U.Sink, U.Opts.Report, U.Kernels);
        U.UsesOpenMP = true;
      }
    if (!KernelsOk)
      return false;
    for (FunctionPlan *P : U.with(Directive::Jit)) {
      if (isRawKernel(P->F))
        continue;
      if (!emitVersions(U.R, *P, U.Sink))
        return false;
      U.UsesOpenMP |= P->hasCpuVariant();
      if (P->Gpu)
        U.Kernels.push_back({P->F.FD->getNameAsString(), P->Gpu->Source});
      for (const ParallelLoop &L : P->Loops)
        U.UsesSimd |= !L.Simd.empty();
    }
    return true;
  }
};

} // namespace

std::unique_ptr<DirectivePass> createJitPass() { return std::make_unique<JitPass>(); }

} // namespace ppar
