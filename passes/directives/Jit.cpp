//===- Jit.cpp - The jit directive's pass ---------------------------------===//
//
// Plans: plan/Pipeline.h (loops, then the GPU variant). Emits: the variants
// and dispatcher of emit/Versioning.h.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "emit/Versioning.h"

namespace ppar {
namespace {

class JitPass : public DirectivePass {
public:
  void plan(Unit &U) override {
    for (FunctionPlan *P : U.with(Directive::Jit))
      planFunction(*P, U.Sink, U.Opts, U.Pure);
  }

  bool emit(Unit &U) override {
    for (FunctionPlan *P : U.with(Directive::Jit)) {
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
