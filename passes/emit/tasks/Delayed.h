//===- Delayed.h - Calls of delayed functions become tasks ---------------===//
//
// SPEC section 3, `delayed`: in every function defined in the main file, a
// call of a delayed function becomes a task of the runtime's graph. Where
// the call's result goes decides the shape (docs/delayed.md):
//
//   double a = load(0);      the result is a future kept in a slot of the
//   a = load(1);             function; the first real use of `a` resolves it
//   parts[i] = load(i);      the task writes the element itself
//   fill(buf, n);            the result is dropped
//   combine(load(0), x)      an argument: the inner task's future feeds the
//                            outer task, nothing waits
//   printf("%g", load(0))    any other use: the task is forced at once
//
// Every function that makes tasks opens a scope at entry and closes it at
// each return, so its tasks have finished when it returns. A statement that
// is not a task and touches memory a task of the function may touch waits
// for those tasks first (__ppar_rt_wait_memory).
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_DELAYED_H
#define PPAR_PASSES_DELAYED_H

#include "support/DiagSink.h"
#include "clang/AST/ASTContext.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include <set>

namespace ppar {

/// Rewrites the delayed calls of the main file into Main. Functions in Skip
/// (jit functions, whose bodies are copied into variants) keep plain calls,
/// with a warning. Report adds a remark per task and per wait. Returns false
/// after an error.
bool rewriteDelayedCalls(clang::ASTContext &Ctx, clang::Rewriter &Main,
                         DiagSink &Sink,
                         const std::set<const clang::FunctionDecl *> &Skip,
                         bool Report);

} // namespace ppar

#endif
