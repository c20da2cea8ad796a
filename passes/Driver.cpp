//===- Driver.cpp ---------------------------------------------------------===//

#include "Driver.h"
#include "analysis/Nogil.h"
#include "emit/cuda/RawKernel.h"
#include "emit/openmp/Vectorize.h"
#include "clang/AST/ASTContext.h"

namespace ppar {

Unit::Unit(clang::ASTContext &Ctx, std::vector<AnnotatedFunction> Functions,
           DiagSink &Sink, const PipelineOptions &Opts)
    : Ctx(Ctx), Sink(Sink), Opts(Opts), R(Ctx.getSourceManager(), Ctx.getLangOpts()) {
  for (AnnotatedFunction &F : Functions)
    Plans.push_back(FunctionPlan{std::move(F), {}, {}, {}, {}});
}

std::vector<FunctionPlan *> Unit::with(Directive K) {
  std::vector<FunctionPlan *> Out;
  for (FunctionPlan &P : Plans)
    if (P.F.find(K))
      Out.push_back(&P);
  return Out;
}

/// The passes of the directives, in the order of Directives.def.
static std::vector<std::unique_ptr<DirectivePass>> createPasses() {
  std::unique_ptr<DirectivePass> (*const NoPass)() = nullptr;
  std::unique_ptr<DirectivePass> (*const Factories[])() = {
#define PPAR_DIRECTIVE(Enum, Spelling, Applies, Options, Pass) Pass,
#include "Directives.def"
  };
  std::vector<std::unique_ptr<DirectivePass>> Passes;
  for (auto *Create : Factories)
    if (Create != NoPass)
      Passes.push_back(Create());
  return Passes;
}

void declareGenerated(clang::Sema &S, clang::FunctionDecl *FD) {
  for (const FoundAnnotation &A : annotationsOf(FD))
    if (A.Ann.Kind == Directive::Vectorize)
      declareVectorized(S, FD, A.Ann);
    else if (A.Ann.Kind == Directive::Jit && A.Ann.Kernel)
      declareRawLaunch(S, FD);
}

Driver::Driver(Unit &U) : U(U), Passes(createPasses()) {}

Driver::~Driver() = default;

void Driver::plan() {
  // nogil is an option of two directives; its check reads the function.
  for (FunctionPlan &P : U.Plans)
    checkNogil(P.F, U.Sink);
  for (std::unique_ptr<DirectivePass> &Pass : Passes)
    Pass->plan(U);
}

bool Driver::emit() {
  for (std::unique_ptr<DirectivePass> &Pass : Passes)
    if (!Pass->emit(U) || U.Sink.hasErrors())
      return false;
  return true;
}

} // namespace ppar
