//===- RegionEmit.h - One parallel region around a serial loop, as C -----===//
//
// A ParallelRegion (plan/Plan.h) in the multi-core variant. Its serial loop
// keeps its place, with the per-loop scheme that emitLoop gave its parallel
// loops; before it, on the same line, two copies under #line choose by
// the region's work, counted at run time:
//
//   if (!checking()) { double __ppar_step = <work of one iteration>;
//     if (<trips> * __ppar_step >= 4096 && __ppar_step >= 4096 * barriers) {
//       int __ppar_nt = threads; <partials>
//       _Pragma("omp parallel num_threads(__ppar_nt) private(t)") {
//         for (t = 0; t < T; t++) {
//           _Pragma("omp for schedule(static)") for (i ...) ...
//           _Pragma("omp single") x = ...;
//           ... } } }
//     else { serial copy of the loop } }
//   else for (t = 0; t < T; t++) ...   // PPAR_CHECK: each loop checked
//
// Without a known work the region always runs (its loops had no work
// test of their own either).
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_OPENMP_REGIONEMIT_H
#define PPAR_PASSES_EMIT_OPENMP_REGIONEMIT_H

#include "plan/Plan.h"
#include "support/EditSet.h"
#include <string>

namespace ppar {

/// Inserts region R before its loop in Variant. Plain holds the edits
/// every copy of the body gets; Copy is a fresh set with them, for the
/// region's copy. Returns why an edit was refused, or "": Variant is then
/// unchanged.
std::string emitRegion(EditSet &Variant, const EditSet &Plain, EditSet &Copy,
                       const ParallelRegion &R, const FunctionPlan &P, const std::string &File);

} // namespace ppar

#endif
