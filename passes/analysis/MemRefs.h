//===- MemRefs.h - The array and pointer accesses of a loop body ---------===//
//
// Each access `a[e1][e2]`, `*(p + e)`, `p->f` of a statement, as a base
// variable with its subscripts, and whether it reads or writes. The
// dependence test (Dependence.h) compares them pairwise.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_MEMREFS_H
#define PPAR_PASSES_MEMREFS_H

#include "clang/AST/Expr.h"
#include <vector>

namespace ppar {

/// One subscript: E (or 0 when E is null), negated for `*(p - e)`.
struct Subscript {
  const clang::Expr *E = nullptr;
  bool Negated = false;
};

struct MemRef {
  const clang::Expr *Access = nullptr; ///< the whole access, for messages
  const clang::VarDecl *Base = nullptr; ///< null: not a variable (`f()[i]`)
  std::vector<Subscript> Subscripts;    ///< outermost first; empty: whole object
  bool Read = false;
  bool Write = false;
};

struct MemRefs {
  std::vector<MemRef> Refs;
  /// Calls made by the statement, with the callee when known.
  std::vector<const clang::CallExpr *> Calls;
};

MemRefs collectMemRefs(const clang::Stmt *S);

} // namespace ppar

#endif
