//===- Scop.h - A loop nest as a polyhedral model ------------------------===//
//
// The nest of a canonical loop L in isl's terms, for the scheduler that
// reorders and tiles it (plan/TransformPlan.h): each expression statement
// of the nest with its iteration domain, its place in the original order
// (2d+1: the position among its siblings at each depth, with its loops'
// variables between them) and the array elements it reads and writes.
// Only nests whose every statement is an assignment to array elements with
// affine subscripts qualify: no scalar written but the loop variables, no
// call but a pure math function, no branch or jump, no struct member, no
// pointer that changes. Names in the text: S<k> for statement k, i<k> for
// the nest's loop k (AffineNest::Vars), p<k> for the k-th parameter,
// A<k> for the k-th variable accessed.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_SCOP_H
#define PPAR_PASSES_SCOP_H

#include "analysis/AffineNest.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ppar {

struct ScopAccess {
  const clang::VarDecl *Base = nullptr;
  /// One affine form per dimension; a flattened `a[i*n + j]` is [i][j]
  /// where j stays in [0, n).
  std::vector<Affine> Subscripts;
  bool Read = false, Write = false;
  std::string Text; ///< the subscripts as isl text: `i0, i2 + 1`
};

struct ScopStatement {
  const clang::Stmt *S = nullptr;
  std::vector<size_t> Loops; ///< indices in AffineNest::Vars, outermost first
  std::string Name;          ///< S<k>
  std::string Domain;        ///< `S0[i0, i1] : 0 <= i0 <= p0 - 1 and ...`
  std::string Schedule;      ///< `S0[i0, i1] -> [0, i0, 1, i1, 0]`
  std::vector<ScopAccess> Accesses;
};

struct Scop {
  std::shared_ptr<const AffineNest> Nest;
  /// Parameters: products of variables fixed while the nest runs.
  std::vector<std::vector<const clang::VarDecl *>> Params;
  std::vector<ScopStatement> Stmts;
  unsigned Depth = 0; ///< the deepest statement's loops

  /// `[p0, p1] -> `
  std::string paramsText() const;
  /// Parameter K as a C expression of type long: `(long)(n)`.
  std::string paramC(size_t K) const;
  /// `{ S0[...] : ...; S1[...] : ... }` and the like, with parameters.
  std::string domainText() const;
  std::string scheduleText() const;
  std::string accessText(bool Writes) const;
  /// The name of loop K's variable.
  std::string varName(size_t K) const;
};

/// The model of L's nest, or nullopt with Why saying what keeps it out.
std::optional<Scop> buildScop(const CanonicalLoop &L, std::string &Why);

} // namespace ppar

#endif
