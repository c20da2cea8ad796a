//===- Tasks.h - Typed builders for the task group of the runtime ABI ----===//
//
// The one place the names of the task entry points of runtime/ppar_rt_abi.h
// are spelled: tasks, futures in a function's slots, scopes, memory
// accesses and waits. Each builder prints one call (or the type or macro it
// names) with callText; the ABI's enums are the C++ enums below, printed by
// their names in the header.
//
// Where the plugin wraps the user's own text in a call, the call is split
// around it: open(E) is `name(`, and the caller closes it.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_ABI_TASKS_H
#define PPAR_PASSES_EMIT_ABI_TASKS_H

#include "emit/abi/Enums.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace ppar::abi {

/// The task entry points of the ABI.
enum class TaskEntry {
  TaskCreate,
  TaskForce,
  TaskRelease,
  FutureSet,
  FutureGet,
  FutureForce,
  ScopeEnter,
  ScopeLeaveRelease,
  WaitMemory
};

/// The entry point's name.
llvm::StringRef name(TaskEntry E);
/// `name(`: the start of a call whose arguments wrap the user's text.
std::string open(TaskEntry E);

/// The mode of a read (1), write (2) or both (3) bit set.
AccessMode accessMode(int Bits);

/// __PPAR_RT_TASK_*: flags of a task.
enum TaskFlag : unsigned {
  TaskNoFlags = 0,
  TaskNogil = 1u,
  TaskEager = 2u,
  TaskGpu = 4u ///< calls GPU code: placed on a device (docs/multi-gpu.md)
};
/// `0u`, then ` | __PPAR_RT_TASK_NOGIL` ... for each flag set.
std::string flagsText(unsigned Flags);

/// `struct __ppar_rt_task`, `struct __ppar_rt_access`.
std::string taskType();
std::string accessType();

/// __PPAR_RT_ANYWHERE_LO, __PPAR_RT_ANYWHERE_HI: all of memory.
std::string anywhereLo();
std::string anywhereHi();

/// `{lo, hi, mode}`: one element of an access array.
std::string access(llvm::StringRef Lo, llvm::StringRef Hi, AccessMode M);
/// `(struct __ppar_rt_access){lo, hi, mode}`.
std::string accessLiteral(llvm::StringRef Lo, llvm::StringRef Hi, AccessMode M);

/// __ppar_rt_task_create(name, file, line, fn, args, size, result_size,
/// accesses, naccesses, deps, ndeps, flags); Name is already a literal.
std::string taskCreate(llvm::StringRef Name, llvm::StringRef File, llvm::StringRef Line,
                       llvm::StringRef Fn, llvm::StringRef Args, llvm::StringRef Size,
                       llvm::StringRef ResultSize, llvm::StringRef Accesses,
                       unsigned NAccesses, llvm::StringRef Deps, unsigned NDeps,
                       unsigned Flags);
std::string taskForce(llvm::StringRef Task);
std::string futureGet(llvm::StringRef Slot, llvm::StringRef Var, llvm::StringRef Size);
std::string scopeEnter();
std::string scopeLeaveRelease(llvm::StringRef Slots, unsigned N);
std::string waitMemory(llvm::StringRef Lo, llvm::StringRef Hi, AccessMode M);

/// __PPAR_RT_STORE(out, kind, v): kinds 1-15 convert to the arithmetic
/// types in the header's order, 0 copies (storeKind in plan/TaskPlan.h).
std::string store(llvm::StringRef Out, llvm::StringRef Kind, llvm::StringRef V);

} // namespace ppar::abi

#endif
