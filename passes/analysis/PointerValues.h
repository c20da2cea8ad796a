//===- PointerValues.h - Where code follows a pointer it is given --------===//
//
// A kernel needs the memory behind a pointer only when it follows the
// pointer: subscripts it, dereferences it, takes a member through it, or
// passes it to a function (which may). Code that only compares a pointer,
// stores it into memory or copies it into another variable needs its value
// alone - csmith's `l_850 = p_68;`, `if (p == &g)` - and the kernel can get
// the host's value as is. Copies are followed too: `q = p; *q` follows p.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_POINTERVALUES_H
#define PPAR_PASSES_POINTERVALUES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"

namespace ppar {

/// Where S follows the value of pointer variable V, or of a variable that
/// gets it in S; null when S uses the value only (stores or copies it,
/// compares it with null or a copy, or does pointer arithmetic on it without
/// following the result).
const clang::Expr *followedAt(const clang::Stmt *S, const clang::VarDecl *V);

} // namespace ppar

#endif
