//===- TaskPlan.h - What the `delayed` directive does, as data -----------===//
//
// SPEC section 3, `delayed`: in every function defined in the main file, a
// call of a delayed function becomes a task of the runtime's graph. Where
// the call's result goes decides its shape (docs/delayed.md):
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
// for those tasks first.
//
// The planner (plan/DelayedPlan.h) fills these structures over the AST;
// the emitter (emit/tasks/) prints them. Nothing here is C text.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_PLAN_TASKPLAN_H
#define PPAR_PASSES_PLAN_TASKPLAN_H

#include "analysis/TaskMemory.h"
#include "annotations/Annotation.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ppar {

/// How a parameter of a delayed function reaches its task.
enum class ParamClass {
  Value,   ///< may arrive as a future
  Pointer, ///< an object pointer: a memory access of the task
  Other    ///< a function pointer: passed as it is
};

/// A delayed function, as its tasks see it.
struct DelayedCallee {
  const clang::FunctionDecl *FD; ///< the first declaration
  Annotation Ann;
  std::string Name;
  std::vector<ParamClass> Classes;
  std::vector<bool> HasClause; ///< per parameter: an in/out/inout clause
  /// Per parameter: a data clause's extent names it (`inout(p[0:n])`), so
  /// the task's memory needs its value when the call is made: it never
  /// arrives as a future (the call waits for it instead).
  std::vector<bool> SizesExtent;
  /// Pointer parameters whose clause ppar made from the body
  /// (analysis/ParamExtents), for the report.
  std::vector<unsigned> Inferred;
  /// What the function and its callees touch besides the pointer
  /// arguments (TaskGlobals): file-scope variables with their modes (1
  /// read, 2 write, 3 both), in source order; or all of memory
  /// (AnywhereMode, 0 when not).
  std::vector<std::pair<const clang::VarDecl *, int>> Globals;
  int AnywhereMode = 0;
  /// The function may run GPU code (analysis/GpuCalls): its tasks are
  /// placed on a device where the process may use several.
  bool CallsGpu = false;

  static ParamClass classify(clang::QualType T);
};

/// The conversion kind of the runtime's store (1-15, the arithmetic types
/// in the ABI's order) converting an arithmetic value to T, or -1 when T is
/// no standard arithmetic type.
int storeKind(clang::QualType T);

/// How a result of type From reaches a variable of type To: 0 (same type or
/// both pointers), a conversion kind, or -1 (not through a task).
int resultKind(clang::QualType From, clang::QualType To);

/// What happens to a delayed call's result.
enum class CallShape {
  Dropped,    ///< a statement of its own
  Future,     ///< `v = f(...);`: a future in v's slot
  FutureInit, ///< `T v = f(...)`: the same, in a declaration
  WritesLhs,  ///< `lvalue = f(...);`: the task writes the lvalue
  FeedsTask,  ///< an argument of another task: its future feeds it
  Forced      ///< anything else: run at once, the value used in place
};

/// How one argument of a task's call reaches the task.
enum class ArgShape {
  Value,      ///< a value computed now
  FromTask,   ///< the future of a FeedsTask call, which says all itself
  FromFuture, ///< a future variable: its slot, or the value once resolved
  ByAddress,  ///< an element another task writes, read when the task runs
  Extent,     ///< a pointer and the object it points into
  Clause,     ///< a pointer whose extent an in/out/inout clause gives
  Passed      ///< a function pointer, as it is
};

struct TaskArg {
  ArgShape Shape;
  const clang::Expr *Arg;
  const clang::DeclRefExpr *Ref = nullptr; ///< FromFuture: the variable
  int Slot = -1;                           ///< FromFuture
  MemRoot Extent;                          ///< Extent
};

/// How memory is touched: the ABI's access modes.
enum class TaskAccessMode { Read = 1, Write = 2, ReadWrite = 3 };

/// Memory a task or a wait covers: a variable's storage, a malloc block or
/// all of memory (MemRoot), and how.
struct TaskAccess {
  MemRoot Root;
  TaskAccessMode Mode;
};

/// One call that becomes a task.
struct TaskCall {
  const clang::CallExpr *Call;
  const DelayedCallee *F;
  CallShape Shape = CallShape::Forced;
  const clang::VarDecl *Var = nullptr;        ///< Future, FutureInit
  const clang::BinaryOperator *Assign = nullptr; ///< Future, WritesLhs
  clang::QualType Target; ///< the type the result is stored as (WritesLhs, FeedsTask)
  int Kind = 0;           ///< storeKind, 0: a plain copy
  int Slot = -1;          ///< the future's slot
  std::vector<TaskArg> Args;
  /// What the task touches when it runs, as far as the caller can name it:
  /// the left side it writes, its pointer arguments' objects (by the
  /// parameter's constness or the clause), its function's globals.
  std::vector<TaskAccess> Accesses;
};

/// A read or write of a future variable that resolves it first.
struct FutureUse {
  const clang::VarDecl *Var;
  clang::SourceLocation At; ///< the name, in the file
  int Slot;
};

/// Where a wait goes.
enum class WaitPlace {
  Before,       ///< before statement At
  BeforeBraced, ///< the same, At and the wait braced into one statement
  Inside,       ///< in front of expression At (a condition), joined by commas
  BlockEnd      ///< before the closing brace of block At
};

/// The pending tasks a place waits for before it runs.
struct Wait {
  WaitPlace Place;
  const clang::Stmt *At;
  std::vector<TaskAccess> Accesses;
  bool Remark = true; ///< reported (the waits the user's statements need)
};

/// A malloc block tasks touch: its size is kept where it is made.
struct BlockSize {
  const clang::VarDecl *V;
  const clang::CallExpr *Alloc;
  const clang::Stmt *Decl; ///< the statement that declares V
};

/// The generated code of a delayed function, placed once per file when
/// its first caller is rewritten.
struct CalleeCode {
  enum Placement {
    AfterDeclaration, ///< right after the first declaration
    BeforeCaller,     ///< the declaration is in a header
    Split             ///< the caller is the first declaration: prototypes
                      ///< before it, definitions after it (recursion)
  } Where;
  const DelayedCallee *F;
  clang::SourceLocation After; ///< the end of the first declaration
  clang::SourceLocation RemarkAt; ///< the call that needed it
};

/// The tasks of one function.
struct FunctionTasks {
  const clang::FunctionDecl *G;
  const clang::CompoundStmt *Body;
  std::vector<CalleeCode> Code;      ///< generated code first placed here
  std::vector<FutureUse> FutureUses;
  std::vector<TaskCall> Calls;       ///< inner calls before outer ones
  std::vector<const clang::ReturnStmt *> Returns;
  std::vector<Wait> Waits;           ///< in the order they are placed
  std::vector<BlockSize> BlockSizes; ///< in source order
  int Slots = 0;
  bool LeaveAtEnd = false; ///< control may reach the closing brace
};

struct DelayedPlan {
  std::vector<FunctionTasks> Functions;
  /// The delayed functions called, by canonical declaration (the calls
  /// point here).
  std::map<const clang::FunctionDecl *, DelayedCallee> Callees;
};

} // namespace ppar

#endif
