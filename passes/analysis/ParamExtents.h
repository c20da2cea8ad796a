//===- ParamExtents.h - What a function touches through a pointer --------===//
//
// For a pointer parameter p of a function defined in the file, the elements
// the body reads or writes through it, as an inclusive range of indices
// affine in the function's other parameters: `*p` and `p->x` are element 0,
// `p[k]` element k, and an access in a loop covers what the loop's
// variables reach (the dependence test's ranges, analysis/Dependence). A
// task of the function then needs only that range of its argument, not all
// of the memory it points into (SPEC section 7, "dependences from the
// callee").
//
// None when the body does anything else with p (passes it on, stores it,
// moves it, casts it), when an access is in a loop ppar cannot bound, or
// when a bound depends on anything but parameters the body never assigns.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_PARAMEXTENTS_H
#define PPAR_PASSES_PARAMEXTENTS_H

#include "analysis/Affine.h"
#include "analysis/Purity.h"
#include "clang/AST/Decl.h"
#include <optional>

namespace ppar {

struct ParamExtent {
  Affine First, Last; ///< indices, inclusive, over the function's parameters
  bool Read = false, Write = false;
};

std::optional<ParamExtent> paramExtent(const clang::FunctionDecl *FD,
                                       const clang::ParmVarDecl *P, Purity &Pure);

} // namespace ppar

#endif
