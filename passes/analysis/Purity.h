//===- Purity.h - Which calls a parallel loop may make -------------------===//
//
// A call in a parallel loop must have no side effect the dependence test
// cannot see: C math library functions (clang's const builtins), and
// functions defined in this file that write no global, static or pointed-to
// memory, read no mutable global, and call only such functions.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_PURITY_H
#define PPAR_PASSES_PURITY_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include <map>
#include <set>
#include <string>

namespace ppar {

class Purity {
public:
  /// True when calling FD has no effect but its result (and errno).
  bool isPure(const clang::FunctionDecl *FD);
  /// Why FD is not pure, for the report ("writes the global 'count'").
  std::string whyNot(const clang::FunctionDecl *FD);

  /// True when calling FD may write memory the caller can see (a global,
  /// a static, anything through a pointer): what PPAR_CHECK cannot copy.
  /// Reading is allowed; a function whose body ppar cannot see may write,
  /// unless the C library or OpenMP documents it as a query.
  bool mayWrite(const clang::FunctionDecl *FD);

private:
  enum State { Visiting, Pure, Impure };
  State analyse(const clang::FunctionDecl *FD);
  bool writesOwnArrays(const clang::CallExpr *C);
  std::map<const clang::FunctionDecl *, State> Known;
  std::map<const clang::FunctionDecl *, std::string> Reasons;
  std::map<const clang::FunctionDecl *, bool> Writes; ///< mayWrite's answers
  std::set<const clang::FunctionDecl *> WriteVisiting;
  bool WriteAssumed = false; ///< an answer rests on a call still being judged
};

} // namespace ppar

#endif
