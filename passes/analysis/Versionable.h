//===- Versionable.h - Can a function's text be copied into variants? ----===//
//
// ppar's variants of a function are copies of its body's text, compiled
// after the body. Some functions do not behave the same when copied: this
// says which, and why, before anything is planned for them.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_ANALYSIS_VERSIONABLE_H
#define PPAR_PASSES_ANALYSIS_VERSIONABLE_H

#include "clang/AST/Decl.h"
#include <string>

namespace ppar {

/// Why FD's text cannot be copied into a variant that behaves the same
/// (a `#define` in its body, `__COUNTER__`, a struct declared in its
/// parameter list, C99 `inline` linkage), or "" when it can.
std::string whyNotVersionable(const clang::FunctionDecl *FD);

} // namespace ppar

#endif
