//===- LoopNest.h - Perfect nests of two independent loops ---------------===//
//
// A parallel loop whose body is one inner loop, both with iteration counts
// fixed before the nest starts and neither carrying a dependence, is a
// perfect rectangular nest: its iterations form a grid whose points may run
// in any order. OpenMP collapses such a nest (collapse(2)) and a CUDA kernel
// spreads it over a 2-D grid; both ask this one predicate, so the two
// backends agree on what a perfect nest is.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_ANALYSIS_LOOPNEST_H
#define PPAR_PASSES_ANALYSIS_LOOPNEST_H

#include "analysis/LoopShape.h"
#include "analysis/Purity.h"
#include "analysis/Scalars.h"
#include <optional>

namespace ppar {

/// The inner loop of a perfect nest, and how it uses its scalars.
struct PerfectNest {
  CanonicalLoop Inner;
  ScalarPlan Scalars; ///< no private or lastprivate; reductions allowed
};

/// The inner loop that makes Outer (canonical, of function FD) a perfect
/// rectangular nest of two independent loops: Outer's body is that one
/// `for` (alone or in a block), in canonical form with no wrap-around guard,
/// its header does not mention Outer's variable (rectangular), its scalars
/// need no private copies (reductions aside), and no two of its iterations
/// touch the same memory, with no run-time check needed. nullopt otherwise.
std::optional<PerfectNest> perfectInner(const CanonicalLoop &Outer,
                                        const clang::FunctionDecl *FD, Purity &P);

} // namespace ppar

#endif
