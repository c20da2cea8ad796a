//===- SourceText.h - Reading and writing the user's text ----------------===//
//
// Small helpers shared by the passes that write code: the text of a range,
// the end of a statement, and keeping columns and lines.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_SOURCETEXT_H
#define PPAR_PASSES_SOURCETEXT_H

#include "support/CText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include <string>

namespace ppar {

/// The user's text of R when it lies in one file outside macros, else "".
std::string sourceText(clang::SourceRange R, const clang::ASTContext &Ctx);

/// The last token of statement S: its `}` or its `;`.
clang::SourceLocation lastToken(const clang::Stmt *S,
                                const clang::SourceManager &SM,
                                const clang::LangOptions &LO);

/// True when C text Text names the identifier Name (not as part of a
/// longer identifier or of a number).
bool mentionsName(llvm::StringRef Text, llvm::StringRef Name);

/// Spaces that put what follows token Tok on its line back at its column
/// (After: the place right after Tok), after text was inserted before it;
/// "" when nothing but blanks follows.
std::string padding(const clang::SourceManager &SM, clang::SourceLocation Tok,
                    clang::PresumedLoc After);

} // namespace ppar

#endif
