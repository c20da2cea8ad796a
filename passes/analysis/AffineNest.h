//===- AffineNest.h - A loop nest's variables, ranges and subscripts -----===//
//
// The loop nest of a canonical loop L as the dependence tests see it: the
// variables of L and of every canonical `for` inside it with their affine
// ranges, which variables stay fixed while L runs (the parameters), and the
// subscripts of each access as affine forms. An integer variable that holds
// an index computed in the same iteration (`k = i + m*j; a[k]`) is read as
// its definition when that is the only value it can have at the access;
// a local that holds one value for the whole call (`int plane = nx * ny;`,
// FixedLocals.h) is read as its definition everywhere.
// For the exact test, an access's place: the loops around it and the `if`
// conditions that decide whether it runs.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_AFFINENEST_H
#define PPAR_PASSES_AFFINENEST_H

#include "analysis/Accesses.h"
#include "analysis/Affine.h"
#include "analysis/FixedLocals.h"
#include "analysis/LoopShape.h"
#include "analysis/MemRefs.h"
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace clang {
class ParentMap;
}

namespace ppar {

/// A loop variable of the nest with its inclusive range, when known.
struct NestVar {
  const clang::ForStmt *Loop;
  const clang::VarDecl *Var;
  std::optional<Affine> Lower, Upper;
  std::optional<int64_t> ConstStep;
};

/// Where an access runs inside L.
struct AccessPlace {
  /// The nest's loops around it (indices into AffineNest::Vars), L first.
  std::vector<size_t> Loops;
  /// The `if` conditions around it: whether it is in the then branch, and
  /// how many of Loops are around the `if` (the variables it can read).
  struct Condition {
    const clang::Expr *Cond;
    bool Then;
    size_t Depth;
  };
  std::vector<Condition> Conditions;
  /// Nothing else decides whether it runs (no break, no `?:`, no loop
  /// outside the nest around it): the iterations its loops and
  /// conditions allow are those that run it.
  bool Exact = true;
};

struct AffineNest {
  const clang::ASTContext &Ctx;
  const clang::ForStmt *Root = nullptr; ///< L
  std::vector<NestVar> Vars;            ///< L's first, then pre-order
  Accesses Written;                     ///< of the whole loop, header included
  std::shared_ptr<clang::ParentMap> Parents; ///< of L
  bool Jumps = false; ///< L's body has a break, continue, goto, return or label
  std::shared_ptr<FixedLocals> Fixed = std::make_shared<FixedLocals>();

  bool isLoopVar(const clang::VarDecl *V) const;
  bool isInvariant(const clang::VarDecl *V) const;
  const NestVar *var(const clang::VarDecl *V) const;
  std::optional<size_t> indexOf(const clang::VarDecl *V) const;
  /// E as an affine form of loop variables and parameters.
  std::optional<Affine> affine(const clang::Expr *E) const;
  /// E, part of access At, as an affine form; index variables defined
  /// before At in the same iteration are replaced by their definitions.
  std::optional<Affine> affineAt(const clang::Expr *E, const clang::Expr *At) const;
  /// The subscripts of R as affine forms; nullopt when one is not affine.
  std::optional<std::vector<Affine>> subscripts(const MemRef &R) const;
  /// The loops and conditions around Access.
  AccessPlace place(const clang::Expr *Access) const;

private:
  std::optional<Affine> definition(const clang::VarDecl *K, const clang::Expr *At) const;
};

/// The nest of L: its variables, their ranges, what stays fixed.
AffineNest makeNest(const CanonicalLoop &L);

/// C with the range of L's variable replaced by two variables of generated
/// text, __ppar_blo and __ppar_bhi (its least and greatest value in a block
/// of iterations, long long): the extents of a block, where one device of
/// a split GPU call runs part of L (docs/multi-gpu.md).
AffineNest blockNest(const AffineNest &C);

/// The `for` loops in S, S included, in pre-order.
void collectLoops(const clang::Stmt *S, std::vector<const clang::ForStmt *> &Out);

/// The candidates for the least (Max false) or greatest value of F over the
/// nest's ranges: for a variable with a constant coefficient the sign picks
/// one end of its range; a symbolic one (`i*n`) keeps both.
bool corners(const Affine &F, const AffineNest &C, bool Max, std::vector<Affine> &Out);

/// Each subscript of Base indexes one array of fixed rows (`double a[n][m]`
/// or a pointer to such rows), so equal elements have equal subscripts.
bool rowsAreArrays(const clang::VarDecl *Base);

/// Reads `y + S*x + k*S` with 0 <= y < S (y's range from its loop) as the
/// two subscripts [x + k][y]; the exact test checks other ranges itself.
std::optional<std::pair<Affine, Affine>> delinearize(const Affine &A,
                                                     const AffineNest &C);

} // namespace ppar

#endif
