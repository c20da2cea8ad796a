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
#include <vector>

namespace ppar {

struct ByteRange {
  const clang::VarDecl *Base = nullptr;
  /// Per subscript, outermost first: the candidates for its least and its
  /// greatest value over the nest. Never empty in a computed range.
  std::vector<std::vector<Affine>> Least, Most;

  /// Whether the range's bounds, as printed, name a variable called Name:
  /// its base or a variable of an affine bound.
  bool names(llvm::StringRef Name) const {
    if (Base && Base->getName() == Name)
      return true;
    for (const auto *Side : {&Least, &Most})
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
