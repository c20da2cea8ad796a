//===- Delayed.cpp - The delayed directive's pass -------------------------===//
//
// Calls of delayed functions, in every function of the file, become tasks:
// plan/DelayedPlan.h plans them, emit/tasks/Delayed.h prints the plan. The
// bodies of jit functions are copied into variants by the jit pass, so
// their calls stay plain.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "emit/tasks/Delayed.h"
#include "plan/DelayedPlan.h"

namespace ppar {
namespace {

class DelayedPass : public DirectivePass {
public:
  void plan(Unit &U) override {
    // Every call of a delayed function is planned against its definition:
    // with an ill-formed annotation anywhere, that would only add noise.
    if (U.hasErrors())
      return;
    std::set<const clang::FunctionDecl *> JitFunctions;
    for (FunctionPlan *P : U.with(Directive::Jit))
      JitFunctions.insert(P->F.FD);
    Planned = planDelayed(U.Ctx, U.Sink, JitFunctions, Plan);
  }

  bool emit(Unit &U) override {
    return Planned && emitDelayed(Plan, U.Ctx, U.R, U.Sink, U.Opts.Report);
  }

private:
  DelayedPlan Plan;
  bool Planned = false;
};

} // namespace

std::unique_ptr<DirectivePass> createDelayedPass() {
  return std::make_unique<DelayedPass>();
}

} // namespace ppar
