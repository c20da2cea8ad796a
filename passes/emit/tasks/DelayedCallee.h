//===- DelayedCallee.h - The code a delayed function's tasks need --------===//
//
// For each delayed function f the plugin generates, once per file:
//
//   struct __ppar_args_f { ... };          the captured arguments
//   static void __ppar_task_f(void *, void *);     runs f on them
//   static struct __ppar_rt_task *__ppar_spawn_f(file, line, kind, size, dst,
//                                                 ...f's arguments...);
//
// They go right after f's first declaration (the definitions call f), or
// before the first caller when f is declared in a header; a recursive f
// whose first declaration is its definition gets the struct and the
// prototypes before itself, so that it can spawn itself. __ppar_spawn_f takes, per parameter of f:
//   value parameter:    the future it may come from (or null), the address
//                       to read it from when the task runs (or null: a
//                       task writes it, parts[i] = f(i)), the value
//   pointer parameter:  the pointer, then [lo, hi), the whole object the
//                       call site knows it points into, unless an in/out/
//                       inout clause gives the extent
// The task writes f's result to `dst` when given (an lvalue of the caller),
// else into its own result buffer, converted by `kind` (storeKind).
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_DELAYEDCALLEE_H
#define PPAR_PASSES_DELAYEDCALLEE_H

#include "plan/TaskPlan.h"
#include "clang/AST/ASTContext.h"
#include <string>

namespace ppar {

/// How generated declarations print types: `struct` kept, `_Bool`.
clang::PrintingPolicy taskPolicy(const clang::ASTContext &Ctx);

std::string spawnName(const DelayedCallee &F);

/// The struct and the two prototypes.
std::string calleePrototypes(const DelayedCallee &F, const clang::PrintingPolicy &P);
/// The task function and the launcher.
std::string calleeDefinitions(const DelayedCallee &F, const clang::PrintingPolicy &P);
/// The function filling in the accesses of F.Globals, defined at the end of
/// the file where every file-scope variable is declared ("" when none).
std::string calleeGlobals(const DelayedCallee &F);

/// [lo, hi) of R as C text: the whole variable, the malloc block, all of
/// memory, nothing.
std::pair<std::string, std::string> extentBounds(const MemRoot &R);
/// The same as `lo, hi`: two arguments.
std::string extentText(const MemRoot &R);

} // namespace ppar

#endif
