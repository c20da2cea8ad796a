//===- Affine.h - Integer expressions as linear forms in loop variables --===//
//
// Subscripts and loop bounds are read as  c0 + Σ ck · vk · Sk  where vk is a
// loop variable (or none), Sk a product of loop-invariant integer variables
// (`n`, `n*m`) and ck an integer. `a[i*n + j + 1]` is {1; i·n; j}. Anything
// else (two loop variables multiplied, a load, a call) is not affine.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_AFFINE_H
#define PPAR_PASSES_AFFINE_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ppar {

struct AffineTerm {
  int64_t Coeff = 0;
  const clang::VarDecl *LoopVar = nullptr;       ///< null: invariant term
  std::vector<const clang::VarDecl *> Symbols;   ///< sorted product, may be empty
};

struct Affine {
  int64_t Constant = 0;
  std::vector<AffineTerm> Terms; ///< merged, sorted, no zero coefficient

  /// The coefficient of loop variable V with no symbol, or nullopt when V
  /// appears with a symbolic factor.
  std::optional<int64_t> coeffOf(const clang::VarDecl *V) const;
  bool mentions(const clang::VarDecl *V) const;
  bool hasLoopVars() const;
  /// Terms without loop variables (the symbolic part), for comparisons.
  std::vector<AffineTerm> invariantTerms() const;

  Affine operator+(const Affine &O) const;
  Affine operator-(const Affine &O) const;
  Affine scaled(int64_t K) const;
  bool operator==(const Affine &O) const;

  /// C text: `2*i + n*j - 1`, with Name mapping each variable to its text.
  std::string str(llvm::function_ref<std::string(const clang::VarDecl *)> Name) const;
};

/// Reads E as an affine form. IsLoopVar says which variables are loop
/// variables; every other variable must satisfy IsInvariant (not written in
/// the loop nest) and have integer type. Constants are folded by clang.
std::optional<Affine>
toAffine(const clang::Expr *E, const clang::ASTContext &Ctx,
         llvm::function_ref<bool(const clang::VarDecl *)> IsLoopVar,
         llvm::function_ref<bool(const clang::VarDecl *)> IsInvariant);

/// The same, where a variable may be replaced by the affine form Substitute
/// gives it: one that is neither (an index computed earlier in the
/// iteration), or an invariant that holds a known value (a fixed local,
/// FixedLocals.h); an invariant without one stays a symbol.
std::optional<Affine> toAffine(
    const clang::Expr *E, const clang::ASTContext &Ctx,
    llvm::function_ref<bool(const clang::VarDecl *)> IsLoopVar,
    llvm::function_ref<bool(const clang::VarDecl *)> IsInvariant,
    llvm::function_ref<std::optional<Affine>(const clang::VarDecl *)> Substitute);

/// Candidates for a bound, fewer: of those that differ only in their
/// constant, the least (Least) or the greatest is kept.
std::vector<Affine> extremes(const std::vector<Affine> &Candidates, bool Least);

/// Substitutes Value for V, a loop variable or an invariant symbol;
/// nullopt when a product of two loop variables would result.
std::optional<Affine> substitute(const Affine &A, const clang::VarDecl *V,
                                 const Affine &Value);

/// A as Row·S + Col, S a sorted product of symbols: Row holds the terms
/// that have every factor of S, divided by S; Col the others and the
/// constant (a flattened subscript `i*n + j` split at n: [i][j]).
std::pair<Affine, Affine> splitBy(const Affine &A, const std::vector<const clang::VarDecl *> &S);

/// A · B, when affine.
std::optional<Affine> multiply(const Affine &A, const Affine &B);

} // namespace ppar

#endif
