//===- GeneratedDecl.h - Declare a function the plugin will generate -----===//
//
// `f_vec` (vectorize) and `f_launch` (raw kernels) are written by the plugin
// after the user's function, but the user's code calls them: while clang
// parses, Sema must know their prototypes, so that a wrong call is an error
// at the user's line and a right one is not an implicit declaration.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_SUPPORT_GENERATEDDECL_H
#define PPAR_PASSES_SUPPORT_GENERATEDDECL_H

#include "clang/Sema/Sema.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace ppar {

/// Declares `void Name(Params...)` at file scope, with the storage class of
/// Like and at its location, unless the user declared Name already.
void declareGenerated(clang::Sema &S, const clang::FunctionDecl *Like, llvm::StringRef Name,
                      llvm::ArrayRef<clang::QualType> Params);

} // namespace ppar

#endif
