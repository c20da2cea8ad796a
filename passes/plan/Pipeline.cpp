//===- Pipeline.cpp -------------------------------------------------------===//

#include "plan/Pipeline.h"
#include "plan/LoopPlan.h"
#include "analysis/Nogil.h"
#include "emit/Versioning.h"
#include "emit/cuda/CudaVariant.h"
#include "clang/AST/ASTContext.h"

using namespace clang;

namespace ppar {

/// One warning per directive or option whose meaning is still to come, so
/// nothing the user wrote is silently ignored.
static void warnNotImplemented(const AnnotatedFunction &F, DiagSink &Sink) {
  std::string Name = F.FD->getNameAsString();
  for (const FoundAnnotation &A : F.Anns) {
    const Annotation &Ann = A.Ann;
    std::vector<std::string> Missing;
    switch (Ann.Kind) {
    case Directive::Vectorize:
      if (Ann.Fastmath && Ann.TargetKind != Target::Cuda && Ann.TargetKind != Target::Auto)
        Missing.push_back("'fastmath' on the CPU");
      break;
    case Directive::Delayed:
      break;
    case Directive::Jit:
      if (!Ann.Parallel)
        Missing.push_back("'jit' without 'parallel'");
      break;
    case Directive::Prange:
      break;
    }
    for (const std::string &M : Missing)
      Sink.warning(A.Loc, M + " is not implemented yet; '" + Name +
                              "' is compiled as written for it");
  }
}

FunctionPlan planFunction(AnnotatedFunction F, DiagSink &Sink,
                          const PipelineOptions &Opts, Purity &P) {
  FunctionPlan Plan{std::move(F), {}, {}, {}};
  warnNotImplemented(Plan.F, Sink);
  checkNogil(Plan.F, Sink);
  const Annotation *Jit = Plan.F.find(Directive::Jit);
  if (!Jit || !Jit->Parallel)
    return Plan;
  if (std::string Why = whyNotVersionable(Plan.F.FD); !Why.empty()) {
    Sink.warning(Plan.F.Anns.front().Loc, "ppar cannot make a parallel version "
                                          "of '" + Plan.F.FD->getNameAsString() +
                                          "': " + Why + "; it runs serially");
    return Plan;
  }
  planLoops(Plan, Sink, Opts, P);
  planGpuVariant(Plan, P, Sink, Opts.Report);
  if (Plan.Loops.empty() && Opts.Report)
    Sink.remark(Plan.F.Anns.front().Loc,
                "no loop of '" + Plan.F.FD->getNameAsString() +
                    "' runs in parallel; it runs serially");
  return Plan;
}

} // namespace ppar
