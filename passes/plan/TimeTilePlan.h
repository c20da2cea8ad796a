//===- TimeTilePlan.h - Time tiling of a stencil's time loop -------------===//
//
// A serial time loop whose body is parallel loops (a ParallelRegion of
// stencil sweeps: jacobi's `B = f(A); A = f(B)` per step) runs today with
// a barrier after each sweep and streams its arrays from memory once per
// step. Modelled whole (analysis/Scop.h, the time loop as the outermost
// loop), isl's scheduler finds a permutable band after skewing (jacobi-1d:
// (t, 2t + i)), the band is tiled and its tiles run by wavefronts: the
// tiles whose coordinates have one sum are independent, shared among the
// threads, a barrier between wavefronts. The new schedule is kept only when
// isl shows it respects every dependence (flow, anti and output).
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_PLAN_TIMETILEPLAN_H
#define PPAR_PASSES_PLAN_TIMETILEPLAN_H

#include "plan/Pipeline.h"
#include "plan/Plan.h"
#include <functional>
#include <optional>
#include <string>

namespace ppar {

/// The side of a tile along the time loop and the skewed space loops.
inline constexpr int TimeTileSize = 32;

/// `time-tiled 32x32 after skewing, tiles by wavefronts`, for the report.
std::string timeTileSummary(const NestTransform &T);

/// The wavefront schedule of time loop Time's nest, or nullopt with Why.
/// FixedSpace: the nest's bounds and subscripts must not depend on the
/// time loop's variable (the run-time overlap checks of its loops are
/// made once, before the loop).
std::optional<NestTransform> planTimeTiling(const CanonicalLoop &Time, bool FixedSpace,
                                            std::string &Why);

/// The variables F accesses are distinct objects: each an array declared
/// as one or a restrict pointer, or F accesses one variable only (a plain
/// pointer may point into any array).
bool distinctArrays(const clang::ForStmt *F);

/// Why region R cannot be time-tiled ("" when it may): its body must be
/// parallel loops alone, without reductions, last values, collapse or
/// prange, over distinct arrays. FixedSpace: some loop has a run-time test
/// (made once, before the region).
std::string whyNotTimeTiled(const ParallelRegion &R, const FunctionPlan &P, bool &FixedSpace);

/// Whether V, a variable of R's nest, is used nowhere but as its loops'
/// variable (the tiled text declares its own).
using LoopVariableOnly = std::function<bool(const clang::VarDecl *V, ParallelRegion &R)>;

/// Time-tiles region R (its Transform) when its body is nothing but
/// parallel loops; returns what was done or why not, "" when not tried.
std::string timeTileRegion(ParallelRegion &R, const FunctionPlan &P, const PipelineOptions &Opts,
                           const LoopVariableOnly &Only);

/// A serial nest F that holds no parallel loop (seidel's sweeps in place)
/// whose tiles, after skewing, run by wavefronts: a region of those alone.
/// Its arrays must be distinct objects: no run-time check is made.
std::optional<ParallelRegion> wavefrontRegion(const clang::ForStmt *F, const FunctionPlan &P,
                                              const PipelineOptions &Opts,
                                              const LoopVariableOnly &Only);

/// The work of a region of wavefronts alone, tiling T, into R (Trips,
/// StepWork, StepOps): the time loop's count times, per step, each
/// statement's loops inside it times the statement's operations. False
/// when a count is not known.
bool wavefrontWork(const NestTransform &T, ParallelRegion &R);

} // namespace ppar

#endif
