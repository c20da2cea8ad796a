//===- Scalars.h - Private, reduction and carried scalars of a loop ------===//
//
// A scalar declared outside a parallel loop and written inside it must get
// an OpenMP clause: `reduction` when every use is an update `s op= e`,
// `private` when every path through an iteration writes it before reading
// it (analysis/ScalarFlow: data flow over clang's CFG), `lastprivate` when
// its value is also read after the loop (clang's LiveVariables). Anything
// else carries a value from one iteration to the next, and the loop must
// stay serial.
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

/// The arrays of small constant size declared outside L (of function FD)
/// and written in it that no iteration reads before writing the elements
/// it reads (constant subscripts) and that are dead after the loop: each
/// iteration may have its own copy, and their elements carry no dependence.
/// classifyScalars makes them private; other arrays are the dependence
/// test's.
std::vector<const clang::VarDecl *> privateArrays(const CanonicalLoop &L,
                                                  const clang::FunctionDecl *FD);

} // namespace ppar

#endif
