//===- DelayedPlan.h - Planning the tasks of `delayed` calls -------------===//
//
// planDelayed classifies every call of a delayed function in the functions
// of the main file (TaskPlan.h), gives futures their slots, finds each
// task's memory accesses (arguments, clauses, TaskGlobals, TaskMemory) and
// the waits that statements touching that memory need. Errors about what
// cannot become a task go to the sink; nothing is printed as C.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_PLAN_DELAYEDPLAN_H
#define PPAR_PASSES_PLAN_DELAYEDPLAN_H

#include "plan/TaskPlan.h"
#include "support/DiagSink.h"
#include "clang/AST/ASTContext.h"
#include <set>

namespace ppar {

/// The plan of the delayed calls of the main file. Functions in Skip (jit
/// functions, whose bodies are copied into variants) keep plain calls, with
/// a warning. Returns false after an error.
bool planDelayed(clang::ASTContext &Ctx, DiagSink &Sink,
                 const std::set<const clang::FunctionDecl *> &Skip, DelayedPlan &Out);

} // namespace ppar

#endif
