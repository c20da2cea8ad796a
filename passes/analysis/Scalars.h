//===- Scalars.h - Private, reduction and carried scalars of a loop ------===//
//
// A scalar declared outside a parallel loop and written inside it must get
// an OpenMP clause: `reduction` when every use is an update `s op= e`,
// `private`/`lastprivate` when each iteration writes it before reading it.
// Anything else carries a value from one iteration to the next, and the loop
// must stay serial.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_SCALARS_H
#define PPAR_PASSES_SCALARS_H

#include "analysis/LoopShape.h"
#include "analysis/Reductions.h"
#include <string>
#include <vector>

namespace ppar {

struct ScalarPlan {
  std::vector<Reduction> Reductions;
  std::vector<const clang::VarDecl *> Private;
  std::vector<const clang::VarDecl *> LastPrivate; ///< read after the loop
};

/// Classifies the scalars of L inside function FD; returns the plan, or
/// the first carried scalar as a problem.
std::optional<ScalarPlan> classifyScalars(const CanonicalLoop &L,
                                          const clang::FunctionDecl *FD,
                                          ShapeProblem &Problem);

} // namespace ppar

#endif
