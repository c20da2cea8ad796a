//===- ForwardingSink.h - Pass diagnostics, shown in the user's compile --===//
//
// Passes run on the analysis parse, whose SourceManager the user never sees.
// This sink keeps each diagnostic as (file, offset) and shows it later in
// the compile's own DiagnosticsEngine. When the main file was rewritten, a
// place in it is shown in a copy of the text as the user wrote it (a buffer
// of the same name), so line, column and the quoted line are the user's:
// the rewritten text puts declarations and directives on the user's lines,
// which would move columns. The rewrite decides only when a diagnostic is
// shown (remapMainFile), so that it comes out as the parse passes its place.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PLUGIN_FORWARDINGSINK_H
#define PPAR_PLUGIN_FORWARDINGSINK_H

#include "support/DiagSink.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>
#include <vector>

namespace ppar {

class ForwardingSink : public DiagSink {
public:
  explicit ForwardingSink(const clang::SourceManager &From) : From(From) {}

  void report(Level L, clang::SourceLocation Loc, llvm::StringRef Message,
              llvm::ArrayRef<clang::FixItHint> FixIts) override;

  /// Records that the compile's main file is a rewrite of Original (whose
  /// buffer is named Name): Map takes an offset in Original to one in the
  /// rewritten text, where the parse will reach it.
  void remapMainFile(llvm::StringRef Original, llvm::StringRef Name,
                     llvm::function_ref<unsigned(unsigned)> Map);

  /// Shows, through Diags and against To's main file, every kept diagnostic
  /// before main-file offset Upto (all when Upto is absent). Called as the
  /// compile's parse moves on, so the `#line`s before each place are known
  /// when it is shown.
  void flush(clang::DiagnosticsEngine &Diags, clang::SourceManager &To,
             std::optional<unsigned> Upto = std::nullopt);

private:
  struct Place {
    bool Valid = false;
    bool InMain = false;
    clang::OptionalFileEntryRef File;
    unsigned Offset = 0;
    unsigned ShowAfter = 0; ///< InMain: offset the parse passes before showing it
  };
  struct Kept {
    Level L;
    Place At;
    std::string Message;
    std::vector<std::pair<Place, Place>> FixRanges;
    std::vector<std::string> FixTexts;
  };

  Place place(clang::SourceLocation Loc) const;
  clang::SourceLocation locate(const Place &P, clang::SourceManager &To);

  const clang::SourceManager &From;
  std::vector<Kept> Diags;
  /// The main file as written, when the compile's main file is a rewrite,
  /// and its buffer in the compile's SourceManager once made.
  std::optional<std::string> Original;
  std::string OriginalName;
  clang::FileID OriginalID;
};

} // namespace ppar

#endif
