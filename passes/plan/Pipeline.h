//===- Pipeline.h - The passes, in the order they run --------------------===//
//
// The one place where passes are registered: binding has produced the
// annotated functions; planFunction runs the analyses on each, and
// emitFunction (Versioning.h) turns the plan into text.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_PIPELINE_H
#define PPAR_PASSES_PIPELINE_H

#include "analysis/Purity.h"
#include "plan/Plan.h"
#include "support/DiagSink.h"
#include <cstdint>

namespace ppar {

struct PipelineOptions {
  bool Report = false; ///< -fplugin-arg-ppar-report: remarks on each decision
  /// Below this many iterations of a loop nest, all known at compile time,
  /// a parallel region costs more than it saves: a fork and join take a
  /// few microseconds, an iteration of simple C a few nanoseconds.
  uint64_t MinIterations = 4096;
};

/// Analyses F: which loops run in parallel and with which clauses. Problems
/// go to Sink; directives not implemented yet get a warning naming them.
/// P remembers which functions are pure: one for the translation unit.
FunctionPlan planFunction(AnnotatedFunction F, DiagSink &Sink,
                          const PipelineOptions &Opts, Purity &P);

} // namespace ppar

#endif
