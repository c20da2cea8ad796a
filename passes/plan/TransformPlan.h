//===- TransformPlan.h - Interchange and tiling of a parallel nest -------===//
//
// For a parallel loop whose nest has a polyhedral model (analysis/Scop.h):
// its dependences (every pair of accesses to one element, one a write, in
// the original order), a new schedule by isl's scheduler (Pluto-style:
// validity and coincidence all dependences, proximity the flow ones), then
// in each outermost band, when permutable, the loop with unit-stride or
// invariant accesses innermost, and tiles of TileSize when the nest is a
// matrix product or alike (docs/passes/transform.md says when that pays).
// The result is the schedule as isl text, for emit/openmp/ScheduleEmit.h.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_PLAN_TRANSFORMPLAN_H
#define PPAR_PASSES_PLAN_TRANSFORMPLAN_H

#include "analysis/Scop.h"
#include "plan/Plan.h"
#include <isl/ctx.h>
#include <isl/union_map.h>
#include <memory>
#include <optional>
#include <string>

namespace ppar {

/// The side of a tile, per loop: 32 iterations of doubles is 256 bytes a
/// row, three 32x32 tiles 24 KiB, inside a 32 KiB L1. Measured on a
/// 1200^3 gemm, one thread: 16 is 1.3x slower, 64 no faster
/// (docs/passes/transform.md).
inline constexpr int TileSize = 32;

/// What the transformation does, for the report: `interchanged (i, k, j)`,
/// `tiled 32x32x32`, or both.
std::string transformSummary(const NestTransform &T);

/// Every pair of instances of M's statements that touch one element, one
/// of them writing, earlier first in the user's order (flow, anti and
/// output); *Flow, when asked, gets the flow ones. Null when isl fails.
isl_union_map *scopDependences(const Scop &M, isl_ctx *Ctx, isl_union_map **Flow);

/// The new schedule of L's nest, or nullopt with Why (the nest stays as
/// written).
std::optional<NestTransform> planTransform(const ParallelLoop &L, std::string &Why);

} // namespace ppar

#endif
