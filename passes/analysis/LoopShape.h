//===- LoopShape.h - Is a for loop in OpenMP's canonical form? -----------===//
//
// OpenMP takes `for (init; var relop bound; step)` with an integer variable,
// a bound and step that do not change in the loop, and a body that runs every
// iteration to its end. This pass checks that before any pragma is inserted,
// so the user gets our explanation at their line, not OpenMP's error about
// code they did not write.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_LOOPSHAPE_H
#define PPAR_PASSES_LOOPSHAPE_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/APSInt.h"
#include <cstdint>
#include <optional>
#include <string>

namespace ppar {

/// The parts of `for (var = init; var cmp bound; step)`.
struct LoopHeader {
  const clang::VarDecl *Var = nullptr;
  bool Declared = false;             ///< `for (int i = ...` rather than `for (i = ...`
  const clang::Expr *Init = nullptr;
  const clang::Expr *Bound = nullptr;
  clang::BinaryOperatorKind Cmp{};   ///< normalised to `var Cmp bound`
  const clang::Expr *Step = nullptr; ///< the increment expression
  /// Step per iteration when constant (+1 for ++, -1 for --).
  std::optional<int64_t> ConstStep;
};

/// Reads the header of Loop when it has the canonical shape, else nullopt.
std::optional<LoopHeader> readHeader(const clang::ForStmt *Loop);

/// The condition under which a loop variable that may wrap around (an
/// unsigned or narrow one) does not: `(Compared)(Bound) <= Limit` when the
/// loop counts up, `>=` when it counts down. emit/RangeText.h prints it.
struct WrapGuard {
  const clang::VarDecl *Var; ///< the loop variable
  const clang::Expr *Bound;  ///< the loop's bound, parentheses and casts dropped
  clang::QualType Compared;  ///< the type the comparison converts it to
  bool Up;                   ///< the loop counts up
  llvm::APSInt Limit;        ///< signed, wide enough for any bound
};

struct CanonicalLoop {
  const clang::ForStmt *Loop;
  const clang::VarDecl *Var; ///< the loop variable
  bool VarDeclaredInLoop;    ///< `for (int i = ...` rather than `for (i = ...`
  LoopHeader Header;
  /// A condition that must hold for OpenMP's trip count to be C's: the
  /// bound keeps an unsigned or narrow variable from wrapping around
  /// (`n <= 4294967294`). None when it always holds.
  std::optional<WrapGuard> Wrap;
};

/// Why a loop is not canonical: a message and the place it refers to.
struct ShapeProblem {
  clang::SourceLocation Loc;
  std::string Message;
};

/// Checks Loop's shape; returns the loop, or the first problem found.
std::optional<CanonicalLoop> checkLoopShape(const clang::ForStmt *Loop,
                                            ShapeProblem &Problem);

} // namespace ppar

#endif
