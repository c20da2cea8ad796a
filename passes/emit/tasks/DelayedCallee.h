//===- DelayedCallee.h - A delayed function and the code its tasks need ---===//
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
// else into its own result buffer, converted by `kind` (__PPAR_RT_STORE).
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_DELAYEDCALLEE_H
#define PPAR_PASSES_DELAYEDCALLEE_H

#include "annotations/Annotation.h"
#include "clang/AST/Decl.h"
#include <string>
#include <vector>

namespace ppar {

enum class ParamClass {
  Value,   ///< may arrive as a future
  Pointer, ///< an object pointer: a memory access of the task
  Other    ///< a function pointer: passed as it is
};

struct DelayedCallee {
  const clang::FunctionDecl *FD; ///< the first declaration
  Annotation Ann;
  std::string Name;
  std::vector<ParamClass> Classes;
  std::vector<bool> HasClause; ///< per parameter: an in/out/inout clause
  bool Emitted = false; ///< its generated code is placed
  /// What the function and its callees touch besides the pointer
  /// arguments (TaskGlobals): file-scope variables, named by a function
  /// defined at the end of the file (globalsText), where all are declared;
  /// or all of memory (AnywhereMode, 0 when not).
  std::vector<std::pair<const clang::VarDecl *, int>> Globals;
  int AnywhereMode = 0;

  static ParamClass classify(clang::QualType T);
  std::string spawnName() const { return "__ppar_spawn_" + Name; }
  std::string globalsName() const { return "__ppar_globals_" + Name; }

  /// The struct and the two prototypes.
  std::string prototypes(const clang::PrintingPolicy &P) const;
  /// The task function and the launcher.
  std::string definitions(const clang::PrintingPolicy &P) const;
  /// The function filling in the accesses of Globals ("" when none).
  std::string globalsText() const;
};

/// The store kind of __PPAR_RT_STORE converting an arithmetic value to T,
/// or -1 when T is no standard arithmetic type.
int storeKind(clang::QualType T);

/// How a result of type From reaches a variable of type To: 0 (same type or
/// both pointers), a conversion kind, or -1 (not through a task).
int resultKind(clang::QualType From, clang::QualType To);

} // namespace ppar

#endif
