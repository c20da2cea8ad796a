//===- AnnotationDiags.h - Parser diagnostics at the user's locations ----===//

#ifndef PPAR_PLUGIN_ANNOTATIONDIAGS_H
#define PPAR_PLUGIN_ANNOTATIONDIAGS_H

#include "annotations/Annotation.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace ppar {

/// Maps a byte offset of the parsed annotation text to its source location.
using TextLocator = llvm::function_ref<clang::SourceLocation(unsigned Offset)>;

/// Reports R's diagnostics through Diags. Fix-its are attached only where
/// the text lies in a file the user can edit (not inside a macro expansion).
/// Returns true when R has an error.
bool reportAnnotationDiags(clang::DiagnosticsEngine &Diags,
                           const clang::SourceManager &SM,
                           const ParseResult &R, TextLocator Locate);

/// Level after -w and -Werror, which clang 19 does not apply to custom
/// diagnostics: Ignored for a warning under -w, Error under -Werror.
clang::DiagnosticsEngine::Level effectiveLevel(const clang::DiagnosticsEngine &Diags,
                                               clang::DiagnosticsEngine::Level Level);

/// The same message at Loc, for diagnostics of the plugin itself.
void reportAt(clang::DiagnosticsEngine &Diags, clang::SourceLocation Loc,
              clang::DiagnosticsEngine::Level Level, llvm::StringRef Message);

} // namespace ppar

#endif
