//===- PparPlugin.cpp - Everything clang registers from libppar.so -------===//
//
// The plugin's entry points, in one place: the frontend action that rewrites
// annotated files, the `#pragma ppar` handler and the attribute spellings.
//
//===----------------------------------------------------------------------===//

#include "Attributes.h"
#include "PragmaHandler.h"
#include "RewriteAction.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang;

static FrontendPluginRegistry::Add<ppar::PparAction>
    Action("ppar", "rewrite ppar annotations into parallel code");

static PragmaHandlerRegistry::Add<ppar::PparPragmaHandler>
    Pragma("ppar", "#pragma ppar jit|vectorize|delayed|prange");

// ppar_jit, ppar_vectorize, ...: one attribute per row of Directives.def.
#define PPAR_DIRECTIVE(Enum, Spelling, Applies, Options, Pass)                 \
  static ParsedAttrInfoRegistry::Add<ppar::AttrInfoOf<ppar::Directive::Enum>>  \
      Attr##Enum("ppar_" Spelling, "");
#include "Directives.def"
