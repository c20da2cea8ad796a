//===- DiagSink.h - Where passes send their diagnostics ------------------===//
//
// Passes run on the AST of the plugin's analysis parse, whose diagnostics are
// not shown. They report through a DiagSink, which the plugin implements by
// moving each location to the compile the user sees.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_DIAGSINK_H
#define PPAR_PASSES_DIAGSINK_H

#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace ppar {

class DiagSink {
public:
  using Level = clang::DiagnosticsEngine::Level;
  virtual ~DiagSink() = default;

  /// Reports Message at Loc. Message follows clang's style: lower case, no
  /// trailing period.
  virtual void report(Level L, clang::SourceLocation Loc, llvm::StringRef Message,
                      llvm::ArrayRef<clang::FixItHint> FixIts = {}) = 0;

  void error(clang::SourceLocation Loc, llvm::StringRef Message,
             llvm::ArrayRef<clang::FixItHint> FixIts = {}) {
    ++Errors;
    report(clang::DiagnosticsEngine::Error, Loc, Message, FixIts);
  }
  void warning(clang::SourceLocation Loc, llvm::StringRef Message,
               llvm::ArrayRef<clang::FixItHint> FixIts = {}) {
    report(clang::DiagnosticsEngine::Warning, Loc, Message, FixIts);
  }
  void note(clang::SourceLocation Loc, llvm::StringRef Message) {
    report(clang::DiagnosticsEngine::Note, Loc, Message);
  }
  void remark(clang::SourceLocation Loc, llvm::StringRef Message) {
    report(clang::DiagnosticsEngine::Remark, Loc, Message);
  }

  bool hasErrors() const { return Errors != 0; }
  unsigned errorCount() const { return Errors; }

private:
  unsigned Errors = 0;
};

} // namespace ppar

#endif
