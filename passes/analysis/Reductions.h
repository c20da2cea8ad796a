//===- Reductions.h - Scalars a loop combines with one operator ----------===//
//
// A scalar declared outside a loop whose every mention inside it is an
// update `s op= e` (or `s = s op e`, `s++`, `s = fmin(s, e)`,
// `if (e > s) s = e`), made where its value is thrown away, is a reduction:
// each thread may fold its iterations into a private copy and the copies be
// combined afterwards. An array element whose subscripts do not change in
// the loop (`x[i] -= L[i][j] * x[j]` over j) is reduced the same way,
// through a private accumulator (analysis/Dependence finds them, with the
// exact test's proof that no other access touches the element). The
// operator is one enum, and everything an emitter
// needs to know of it (its OpenMP identifier, its identity, the CUDA
// prelude's functor, whether reassociating it changes floating-point
// results) is a row of one table, so the OpenMP, CUDA and PPAR_CHECK
// emitters agree.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_ANALYSIS_REDUCTIONS_H
#define PPAR_PASSES_ANALYSIS_REDUCTIONS_H

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <vector>

namespace ppar {

enum class ReductionOp { Add, Mul, BitAnd, BitOr, BitXor, LogAnd, LogOr, Min, Max };

/// What the emitters need to know of one operator.
struct ReductionOpInfo {
  llvm::StringRef OpenMP;      ///< OpenMP reduction identifier: + * & | ^ && || min max
  llvm::StringRef CudaFunctor; ///< the kernel prelude's functor (KernelText.cpp)
  /// Folding a value in twice changes nothing (min, max, &, |, &&, ||):
  /// a partial result may start from the variable's own value.
  bool Idempotent;
  llvm::StringRef Identity;    ///< as a C literal, for the others: 0 or 1
  /// The identity of a floating-point fold, where the operator may reorder
  /// floats (reordersFloat): -0.0 for +, since -0.0 + x is x for every x,
  /// +0.0 and -0.0 included; +-infinity for min and max. Empty for others.
  llvm::StringRef FloatIdentity;
  /// min and max: the comparison by which a value replaces the partial
  /// (`<`, `>`); empty where the operator folds with OpenMP's spelling.
  llvm::StringRef Replaces;
};

const ReductionOpInfo &info(ReductionOp Op);

/// A reduction of variable Var.
struct Reduction {
  const clang::VarDecl *Var;
  ReductionOp Op;
  /// A reduction into an array element: Var is the accumulator the CPU
  /// variant declares around the loop (loaded from the element before it,
  /// stored after it), made by plan/LoopPlan, and Uses are the element's
  /// mentions in the loop, which the variant reads as Var. Null for a
  /// variable of the user's.
  const clang::Expr *Element = nullptr;
  std::vector<const clang::Expr *> Uses = {};

  /// A floating-point sum, product, min or max: its result depends on the
  /// order partial results are combined in, so ppar fixes that order.
  bool reordersFloat() const;
};

/// The operator with which every mention of V in loop body Body updates V,
/// each where its value is thrown away (a statement, a for increment, the
/// left of a comma, a cast to void); nullopt when some mention is anything
/// else (`k[i] = j++` reads j) or two operators are mixed.
std::optional<ReductionOp> reductionOf(const clang::Stmt *Body,
                                       const clang::VarDecl *V);

/// The same for the array element Element (its every mention written as
/// Element is: `x[i]`), in Body: the operator with which every mention
/// updates it, where its value is thrown away; nullopt otherwise. Other
/// expressions that may name the element (`x[j]`) are the caller's to
/// exclude.
std::optional<ReductionOp> elementReductionOf(const clang::Stmt *Body,
                                              const clang::Expr *Element,
                                              const clang::ASTContext &Ctx);

} // namespace ppar

#endif
