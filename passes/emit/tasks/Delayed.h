//===- Delayed.h - The tasks of `delayed` calls, printed -----------------===//
//
// Prints a DelayedPlan (plan/TaskPlan.h) into the main file: each task's
// spawn call around the user's call, futures in the function's slots, the
// scope at entry and at each return, the waits, the sizes of malloc blocks
// tasks touch, and each delayed function's generated code (DelayedCallee.h,
// placed by TopLevel.h). The edits of one function go through one EditSet,
// so two of them can never overlap or cut a preprocessor conditional; they
// stay in the user's file, where diagnostics of the compile point.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_DELAYED_H
#define PPAR_PASSES_DELAYED_H

#include "plan/TaskPlan.h"
#include "support/DiagSink.h"
#include "clang/AST/ASTContext.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include <set>

namespace ppar {

/// Prints Plan into Main. Report adds a remark per task and per wait.
/// Returns false after an error.
bool emitDelayed(const DelayedPlan &Plan, clang::ASTContext &Ctx, clang::Rewriter &Main,
                 DiagSink &Sink, bool Report);

} // namespace ppar

#endif
