//===- ForwardingSink.h - Pass diagnostics, shown in the user's compile --===//
//
// Passes run on the analysis parse, whose SourceManager the user never sees.
// This sink keeps each diagnostic as (file, offset) and shows it later in
// the compile's own DiagnosticsEngine, at the same place of the main file as
// rewritten (remapMainFile), or as written when nothing was rewritten.
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

  /// Moves the kept main-file offsets through the rewrite of the main file:
  /// Map takes an offset in the original text to one in the rewritten text.
  void remapMainFile(llvm::function_ref<unsigned(unsigned)> Map);

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
  };
  struct Kept {
    Level L;
    Place At;
    std::string Message;
    std::vector<std::pair<Place, Place>> FixRanges;
    std::vector<std::string> FixTexts;
  };

  Place place(clang::SourceLocation Loc) const;
  clang::SourceLocation locate(const Place &P, clang::SourceManager &To) const;

  const clang::SourceManager &From;
  std::vector<Kept> Diags;
};

} // namespace ppar

#endif
