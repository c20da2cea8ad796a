//===- Pipeline.cpp -------------------------------------------------------===//

#include "plan/Pipeline.h"
#include "plan/LoopPlan.h"
#include "plan/RegionPlan.h"
#include "analysis/Versionable.h"
#include "clang/AST/ASTContext.h"

using namespace clang;

namespace ppar {

/// jit without parallel is still to come: say so, so nothing the user
/// wrote is silently ignored.
static void warnNotImplemented(const AnnotatedFunction &F, DiagSink &Sink) {
  for (const FoundAnnotation &A : F.Anns)
    if (A.Ann.Kind == Directive::Jit && !A.Ann.Parallel)
      Sink.warning(A.Loc, "'jit' without 'parallel' is not implemented yet; '" +
                              F.FD->getNameAsString() + "' is compiled as written for it");
}

void planFunction(FunctionPlan &Plan, DiagSink &Sink, const PipelineOptions &Opts,
                  Purity &P) {
  warnNotImplemented(Plan.F, Sink);
  const Annotation *Jit = Plan.F.find(Directive::Jit);
  if (!Jit || !Jit->Parallel)
    return;
  if (std::string Why = whyNotVersionable(Plan.F.FD); !Why.empty()) {
    Sink.warning(Plan.F.Anns.front().Loc, "ppar cannot make a parallel version "
                                          "of '" + Plan.F.FD->getNameAsString() +
                                          "': " + Why + "; it runs serially");
    return;
  }
  planLoops(Plan, Sink, Opts, P);
  if (Opts.Regions)
    planRegions(Plan, Opts, P);
  if (!Plan.hasCpuVariant() && Opts.Report)
    Sink.remark(Plan.F.Anns.front().Loc,
                "no loop of '" + Plan.F.FD->getNameAsString() +
                    "' runs in parallel; it runs serially");
}

} // namespace ppar
