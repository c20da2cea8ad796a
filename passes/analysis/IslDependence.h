//===- IslDependence.h - The exact dependence test of an affine pair -----===//
//
// For two accesses to the same variable in the nest of loop L, builds with
// isl the pairs of iterations that touch the same element
//   { (w, r) : w runs W, r runs R, subscripts(W, w) = subscripts(R, r) }
// over each access's own iteration domain: the ranges of the loops around
// it (parametric, triangular, trapezoidal, with strides) and the affine `if`
// conditions it is under; what stays fixed while L runs is a parameter. A
// flattened subscript `a[i*n + j]` is split into rows and columns when isl
// shows the column within [0, n) wherever both accesses run. L carries the
// dependence when some pair differs in L's iteration; its distances over
// the loops around both accesses, from the earlier iteration to the later,
// give the vector the report prints.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_ISLDEPENDENCE_H
#define PPAR_PASSES_ISLDEPENDENCE_H

#include "analysis/AffineNest.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ppar {

struct IslVerdict {
  enum class Kind {
    Independent, ///< no two iterations of L touch the same element
    Carried,     ///< some may: Direction (and Distance) describe them
    Unknown,     ///< not affine, or isl gave up
  };
  Kind Result = Kind::Unknown;
  /// Carried: the pairs exist as the model says (every condition around the
  /// accesses is in it), not only perhaps.
  bool Exact = false;
  /// Per loop around both accesses, L's first: "<", "=", ">", "<=", ">=" or
  /// "*", the sign of (later iteration - earlier one).
  std::vector<std::string> Direction;
  /// The distances, when every one is a constant.
  std::vector<int64_t> Distance;
  /// The distance in iterations of L, when constant (even if others are not).
  std::optional<int64_t> Outer;
};

/// The exact test of W (which writes) against R in N's loop L.
IslVerdict islDependence(const AffineNest &N, const MemRef &W, const MemRef &R);

/// True when isl proves that A and B (accesses to one variable in N's loop
/// L) never touch the same element, in any iterations, the same one
/// included: what a reduction into A's element needs of every other access.
bool islNeverSame(const AffineNest &N, const MemRef &A, const MemRef &B);

} // namespace ppar

#endif
