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

#include "plan/Plan.h"
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

} // namespace ppar

#endif
