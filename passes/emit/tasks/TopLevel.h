//===- TopLevel.h - Generated declarations between the user's ------------===//
//
// A delayed function's generated code goes at file level: after its first
// declaration, or before its first caller, never in front of a
// preprocessor directive on its line; the function that lists a task's
// globals goes at the end of the file, where every file-scope variable is
// declared.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_TASKS_TOPLEVEL_H
#define PPAR_PASSES_EMIT_TASKS_TOPLEVEL_H

#include "plan/TaskPlan.h"
#include "clang/AST/ASTContext.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include <vector>

namespace ppar {

class TopLevel {
public:
  TopLevel(clang::ASTContext &Ctx, clang::Rewriter &R);
  /// F's generated code, placed as Code says; G is the caller.
  void place(const CalleeCode &Code, const clang::FunctionDecl *G);

private:
  void insertBefore(const clang::FunctionDecl *G, const std::string &Text);

  clang::ASTContext &Ctx;
  clang::Rewriter &R;
  clang::PrintingPolicy Policy;
  /// Places right after a top-level declaration of the main file (its `;`
  /// or `}`), in order: where generated declarations can go.
  std::vector<clang::SourceLocation> Boundaries;
};

} // namespace ppar

#endif
