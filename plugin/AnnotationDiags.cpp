//===- AnnotationDiags.cpp ------------------------------------------------===//

#include "AnnotationDiags.h"

using namespace clang;

namespace ppar {

void reportAt(DiagnosticsEngine &Diags, SourceLocation Loc,
              DiagnosticsEngine::Level Level, llvm::StringRef Message) {
  // The message is an argument, not the format, so a '%' in user text is safe.
  unsigned ID = Diags.getCustomDiagID(Level, "%0");
  Diags.Report(Loc, ID) << Message;
}

bool reportAnnotationDiags(DiagnosticsEngine &Diags, const SourceManager &SM,
                           const ParseResult &R, TextLocator Locate) {
  bool HasError = false;
  for (const AnnotationDiag &D : R.Diags) {
    DiagnosticsEngine::Level Level = D.Level == AnnotationDiag::Error
                                         ? DiagnosticsEngine::Error
                                         : DiagnosticsEngine::Warning;
    HasError |= Level == DiagnosticsEngine::Error;
    SourceLocation Begin = Locate(D.Offset);
    SourceLocation End = Locate(D.Offset + D.Length);
    unsigned ID = Diags.getCustomDiagID(Level, "%0");
    DiagnosticBuilder B = Diags.Report(Begin, ID);
    B << D.Message;
    bool Editable = Begin.isFileID() && End.isFileID() &&
                    SM.getFileID(Begin) == SM.getFileID(End);
    if (D.Length && Editable)
      B << CharSourceRange::getCharRange(Begin, End);
    if (D.FixIt && Editable)
      B << FixItHint::CreateReplacement(CharSourceRange::getCharRange(Begin, End),
                                        *D.FixIt);
  }
  return HasError;
}

} // namespace ppar
