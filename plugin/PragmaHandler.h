//===- PragmaHandler.h - #pragma ppar ... --------------------------------===//

#ifndef PPAR_PLUGIN_PRAGMAHANDLER_H
#define PPAR_PLUGIN_PRAGMAHANDLER_H

#include "clang/Lex/Pragma.h"

namespace ppar {

/// Parses the text after `#pragma ppar` (or `_Pragma("ppar ...")`), reports
/// mistakes at their column, and records the annotation in the
/// preprocessor's PragmaTable for the binder.
class PparPragmaHandler : public clang::PragmaHandler {
public:
  PparPragmaHandler() : clang::PragmaHandler("ppar") {}
  void HandlePragma(clang::Preprocessor &PP, clang::PragmaIntroducer Introducer,
                    clang::Token &FirstToken) override;
};

} // namespace ppar

#endif
