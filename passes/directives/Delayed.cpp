//===- Delayed.cpp - The delayed directive's pass -------------------------===//
//
// Calls of delayed functions, in every function of the file, become tasks
// (emit/tasks/Delayed.h). The bodies of jit functions are copied into
// variants by the jit pass, which emits first, so their calls stay plain.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "emit/tasks/Delayed.h"

namespace ppar {
namespace {

class DelayedPass : public DirectivePass {
public:
  void plan(Unit &) override {}

  bool emit(Unit &U) override {
    std::set<const clang::FunctionDecl *> JitFunctions;
    for (FunctionPlan *P : U.with(Directive::Jit))
      JitFunctions.insert(P->F.FD);
    return rewriteDelayedCalls(U.Ctx, U.R, U.Sink, JitFunctions, U.Opts.Report);
  }
};

} // namespace

std::unique_ptr<DirectivePass> createDelayedPass() {
  return std::make_unique<DelayedPass>();
}

} // namespace ppar
