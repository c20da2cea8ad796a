//===- AnnotationDiags.cpp ------------------------------------------------===//

#include "AnnotationDiags.h"

using namespace clang;

namespace ppar {

DiagnosticsEngine::Level effectiveLevel(const DiagnosticsEngine &Diags,
                                        DiagnosticsEngine::Level Level) {
  // clang 19's custom diagnostics do not follow -w and -Werror by themselves.
  if (Level == DiagnosticsEngine::Warning || Level == DiagnosticsEngine::Remark) {
    if (Diags.getIgnoreAllWarnings() && Level == DiagnosticsEngine::Warning)
      return DiagnosticsEngine::Ignored;
    if (Diags.getWarningsAsErrors() && Level == DiagnosticsEngine::Warning)
      return DiagnosticsEngine::Error;
  }
  return Level;
}

void reportAt(DiagnosticsEngine &Diags, SourceLocation Loc,
              DiagnosticsEngine::Level Level, llvm::StringRef Message) {
  Level = effectiveLevel(Diags, Level);
  if (Level == DiagnosticsEngine::Ignored)
    return;
  // The message is an argument, not the format, so a '%' in user text is safe.
  unsigned ID = Diags.getCustomDiagID(Level, "%0");
  Diags.Report(Loc, ID) << Message;
}

bool reportAnnotationDiags(DiagnosticsEngine &Diags, const SourceManager &SM,
                           const ParseResult &R, TextLocator Locate) {
  bool HasError = false;
  for (const AnnotationDiag &D : R.Diags) {
    DiagnosticsEngine::Level Level = effectiveLevel(
        Diags, D.Level == AnnotationDiag::Error ? DiagnosticsEngine::Error
                                                : DiagnosticsEngine::Warning);
    HasError |= Level == DiagnosticsEngine::Error;
    if (Level == DiagnosticsEngine::Ignored)
      continue;
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
