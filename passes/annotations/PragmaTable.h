//===- PragmaTable.h - #pragma ppar lines seen by one preprocessor -------===//
//
// A pragma is not attached to anything when it is lexed; the pragma handler
// records it here and the binder (Binding.h) later ties it to the function or
// loop that follows. One table per Preprocessor, since the plugin runs two
// parses (the analysis parse and the compile) in one process.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_PRAGMATABLE_H
#define PPAR_PASSES_PRAGMATABLE_H

#include "annotations/Annotation.h"
#include "clang/Basic/SourceLocation.h"
#include <vector>

namespace clang {
class Preprocessor;
}

namespace ppar {

struct PragmaRecord {
  clang::SourceLocation Loc; ///< file location of `#pragma` or `_Pragma`
  Annotation Ann;
  bool Bound = false;
};

class PragmaTable {
public:
  /// The table of PP, created on first use.
  static PragmaTable &of(const clang::Preprocessor &PP);
  /// Drops PP's table once its parse is over.
  static void forget(const clang::Preprocessor &PP);

  std::vector<PragmaRecord> Records;
};

} // namespace ppar

#endif
