//===- LoopPlan.h - Which loops of a jit(parallel) function run in parallel ==//
//
// For each loop not nested in another, outermost first: is it canonical
// (LoopShape), are its scalars private, reductions or last-private
// (Scalars), may two iterations touch the same data (Dependence)? The
// first loop that passes becomes a ParallelLoop, with its run-time checks,
// the regions PPAR_CHECK saves, collapse(2) or `omp simd` for the loops
// inside it; a loop that fails is explained in a LoopDecision, and the
// loops inside it are tried in turn.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_PLAN_LOOPPLAN_H
#define PPAR_PASSES_PLAN_LOOPPLAN_H

#include "analysis/Purity.h"
#include "plan/Pipeline.h"

namespace ppar {

/// Fills Plan.Loops and Plan.Decisions for the body of Plan.F; each
/// decision is also handed to Opts.ShowDecision, when set.
void planLoops(FunctionPlan &Plan, DiagSink &Sink, const PipelineOptions &Opts,
               Purity &P);

/// A dependence as the report tells it.
DependenceFact factOf(const Dependence &D, const clang::ASTContext &Ctx);

/// `a[i] written at f.c:12 is read as a[i - 1] at f.c:13, distance 1`.
std::string dependenceText(const DependenceFact &D, const clang::SourceManager &SM);

/// `f.c:12`: a location as messages show it.
std::string where(const clang::SourceManager &SM, clang::SourceLocation L);

} // namespace ppar

#endif
