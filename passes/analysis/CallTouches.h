//===- CallTouches.h - The memory a loop touches through its calls -------===//
//
// A loop that passes a pointer to a function of the file (`next(seed, i)`)
// touches, through that variable, what the callee touches through its
// parameter (ParamExtents), read in the caller's terms: the callee's
// parameters replaced by the call's arguments, then spread over the loop's
// ranges. GPU transfers copy exactly that; when the callee's extent is not
// known, neither is the variable's.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_CALLTOUCHES_H
#define PPAR_PASSES_CALLTOUCHES_H

#include "analysis/AffineNest.h"
#include "analysis/Dependence.h"
#include "analysis/Purity.h"

namespace ppar {

/// Adds to Touched what the calls in M touch through pointer variables of
/// the loop of C (a new entry, or more candidates for an existing one).
void addCallTouches(const MemRefs &M, const AffineNest &C, Purity &P,
                    std::vector<TouchedData> &Touched);

} // namespace ppar

#endif
