//===- OpenMPEmit.h - The OpenMP directive of a parallel loop ------------===//

#ifndef PPAR_PASSES_OPENMPEMIT_H
#define PPAR_PASSES_OPENMPEMIT_H

#include "Plan.h"
#include <string>

namespace ppar {

/// `omp parallel for schedule(static) ... reduction(+:s) private(t)`.
std::string openMPDirective(const ParallelLoop &L);

/// The directive as text to insert right before the `for` keyword, on the
/// same line: `_Pragma("omp parallel for ...") `.
std::string openMPPragmaText(const ParallelLoop &L);

/// `omp simd reduction(+:s)` for an innermost loop.
std::string simdDirective(const SimdLoop &L);

} // namespace ppar

#endif
