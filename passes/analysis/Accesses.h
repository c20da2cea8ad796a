//===- Accesses.h - Which variables a statement reads, writes, exposes ---===//
//
// The shared fact-finder of the loop passes: for every variable named in a
// statement, where it is first read, written or has its address taken, and
// which statements leave the loop early.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_ACCESSES_H
#define PPAR_PASSES_ACCESSES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/MapVector.h"
#include <vector>

namespace ppar {

struct VarAccess {
  clang::SourceLocation FirstRead;
  clang::SourceLocation FirstWrite;
  clang::SourceLocation AddressTaken; ///< &v, or an array passed as a pointer
  bool read() const { return FirstRead.isValid(); }
  bool written() const { return FirstWrite.isValid(); }
  bool escapes() const { return AddressTaken.isValid(); }
};

struct Accesses {
  /// Every variable named, in order of first mention.
  llvm::MapVector<const clang::VarDecl *, VarAccess> Vars;
  /// Variables declared inside the statement.
  std::vector<const clang::VarDecl *> Declared;
  /// break/return/goto that leave the statement (for a loop body: that end
  /// the loop early).
  std::vector<const clang::Stmt *> Exits;
  /// Labels inside the statement (a goto may enter it; a copy would
  /// define them twice).
  std::vector<const clang::LabelStmt *> Labels;
  /// Calls of functions (not of builtins the compiler folds).
  std::vector<const clang::CallExpr *> Calls;

  bool declares(const clang::VarDecl *V) const;
};

/// Collects the accesses of S, as the body of a loop (a `break` at its top
/// level leaves the loop; one inside an inner loop or switch does not).
Accesses collectAccesses(const clang::Stmt *S);

/// The variable E names, through parentheses and implicit casts, or null.
const clang::VarDecl *asVar(const clang::Expr *E);

/// True when E names V anywhere.
bool mentions(const clang::Stmt *E, const clang::VarDecl *V);

} // namespace ppar

#endif
