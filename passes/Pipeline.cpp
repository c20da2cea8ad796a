//===- Pipeline.cpp -------------------------------------------------------===//

#include "Pipeline.h"
#include "LoopShape.h"
#include "OpenMPEmit.h"
#include "Scalars.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ppar {

/// One warning per directive or option whose meaning is still to come, so
/// nothing the user wrote is silently ignored.
static void warnNotImplemented(const AnnotatedFunction &F, DiagSink &Sink) {
  std::string Name = F.FD->getNameAsString();
  for (const FoundAnnotation &A : F.Anns) {
    const Annotation &Ann = A.Ann;
    std::vector<std::string> Missing;
    switch (Ann.Kind) {
    case Directive::Vectorize:
      Missing.push_back("'vectorize'");
      break;
    case Directive::Delayed:
      Missing.push_back("'delayed' (calls run at once)");
      break;
    case Directive::Jit:
      if (!Ann.Parallel)
        Missing.push_back("'jit' without 'parallel'");
      if (Ann.Nogil)
        Missing.push_back("'nogil'");
      if (Ann.Fastmath)
        Missing.push_back("'fastmath'");
      if (Ann.Cache)
        Missing.push_back("'cache'");
      if (Ann.TargetKind && *Ann.TargetKind != Target::Cpu)
        Missing.push_back(std::string("'target=") + targetName(*Ann.TargetKind) + "'");
      if (!Ann.Data.empty())
        Missing.push_back("data clauses");
      break;
    case Directive::Prange:
      break;
    }
    for (const std::string &M : Missing)
      Sink.warning(A.Loc, M + " is not implemented yet; '" + Name +
                              "' is compiled as written for it");
  }
}

static std::string where(const SourceManager &SM, SourceLocation L) {
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(L));
  return P.isValid() ? std::string(llvm::sys::path::filename(P.getFilename())) +
                           ":" + std::to_string(P.getLine())
                     : "?";
}

FunctionPlan planFunction(AnnotatedFunction F, DiagSink &Sink,
                          const PipelineOptions &Opts) {
  FunctionPlan Plan{std::move(F), {}};
  const AnnotatedFunction &Fn = Plan.F;
  warnNotImplemented(Fn, Sink);
  const Annotation *Jit = Fn.find(Directive::Jit);
  if (!Jit || !Jit->Parallel)
    return Plan;
  const SourceManager &SM = Fn.FD->getASTContext().getSourceManager();
  if (Fn.Pranges.empty())
    Sink.warning(Fn.Anns.front().Loc,
                 "'" + Fn.FD->getNameAsString() + "' has no 'prange' loop; "
                 "finding parallel loops without 'prange' is not implemented "
                 "yet, so it runs serially");

  for (const PrangeLoop &P : Fn.Pranges) {
    // A loop inside a loop already made parallel runs on one thread.
    const ParallelLoop *Outer = nullptr;
    for (const ParallelLoop &L : Plan.Loops)
      if (SM.isPointWithin(SM.getExpansionLoc(P.Loop->getBeginLoc()),
                           SM.getExpansionLoc(L.Shape.Loop->getBeginLoc()),
                           SM.getExpansionLoc(L.Shape.Loop->getEndLoc())))
        Outer = &L;
    if (Outer) {
      if (Opts.Report)
        Sink.remark(P.Loop->getBeginLoc(),
                    "loop not parallelised: it is nested in the parallel loop "
                    "at " + where(SM, Outer->Shape.Loop->getBeginLoc()));
      continue;
    }
    if (!SM.getExpansionLoc(P.Loop->getBeginLoc()).isFileID() ||
        P.Loop->getBeginLoc().isMacroID()) {
      Sink.error(P.Loc, "'prange' loop comes from a macro expansion, which "
                        "ppar cannot rewrite; write the loop in the function");
      continue;
    }
    ShapeProblem Problem;
    std::optional<CanonicalLoop> Shape = checkLoopShape(P.Loop, Problem);
    if (!Shape) {
      Sink.error(Problem.Loc, "'prange' loop cannot run in parallel: " +
                                  Problem.Message);
      Sink.note(P.Loc, "'prange' is here");
      continue;
    }
    std::optional<ScalarPlan> Scalars = classifyScalars(*Shape, Fn.FD, Problem);
    if (!Scalars) {
      Sink.warning(Problem.Loc, "'prange' loop not parallelised: " +
                                    Problem.Message);
      Sink.note(P.Loc, "'prange' is here");
      continue;
    }
    Plan.Loops.push_back({*Shape, P, std::move(*Scalars)});
    if (Opts.Report)
      Sink.remark(P.Loop->getBeginLoc(),
                  "loop parallelised: " + openMPDirective(Plan.Loops.back()));
  }
  return Plan;
}

} // namespace ppar
