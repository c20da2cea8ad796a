//===- OpenMPEmit.h - The OpenMP directive of a parallel loop ------------===//
//
// A loop becomes `omp parallel for`. Its floating-point reductions are not
// left to OpenMP's reduction clause, whose runtime may combine the threads'
// values in the order they finish (atomics, a lock): each thread, or each
// fixed-size chunk under jit(reproducible), accumulates a partial, and the
// partials are combined after the loop in a fixed order, so a run gives the
// same bits every time (docs/reductions.md). Integer reductions are exact
// in any order and keep the clause.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_OPENMPEMIT_H
#define PPAR_PASSES_OPENMPEMIT_H

#include "plan/Plan.h"
#include <string>

namespace ppar {

/// `omp parallel for schedule(static) ... reduction(+:s) private(t)`: what
/// the loop means, for the report.
std::string openMPDirective(const ParallelLoop &L);
/// The same for a loop with these scalars and collapse (a loop decision).
std::string openMPDirective(const ScalarPlan &Scalars, unsigned Collapse);

/// The directive as text to insert right before the `for` keyword, on the
/// same line: `_Pragma("omp parallel for ...") `, or `_Pragma("omp for
/// ...") ` inside the region that reductionText opens.
std::string openMPPragmaText(const ParallelLoop &L);

/// The directive of a loop inside a ParallelRegion, to insert right before
/// its `for`: `_Pragma("omp for schedule(static) ...") `; `nowait` when its
/// floating-point reductions are combined by regionReductionText, which
/// ends with a barrier.
std::string worksharingPragmaText(const ParallelLoop &L);

/// `omp simd reduction(+:s)` for an innermost loop.
std::string simdDirective(const SimdLoop &L);
std::string simdDirective(const ScalarPlan &Scalars);

/// Text around a loop with fixed-order reductions: Open before the
/// directive, BodyOpen at the start of each iteration (reproducible mode),
/// Close after the loop's last token. All empty without such reductions.
struct ReductionText {
  std::string Open, BodyOpen, Close;
};
ReductionText reductionText(const ParallelLoop &L, const clang::ASTContext &Ctx);

/// The same for loop number K of a ParallelRegion, whose threads already
/// run: Declare, before the region, holds the per-thread partials (it
/// needs `int __ppar_nt`, the region's thread count); Open, before the
/// directive, gives each thread its private accumulator; Close, after the
/// loop, stores it, waits for every thread and combines the partials in
/// thread order on one of them, as reductionText does.
struct RegionReductionText {
  std::string Declare, Open, Close;
};
RegionReductionText regionReductionText(const ParallelLoop &L, unsigned K);

} // namespace ppar

#endif
