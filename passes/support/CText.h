//===- CText.h - Pieces of generated C text, built one way ---------------===//
//
// Every pass that writes C builds its calls, initialisers, string literals
// and #line directives with these, so quoting and spacing are the same
// everywhere and a reader of the emitted file sees one style. Calls of the
// runtime go through the typed builders of emit/abi/, which use these.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_SUPPORT_CTEXT_H
#define PPAR_PASSES_SUPPORT_CTEXT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace ppar {

/// S as a C string literal: quotes and backslashes escaped, and every byte
/// that is not printable ASCII as a three-digit octal escape.
std::string quoted(llvm::StringRef S);

/// `Fn(a, b, c)`.
std::string callText(llvm::StringRef Fn, llvm::ArrayRef<std::string> Args);

/// `{a, b, c}`: a struct or array initialiser.
std::string braced(llvm::ArrayRef<std::string> Items);

/// A line of its own, `#line N "file"`, after a newline: what follows maps
/// to line N of the user's file. QuotedFile is already a string literal.
std::string lineDirective(unsigned Line, llvm::StringRef QuotedFile);

} // namespace ppar

#endif
