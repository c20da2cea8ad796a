//===- FixedLocals.h - Locals that hold one value for the whole call -----===//
//
// Scientific C names its strides: `int plane = nx * ny;`, `const size_t
// row = n;`, then indexes `a[z * plane + y * nx + x]`. Such a local is, for
// the subscripts and loop bounds, its definition: it is initialised from
// parameters (or other such locals) that the function never changes, and
// is itself never assigned and never has its address taken, so wherever it
// is in scope it holds nx * ny. Reading it as nx * ny lets the dependence
// test split the subscript as it splits `(z * ny + y) * nx + x`, and gives
// extents over parameters, known at entry.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_FIXEDLOCALS_H
#define PPAR_PASSES_FIXEDLOCALS_H

#include "analysis/Accesses.h"
#include "analysis/Affine.h"
#include <map>
#include <optional>
#include <set>

namespace clang {
class FunctionDecl;
}

namespace ppar {

class FixedLocals {
public:
  /// V's initialiser as an affine form over parameters of V's function,
  /// when V is such a local; nullopt otherwise.
  std::optional<Affine> valueOf(const clang::VarDecl *V);

private:
  /// Whether V (a parameter) keeps its value for the whole call.
  bool unchanged(const clang::VarDecl *V);
  bool sameFunction(const clang::VarDecl *V);

  const clang::FunctionDecl *Fn = nullptr;
  Accesses Body; ///< of Fn's body
  std::map<const clang::VarDecl *, std::optional<Affine>> Known;
  std::set<const clang::VarDecl *> Open; ///< being read (a cycle is no value)
};

} // namespace ppar

#endif
