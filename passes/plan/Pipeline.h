//===- Pipeline.h - The plan of a jit function ---------------------------===//
//
// The jit directive's planner (directives/Jit.cpp calls it for each jit
// function): which loops run in parallel, with which clauses and run-time
// checks, and the GPU variant. emitVersions (Versioning.h) prints the plan.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_PIPELINE_H
#define PPAR_PASSES_PIPELINE_H

#include "analysis/Purity.h"
#include "plan/Plan.h"
#include "support/DiagSink.h"
#include <cstdint>
#include <functional>

namespace ppar {

struct PipelineOptions {
  bool Report = false; ///< -fplugin-arg-ppar-report: remarks on each decision
  /// Below this much work (iterations times analysis/WorkCost's operations
  /// of one iteration) a loop nest runs serially: a parallel region costs
  /// more than it saves. Calibrated with bench/region_cost.c on 2 threads
  /// (docs/profitability.md): a warm region costs 1.2 us; `y[i] = a*x[i] +
  /// y[i]` (7 operations with its test and step) breaks even at 32768
  /// iterations and gains 1.25x at 65536; heavier bodies gain earlier.
  uint64_t MinWork = 262144;
  /// One parallel region around a serial loop that holds parallel loops
  /// (plan/RegionPlan.h); off, each parallel loop has its own.
  bool Regions = true;
  /// Interchange and tiling of parallel nests for locality
  /// (plan/TransformPlan.h); off, nests keep the user's order.
  bool Transform = true;
  /// Time tiling of stencils' time loops, wavefronts of tiles
  /// (plan/TimeTilePlan.h); off by default: its tiled text was not yet
  /// measured faster than the sweeps it replaces (docs/passes/transform.md).
  /// Needs Transform too.
  bool TimeTiling = false;
  /// Shows one loop decision as it is made (the report's remarks); the
  /// planner records decisions as data, the caller prints them.
  std::function<void(const LoopDecision &)> ShowDecision;
};

/// Plans jit function Plan.F: which loops run in parallel and with which
/// clauses, and its GPU variant. Problems go to Sink; P caches which
/// functions are pure across the unit.
void planFunction(FunctionPlan &Plan, DiagSink &Sink, const PipelineOptions &Opts,
                  Purity &P);

} // namespace ppar

#endif
