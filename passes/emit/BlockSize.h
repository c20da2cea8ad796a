//===- BlockSize.h - The size of a local's malloc block, kept at run time -===//
//
// A local pointer given its block by malloc, calloc or aligned_alloc
// (analysis/TaskMemory's mallocBlock) points into that many bytes wherever
// it is used. The rewrite keeps the size in a variable of its own, set at
// the allocation, so that later changes of the variables the size was
// computed from do not matter: tasks register the block, GPU calls copy it.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_BLOCKSIZE_H
#define PPAR_PASSES_EMIT_BLOCKSIZE_H

#include "support/EditSet.h"
#include "clang/AST/Expr.h"
#include <string>

namespace ppar {

/// The variable that holds V's block size in rewritten code.
std::string blockSizeName(const clang::VarDecl *V);
/// The size argument of an allocation call as C text: `n * sizeof *x`.
std::string blockSizeText(const clang::CallExpr *Alloc);
/// The edits that keep the size: `__SIZE_TYPE__ name; T *x = (name = size,
/// malloc(...));` at V's declaration Decl. Empty, or why not.
std::string keepBlockSize(EditSet &E, const clang::VarDecl *V, const clang::Stmt *Decl,
                          const clang::CallExpr *Alloc);

} // namespace ppar

#endif
