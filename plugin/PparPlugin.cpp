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

static ParsedAttrInfoRegistry::Add<ppar::JitAttrInfo> Jit("ppar_jit", "");
static ParsedAttrInfoRegistry::Add<ppar::VectorizeAttrInfo> Vec("ppar_vectorize", "");
static ParsedAttrInfoRegistry::Add<ppar::DelayedAttrInfo> Delayed("ppar_delayed", "");
static ParsedAttrInfoRegistry::Add<ppar::PrangeAttrInfo> Prange("ppar_prange", "");
