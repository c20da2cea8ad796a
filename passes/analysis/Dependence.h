//===- Dependence.h - May two iterations of a loop touch the same data? --===//
//
// For a canonical loop L, compares every write in L with every access to
// the same data. Subscripts are read as affine forms (Affine.h); flattened
// `a[i*n + j]` with `0 <= j < n` is read as `a[i][j]`. Per dimension:
//  - strong SIV test: equal coefficients of L's variable c, nothing else
//    varying, gives the exact distance (kB - kA) / c, or independence when c
//    does not divide it or it exceeds a constant trip count;
//  - GCD test on all loop variables otherwise.
// When these find no independence for affine subscripts, the exact test
// of IslDependence.h decides, and gives the distance or direction vector.
// Different variables: arrays never overlap; a restrict pointer overlaps
// nothing else; other pointers are compared at run time when the ranges
// they touch can be computed (loop versioning), else the loop stays serial.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_DEPENDENCE_H
#define PPAR_PASSES_DEPENDENCE_H

#include "analysis/AffineNest.h"
#include "analysis/ByteRange.h"
#include "analysis/LoopShape.h"
#include "analysis/MemRefs.h"
#include "analysis/Purity.h"
#include "analysis/Reductions.h"
#include <optional>
#include <string>
#include <vector>

namespace ppar {

/// A dependence that stops L from running in parallel.
struct Dependence {
  const MemRef *Write;
  const MemRef *Other;
  bool Proven;                    ///< shown to exist, not just not excluded
  std::optional<int64_t> Distance;///< in iterations of L, when known
  /// From the exact test (IslDependence.h), per loop around both accesses,
  /// L's first: the sign of the distance ("<", "=", ">", "<=", ">=", "*"),
  /// and the distances when all are constant. Empty when not tested.
  std::vector<std::string> Direction = {};
  std::vector<int64_t> Distances = {};
};

/// The memory a loop touches through one variable (a pointer or array it
/// subscripts or dereferences), for GPU transfers.
struct TouchedData {
  const clang::VarDecl *Base;
  bool Read = false, Write = false;
  bool Known = false;       ///< Range could be computed
  ByteRange Range;          ///< its bytes, when Known
  const clang::Expr *First; ///< its first access, for messages
  /// Its bytes for a block of the loop's iterations, the loop variable
  /// between the generated variables __ppar_blo and __ppar_bhi (blockNest):
  /// what one device of a split GPU call copies (docs/multi-gpu.md).
  std::optional<ByteRange> Block = std::nullopt;
};

/// A reduction into an array element (Reductions.h): the element as the
/// loop writes it, the operator, and every mention of it in the loop.
struct ElementReduction {
  const clang::Expr *Element;
  ReductionOp Op;
  std::vector<const clang::Expr *> Uses;
};

struct LoopDependences {
  LoopDependences() = default;
  LoopDependences(LoopDependences &&) = default;
  LoopDependences(const LoopDependences &) = delete; // Deps point into Refs

  MemRefs Refs; ///< the loop's accesses, which Deps point to
  /// Why L cannot run in parallel apart from memory dependences (an impure
  /// call, a write through an expression ppar cannot follow). Empty if none.
  std::string Blocker;
  clang::SourceLocation BlockerLoc;
  std::vector<Dependence> Deps;     ///< dependences carried by L
  std::vector<OverlapCheck> Checks; ///< needed for independence
  /// Pointer parameters whose `restrict` would remove a check or a
  /// dependence, for the fix-it.
  std::vector<const clang::ParmVarDecl *> RestrictCandidates;
  /// The memory the loop writes; complete only when WrittenKnown.
  std::vector<WrittenRegion> Written;
  bool WrittenKnown = true;
  /// Every variable the loop accesses memory through, in order of first
  /// access (accesses through no variable are not listed).
  std::vector<TouchedData> Touched;
  /// Reductions into array elements, when asked for: their accesses carry
  /// no dependence, since each thread updates an accumulator of its own.
  std::vector<ElementReduction> Elements;

  bool independent() const { return Blocker.empty() && Deps.empty(); }
};

/// Tests loop L (canonical) of function FD. With FindElementReductions
/// (only for a loop whose emitter makes the accumulators), a reduction into
/// an array element is no dependence and is listed in Elements.
LoopDependences testDependences(const CanonicalLoop &L,
                                const clang::FunctionDecl *FD, Purity &P,
                                bool FindElementReductions = false);

/// The variables of the loops in L (L's first) with their ranges.
std::vector<NestVar> nestVars(const CanonicalLoop &L);

/// The iterations of L's body and of every loop inside it, multiplied
/// (siblings too: an upper bound), when every trip count is constant.
std::optional<uint64_t> constantIterations(const CanonicalLoop &L);

/// How many iterations one loop of a nest runs, over values known before
/// the nest starts: Span / Step + 1 iterations (none when negative), where
/// Span is the greatest of Spans. Two spans when the loop's bounds follow an
/// outer loop's variable (a triangular nest): its span at that variable's
/// first value and at its last; the count is affine in it, so the greatest
/// is at one of the two.
struct TripEstimate {
  std::vector<Affine> Spans;
  int64_t Step = 1;
};

/// The trip estimate of loop N of a nest whose variables are Vars: its
/// span, or its spans at the first and last value of the one outer loop
/// variable its bounds follow; nullopt when it cannot be counted so.
std::optional<TripEstimate> tripEstimate(const NestVar &N, const std::vector<NestVar> &Vars);

/// An estimate of the work of L's nest, one factor per loop (siblings
/// multiplied too: more, never less, than the iterations that run), when
/// every loop in L is a for loop ppar can count over values known before
/// it starts and the body calls nothing but the C library's builtins (whose
/// cost is small and known). nullopt otherwise: the work is unknown.
std::optional<std::vector<TripEstimate>> workEstimate(const CanonicalLoop &L);

/// The source text of an access, for messages: `a[i - 1]`.
std::string accessText(const MemRef &R, const clang::ASTContext &Ctx);

} // namespace ppar

#endif
