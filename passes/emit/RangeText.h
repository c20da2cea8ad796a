//===- RangeText.h - Byte ranges, overlap checks and wrap guards as C ----===//
//
// The analyses describe memory and run-time conditions as data
// (analysis/ByteRange.h, LoopShape.h's WrapGuard); this prints them, for
// the OpenMP variant, PPAR_CHECK and the GPU variant alike:
//
//   a range of a[i*n + j], 0 <= i < m, 0 <= j < n:
//     lo  &a[0]          hi  &a[(m - 1)*n + n - 1] + 1
//   an overlap check:    __ppar_rt_disjoint(lo_a, hi_a, lo_b, hi_b)
//   a wrap guard:        (unsigned int)(n) <= 4294967294ULL
//   a written region:    {lo, hi, 'f', 8, "a"}
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_RANGETEXT_H
#define PPAR_PASSES_EMIT_RANGETEXT_H

#include "plan/Plan.h"
#include <string>
#include <vector>

namespace ppar {

/// The first byte of R: `&a[lo1][lo2]`.
std::string rangeLoText(const ByteRange &R);
/// One past the last byte of R: `&a[hi1][hi2] + 1`.
std::string rangeHiText(const ByteRange &R);

/// Holds when every loop around R's accesses runs (ByteRange::Runs), where
/// R's bounds pick among candidates (symbolic coefficients): then
/// `((m - 1) >= (0) && (n - 2) >= (1))`-like; else `1`.
std::string rangeRunsText(const ByteRange &R);

/// Holds when the two ranges do not overlap.
std::string overlapCheckText(const OverlapCheck &C);
/// Holds when the loop variable cannot wrap around.
std::string wrapGuardText(const WrapGuard &G);
/// A `struct __ppar_rt_region` initializer.
std::string regionText(const WrittenRegion &R);

/// The conditions under which loop L may run in parallel, in the order
/// they are tested: its wrap guard, then its overlap checks. Empty when it
/// always may.
std::vector<std::string> loopConditions(const ParallelLoop &L);

/// A canonical loop's trip count as C, from its first value Lo and bound B
/// (variables of the generated text), its comparison and its constant step:
/// `Lo < B ? (B - Lo + 1) / 2 : 0`.
std::string tripCountText(clang::BinaryOperatorKind Cmp, int64_t Step, const std::string &Lo,
                          const std::string &B);

/// One loop's count of iterations as C: `n - 2`, or the greater of two
/// for a loop that follows an outer variable (may be below zero: none).
std::string countText(const TripEstimate &E);
/// The product of counts as C, each at least 0, in `double` (no overflow):
/// `(double)__ppar_rt_max(n, 0) * (double)__ppar_rt_max(m, 0)`.
std::string productText(const std::vector<TripEstimate> &Counts);
/// Whether a nest of these counts has at least Min iterations, as C:
/// `n >= 4096`, or a product of counts in `double`.
std::string enoughWorkText(const std::vector<TripEstimate> &Work, uint64_t Min);

/// loopConditions, and, for the CPU, enough work to pay for the threads
/// (ParallelLoop::Work): below it the loop's serial copy runs.
std::vector<std::string> cpuLoopConditions(const ParallelLoop &L);
/// L's written regions as initializers (PPAR_CHECK).
std::vector<std::string> writtenRegionTexts(const ParallelLoop &L);

} // namespace ppar

#endif
