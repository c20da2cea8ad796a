//===- Vectorize.cpp - The vectorize directive's pass ---------------------===//
//
// Writes f_vec after each vectorize function (emit/openmp/Vectorize.h);
// its declaration was added while parsing (declareVectorized), so the code
// after f that calls f_vec parsed.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "emit/openmp/Vectorize.h"

namespace ppar {
namespace {

class VectorizePass : public DirectivePass {
public:
  void plan(Unit &U) override {
    for (FunctionPlan *P : U.with(Directive::Vectorize))
      for (const FoundAnnotation &A : P->F.Anns)
        if (A.Ann.Kind == Directive::Vectorize && A.Ann.Fastmath &&
            A.Ann.TargetKind != Target::Cuda && A.Ann.TargetKind != Target::Auto)
          U.Sink.warning(A.Loc, "'fastmath' on the CPU is not implemented yet; '" +
                                    P->F.FD->getNameAsString() +
                                    "' is compiled as written for it");
  }

  bool emit(Unit &U) override {
    for (FunctionPlan *P : U.with(Directive::Vectorize))
      U.UsesOpenMP |= emitVectorized(U.R, P->F, U.Pure, U.Sink, U.Opts.Report, U.Kernels);
    return true;
  }
};

} // namespace

std::unique_ptr<DirectivePass> createVectorizePass() {
  return std::make_unique<VectorizePass>();
}

} // namespace ppar
