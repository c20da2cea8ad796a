//===- Tasks.cpp ----------------------------------------------------------===//

#include "emit/abi/Tasks.h"
#include "support/CText.h"
#include "llvm/ADT/Twine.h"

namespace ppar::abi {

llvm::StringRef name(TaskEntry E) {
  switch (E) {
  case TaskEntry::TaskCreate: return "__ppar_rt_task_create";
  case TaskEntry::TaskForce: return "__ppar_rt_task_force";
  case TaskEntry::TaskRelease: return "__ppar_rt_task_release";
  case TaskEntry::FutureSet: return "__ppar_rt_future_set";
  case TaskEntry::FutureGet: return "__ppar_rt_future_get";
  case TaskEntry::FutureForce: return "__ppar_rt_future_force";
  case TaskEntry::ScopeEnter: return "__ppar_rt_scope_enter";
  case TaskEntry::ScopeLeaveRelease: return "__ppar_rt_scope_leave_release";
  case TaskEntry::WaitMemory: return "__ppar_rt_wait_memory";
  }
  return "";
}

std::string open(TaskEntry E) { return (name(E) + "(").str(); }

AccessMode accessMode(int Bits) {
  return Bits == 1 ? AccessMode::Read : Bits == 2 ? AccessMode::Write : AccessMode::ReadWrite;
}

std::string flagsText(unsigned Flags) {
  std::string S = "0u";
  if (Flags & TaskNogil)
    S += " | __PPAR_RT_TASK_NOGIL";
  if (Flags & TaskEager)
    S += " | __PPAR_RT_TASK_EAGER";
  if (Flags & TaskGpu)
    S += " | __PPAR_RT_TASK_GPU";
  return S;
}

std::string taskType() { return "struct __ppar_rt_task"; }
std::string accessType() { return "struct __ppar_rt_access"; }
std::string anywhereLo() { return "__PPAR_RT_ANYWHERE_LO"; }
std::string anywhereHi() { return "__PPAR_RT_ANYWHERE_HI"; }

std::string access(llvm::StringRef Lo, llvm::StringRef Hi, AccessMode M) {
  return braced({Lo.str(), Hi.str(), name(M).str()});
}

std::string accessLiteral(llvm::StringRef Lo, llvm::StringRef Hi, AccessMode M) {
  return "(" + accessType() + ")" + access(Lo, Hi, M);
}

std::string taskCreate(llvm::StringRef Name, llvm::StringRef File, llvm::StringRef Line,
                       llvm::StringRef Fn, llvm::StringRef Args, llvm::StringRef Size,
                       llvm::StringRef ResultSize, llvm::StringRef Accesses,
                       unsigned NAccesses, llvm::StringRef Deps, unsigned NDeps,
                       unsigned Flags) {
  return callText(name(TaskEntry::TaskCreate),
                  {Name.str(), File.str(), Line.str(), Fn.str(), Args.str(), Size.str(),
                   ResultSize.str(), Accesses.str(), std::to_string(NAccesses), Deps.str(),
                   std::to_string(NDeps), flagsText(Flags)});
}

std::string taskForce(llvm::StringRef Task) {
  return callText(name(TaskEntry::TaskForce), {Task.str()});
}

std::string futureGet(llvm::StringRef Slot, llvm::StringRef Var, llvm::StringRef Size) {
  return callText(name(TaskEntry::FutureGet), {Slot.str(), Var.str(), Size.str()});
}

std::string scopeEnter() { return callText(name(TaskEntry::ScopeEnter), {}); }

std::string scopeLeaveRelease(llvm::StringRef Slots, unsigned N) {
  return callText(name(TaskEntry::ScopeLeaveRelease), {Slots.str(), std::to_string(N)});
}

std::string waitMemory(llvm::StringRef Lo, llvm::StringRef Hi, AccessMode M) {
  return callText(name(TaskEntry::WaitMemory), {Lo.str(), Hi.str(), name(M).str()});
}

std::string store(llvm::StringRef Out, llvm::StringRef Kind, llvm::StringRef V) {
  return callText("__PPAR_RT_STORE", {Out.str(), Kind.str(), V.str()});
}

} // namespace ppar::abi
