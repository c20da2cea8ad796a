//===- ByteRange.h - The memory a loop touches through one variable ------===//
//
// Plans say which bytes a loop reads or writes as data, over the AST and
// affine forms; emit/RangeText.h prints them as C. The range of a variable
// `a` subscripted in d dimensions is [&a[l1]...[ld], &a[h1]...[hd] + 1),
// where each lk is the least, and each hk the greatest, of a few affine
// candidates (the corners of the loop nest); when the signs of symbolic
// coefficients are unknown there is more than one candidate, and the
// printed bound takes their minimum or maximum at run time.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_ANALYSIS_BYTERANGE_H
#define PPAR_PASSES_ANALYSIS_BYTERANGE_H

#include "analysis/Affine.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Type.h"
#include <utility>
#include <vector>

namespace ppar {

struct ByteRange {
  const clang::VarDecl *Base = nullptr;
  /// Per subscript, outermost first: the candidates for its least and its
  /// greatest value over the nest. Never empty in a computed range.
  std::vector<std::vector<Affine>> Least, Most;
  /// Lower <= Upper of each rectangular loop around the accesses: the
  /// corners are bounds of the accesses only when every loop runs (an
  /// empty `z` loop of `z*nx*ny + ...` would put them outside the array).
  /// Where the range is copied (the GPU's transfers), it is empty unless
  /// all hold (testsRuns).
  std::vector<std::pair<Affine, Affine>> Runs;

  /// Whether the transfers test Runs: with one candidate per bound each is
  /// the access at one end of every loop, and an empty loop gives an empty
  /// (or inverted) range by itself; several (symbolic coefficients of
  /// unknown sign, `z*nx*ny`) pick ends that only a running loop keeps
  /// inside the array.
  bool testsRuns() const {
    for (const auto *Side : {&Least, &Most})
      for (const std::vector<Affine> &Candidates : *Side)
        if (Candidates.size() > 1)
          return !Runs.empty();
    return false;
  }

  /// Whether the range's bounds, as printed, name a variable called Name:
  /// its base or a variable of an affine bound (or of a loop it tests).
  bool names(llvm::StringRef Name) const {
    if (Base && Base->getName() == Name)
      return true;
    const std::vector<std::vector<Affine>> Conditions = [&] {
      std::vector<std::vector<Affine>> C;
      if (testsRuns())
        for (const auto &[Lo, Hi] : Runs)
          C.push_back({Lo, Hi});
      return C;
    }();
    for (const auto *Side : {&Least, &Most, &Conditions})
      for (const std::vector<Affine> &Candidates : *Side)
        for (const Affine &A : Candidates)
          for (const AffineTerm &T : A.Terms) {
            if (T.LoopVar && T.LoopVar->getName() == Name)
              return true;
            for (const clang::VarDecl *S : T.Symbols)
              if (S->getName() == Name)
                return true;
          }
    return false;
  }
};

/// Two pointers that must not overlap for a loop to run in parallel; A is
/// written by the loop.
struct OverlapCheck {
  ByteRange A, B;
};

/// What a loop writes through one variable, for PPAR_CHECK.
struct WrittenRegion {
  ByteRange Range;
  clang::QualType Element; ///< the type of the elements written
};

} // namespace ppar

#endif
