//===- TaskMemory.h - Which memory tasks and other statements touch ------===//
//
// A task's pointer arguments are its memory accesses (SPEC section 3); a
// statement that is not a task and touches memory a pending task may touch
// must wait for that task. Both sides need to know what an expression
// points into (its root): a variable of the program, whose whole storage is
// the extent, or memory the plugin cannot see (a pointer's object: all of
// memory, conservatively).
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_TASKMEMORY_H
#define PPAR_PASSES_TASKMEMORY_H

#include "analysis/MemoryWalk.h"
#include "analysis/Purity.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include <map>
#include <set>
#include <vector>

namespace ppar {

struct MemRoot {
  enum Kind {
    None,      ///< no memory anyone writes (a string literal)
    Var,       ///< the storage of variable V
    Anywhere,  ///< an object the plugin cannot see
    Temporary, ///< a compound literal
    Block      ///< the heap block local pointer V was given by malloc
  } K = Anywhere;
  const clang::VarDecl *V = nullptr;
  bool operator<(const MemRoot &O) const {
    return K != O.K ? K < O.K : V < O.V;
  }
};

/// The allocation call that gives pointer V its block, when V is a local
/// initialised by malloc, calloc or aligned_alloc (size arguments without
/// side effects, written in the file), never assigned again and whose
/// address is never taken: what V points into is then that block, of a
/// size the rewrite records. Else null.
const clang::CallExpr *mallocBlock(const clang::VarDecl *V);

/// Library functions that touch only what their pointer arguments point to:
/// per argument 'r' read, 'w' read and write, 'i' ignored (a FILE *); the
/// last letter repeats for further arguments. Null for other functions.
const char *libraryArgs(llvm::StringRef Name);

/// What the value of pointer expression P points into.
MemRoot pointeeRoot(const clang::Expr *P);
/// What lvalue L lies in.
MemRoot lvalueRoot(const clang::Expr *L);

/// A read (1), write (2) or both (3) of memory in R.
struct Touch {
  MemRoot Root;
  int Mode;
  bool Escape; ///< the address leaves (into a pointer or an unknown call)
};

/// The tasks of the function, which touch memory later, not now.
struct TaskSites {
  /// Calls that become tasks: their pointer arguments are not touched now.
  std::set<const clang::CallExpr *> Calls;
  /// Left sides that a task writes (parts[i] = f(i)): only the address is
  /// computed now.
  std::set<const clang::Expr *> DestLhs;
  /// Value arguments read by the task from memory when it runs (an element
  /// another task writes): only the address is computed now.
  std::set<const clang::Expr *> ByAddress;
  /// Left sides that receive a future: not touched at all.
  std::set<const clang::Expr *> FutureLhs;
};

/// Collects the touches of code as it runs now, tasks left out.
class TouchFinder : public MemoryWalk<TouchFinder> {
public:
  TouchFinder(const TaskSites &Tasks, Purity &Pure) : Tasks(Tasks), Pure(Pure) {}
  std::vector<Touch> Touches;

private:
  friend class MemoryWalk<TouchFinder>;
  void access(const clang::Expr *L, int Mode);
  void escape(const clang::Expr *L);
  void assign(const clang::Expr *L, int Mode);
  void call(const clang::CallExpr *CE);
  void add(MemRoot R, int Mode, bool Escape) {
    if (R.K != MemRoot::None)
      Touches.push_back({R, Mode, Escape});
  }

  const TaskSites &Tasks;
  Purity &Pure;
};

} // namespace ppar

#endif
