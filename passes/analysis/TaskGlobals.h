//===- TaskGlobals.h - The memory a delayed function touches besides its
//                     arguments -----------------------------------------===//
//
// A task's pointer arguments are its memory accesses; what its function
// (and every function it calls, tasks it makes included) reads or writes
// otherwise must be accesses too, or the caller would read a global before
// the task has written it, and a later task writing it would overtake an
// earlier reader. The summary of a function: the file-scope variables it
// touches (with read/write modes) and whether it touches memory the plugin
// cannot name (through a pointer of unknown origin, an unknown call, a
// static local): then all of memory.
//
// Pointers are followed a little: a parameter never reassigned stands for
// what the caller passes (mapped at each call), a local pointer whose
// address is never taken stands for the union of what it is given.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_TASKGLOBALS_H
#define PPAR_PASSES_TASKGLOBALS_H

#include "analysis/Purity.h"
#include "clang/AST/Decl.h"
#include <map>
#include <set>

namespace ppar {

struct GlobalEffects {
  /// File-scope variables touched: 1 read, 2 write, 3 both.
  std::map<const clang::VarDecl *, int> Vars;
  /// Memory touched that the plugin cannot name (0: none).
  int Anywhere = 0;
  /// Through pointer parameter i (the caller's argument stands for it).
  std::map<unsigned, int> Params;
  bool operator==(const GlobalEffects &O) const {
    return Vars == O.Vars && Anywhere == O.Anywhere && Params == O.Params;
  }
};

class TaskGlobals {
public:
  explicit TaskGlobals(Purity &Pure) : Pure(Pure) {}
  /// What a call of FD touches besides its own pointer arguments' objects
  /// (Params tells which of those it touches). A function whose body the
  /// plugin cannot see touches all of memory.
  const GlobalEffects &of(const clang::FunctionDecl *FD);

private:
  GlobalEffects compute(const clang::FunctionDecl *Def);
  std::map<const clang::FunctionDecl *, GlobalEffects> Known; // final
  std::map<const clang::FunctionDecl *, GlobalEffects> Work;  // fixpoint
  Purity &Pure;
};

} // namespace ppar

#endif
