//===- Pipeline.cpp -------------------------------------------------------===//

#include "plan/Pipeline.h"
#include "analysis/Accesses.h"
#include "analysis/Dependence.h"
#include "analysis/LoopNest.h"
#include "analysis/LoopShape.h"
#include "analysis/Nogil.h"
#include "analysis/Purity.h"
#include "analysis/Scalars.h"
#include "emit/Versioning.h"
#include "emit/cuda/CudaVariant.h"
#include "emit/openmp/OpenMPEmit.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

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
      if (Ann.Fastmath && Ann.TargetKind != Target::Cuda && Ann.TargetKind != Target::Auto)
        Missing.push_back("'fastmath' on the CPU");
      break;
    case Directive::Delayed:
      break;
    case Directive::Jit:
      if (!Ann.Parallel)
        Missing.push_back("'jit' without 'parallel'");
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

namespace {

/// Plans the loops of one jit(parallel) function, outermost first.
class LoopPlanner {
public:
  LoopPlanner(FunctionPlan &Plan, DiagSink &Sink, const PipelineOptions &Opts,
              Purity &P)
      : Plan(Plan), Sink(Sink), Opts(Opts), P(P),
        SM(Plan.F.FD->getASTContext().getSourceManager()),
        Ctx(Plan.F.FD->getASTContext()) {}

  /// Plans every loop not nested in another loop of S.
  void planOutermost(const Stmt *S) {
    if (!S)
      return;
    if (const auto *F = dyn_cast<ForStmt>(S))
      return planLoop(F);
    for (const Stmt *C : S->children())
      planOutermost(C);
  }

private:
  /// F's prange mark; an attribute one when both spellings mark F, since
  /// the OpenMP directive must then go before the attribute list.
  const PrangeLoop *prangeOf(const ForStmt *F) const {
    const PrangeLoop *Found = nullptr;
    for (const PrangeLoop &PL : Plan.F.Pranges)
      if (PL.Loop == F && (!Found || PL.ByAttribute))
        Found = &PL;
    return Found;
  }

  void remark(SourceLocation L, const std::string &Msg,
              LoopDecision::Outcome Result = LoopDecision::Outcome::Serial) {
    Plan.Decisions.push_back({L, Msg, Result});
    if (Opts.Report)
      Sink.remark(L, Msg);
  }

  /// `a[i] written at f.c:12 is read as a[i - 1] at f.c:13, distance 1`.
  std::string describe(const Dependence &D) {
    std::string W = accessText(*D.Write, Ctx), O = accessText(*D.Other, Ctx);
    std::string At = " at " + where(SM, D.Write->Access->getBeginLoc());
    if (D.Write == D.Other)
      return W + (D.Proven ? " is written by every iteration"
                           : " may be written by more than one iteration (ppar "
                             "cannot tell which element each iteration writes)") +
             At;
    std::string S = W + " written" + At + (D.Proven ? " is " : " may be ") +
                    (D.Other->Write && !D.Other->Read ? "written" : "read") +
                    " as " + O + " at " + where(SM, D.Other->Access->getBeginLoc());
    if (D.Distance)
      S += ", distance " + std::to_string(*D.Distance);
    else if (!D.Proven && D.Write->Base != D.Other->Base)
      S += " (they may point to the same memory)";
    return S;
  }

  /// Offers `restrict` on pointer parameters that could overlap.
  void offerRestrict(const LoopDependences &Deps) {
    if (!Opts.Report)
      return;
    for (const ParmVarDecl *PV : Deps.RestrictCandidates) {
      if (PV->getLocation().isMacroID())
        continue;
      Sink.report(DiagSink::Level::Note, PV->getLocation(),
                  "if '" + PV->getNameAsString() +
                      "' overlaps no other pointer, declare it restrict",
                  {FixItHint::CreateInsertion(PV->getLocation(), "restrict ")});
    }
  }

  void planLoop(const ForStmt *F) {
    if (const PrangeLoop *PL = prangeOf(F))
      return planPrange(*PL);
    ShapeProblem Problem;
    std::optional<CanonicalLoop> Shape = checkLoopShape(F, Problem);
    if (!Shape) {
      remark(F->getBeginLoc(), "loop not parallelised: " + Problem.Message);
      return planOutermost(F->getBody());
    }
    // Starting threads costs microseconds: a nest whose iterations are
    // few and known stays serial (and so do the loops inside it). A
    // target=cuda|auto function keeps it: it asked for kernels.
    const Annotation *Jit = Plan.F.find(Directive::Jit);
    bool Gpu = Jit && (Jit->TargetKind == Target::Cuda || Jit->TargetKind == Target::Auto);
    if (std::optional<uint64_t> N = constantIterations(*Shape);
        N && *N < Opts.MinIterations && !Gpu) {
      remark(F->getBeginLoc(), "loop not parallelised: it runs " + std::to_string(*N) +
                                   " iterations in all, too little work to pay "
                                   "for starting threads");
      return;
    }
    std::optional<ScalarPlan> Scalars = classifyScalars(*Shape, Plan.F.FD, Problem);
    if (!Scalars) {
      remark(F->getBeginLoc(), "loop not parallelised: " + Problem.Message +
                                   " (at " + where(SM, Problem.Loc) + ")");
      return planOutermost(F->getBody());
    }
    LoopDependences Deps = testDependences(*Shape, Plan.F.FD, P);
    if (!Deps.Blocker.empty()) {
      remark(F->getBeginLoc(), "loop not parallelised: " + Deps.Blocker +
                                   " (at " + where(SM, Deps.BlockerLoc) + ")");
      return planOutermost(F->getBody());
    }
    if (!Deps.Deps.empty()) {
      remark(F->getBeginLoc(), "loop not parallelised: " + describe(Deps.Deps.front()));
      offerRestrict(Deps);
      return planOutermost(F->getBody());
    }
    ParallelLoop L{*Shape, std::nullopt, std::move(*Scalars), {}, {}, false, 1, {}, {}};
    for (const OverlapCheck &C : Deps.Checks)
      L.Checks.push_back("__ppar_rt_disjoint(" + C.ALo + ", " + C.AHi + ", " +
                         C.BLo + ", " + C.BHi + ")");
    accept(std::move(L), Deps);
  }

  void planPrange(const PrangeLoop &PL) {
    const ForStmt *F = PL.Loop;
    if (!SM.getExpansionLoc(F->getBeginLoc()).isFileID() ||
        F->getBeginLoc().isMacroID()) {
      Sink.error(PL.Loc, "'prange' loop comes from a macro expansion, which "
                         "ppar cannot rewrite; write the loop in the function");
      return;
    }
    ShapeProblem Problem;
    std::optional<CanonicalLoop> Shape = checkLoopShape(F, Problem);
    if (!Shape) {
      Sink.error(Problem.Loc, "'prange' loop cannot run in parallel: " +
                                  Problem.Message);
      Sink.note(PL.Loc, "'prange' is here");
      return;
    }
    std::optional<ScalarPlan> Scalars = classifyScalars(*Shape, Plan.F.FD, Problem);
    if (!Scalars) {
      Sink.warning(Problem.Loc, "'prange' loop not parallelised: " +
                                    Problem.Message);
      Sink.note(PL.Loc, "'prange' is here");
      return planOutermost(F->getBody());
    }
    // The user asserts independence; say so when it is provably false.
    LoopDependences Deps = testDependences(*Shape, Plan.F.FD, P);
    for (const Dependence &D : Deps.Deps)
      if (D.Proven) {
        Sink.warning(D.Write->Access->getBeginLoc(),
                     "'prange' loop has a dependence between iterations: " +
                         describe(D) + "; it runs in parallel as asked");
        Sink.note(PL.Loc, "'prange' is here");
        break;
      }
    Deps.Checks.clear();
    accept(ParallelLoop{*Shape, PL, std::move(*Scalars), {}, {}, false, 1, {}, {}}, Deps);
  }

  /// The outermost loops of statement S (S itself when it is a loop).
  static void childLoops(const Stmt *S, std::vector<const ForStmt *> &Out) {
    if (!S)
      return;
    if (const auto *F = dyn_cast<ForStmt>(S))
      return Out.push_back(F);
    for (const Stmt *C : S->children())
      childLoops(C, Out);
  }

  /// A loop of the nest that could run in parallel on its own: canonical,
  /// no carried scalar, no dependence, no check of its own needed.
  std::optional<SimdLoop> independentInner(const ForStmt *F, std::string &Why) {
    ShapeProblem Problem;
    std::optional<CanonicalLoop> Shape = checkLoopShape(F, Problem);
    if (!Shape) {
      Why = Problem.Message;
      return std::nullopt;
    }
    std::optional<ScalarPlan> Scalars = classifyScalars(*Shape, Plan.F.FD, Problem);
    if (!Scalars) {
      Why = Problem.Message;
      return std::nullopt;
    }
    LoopDependences Deps = testDependences(*Shape, Plan.F.FD, P);
    if (!Shape->WrapGuard.empty())
      Why = "its variable may wrap around, which only a run-time test excludes";
    else if (!Deps.Blocker.empty())
      Why = Deps.Blocker;
    else if (!Deps.Deps.empty())
      Why = describe(Deps.Deps.front());
    else if (!Deps.Checks.empty())
      Why = "pointers it writes may overlap others (restrict would settle it)";
    if (!Why.empty())
      return std::nullopt;
    return SimdLoop{*Shape, std::move(*Scalars)};
  }

  /// Innermost loops of L that vectorize safely get `omp simd`: no calls,
  /// no branches (a store under a condition may not vectorize), and a
  /// floating-point reduction only with fastmath, since simd reorders it.
  void addSimd(ParallelLoop &L, bool Fastmath) {
    std::vector<const ForStmt *> Loops;
    childLoops(L.Shape.Loop->getBody(), Loops);
    for (size_t I = 0; I < Loops.size(); ++I) {
      std::vector<const ForStmt *> Inner;
      childLoops(Loops[I]->getBody(), Inner);
      if (!Inner.empty()) {
        Loops.insert(Loops.end(), Inner.begin(), Inner.end());
        continue;
      }
      MemRefs M = collectMemRefs(Loops[I]->getBody());
      if (!M.Calls.empty() || hasBranch(Loops[I]->getBody()) || prangeOf(Loops[I]))
        continue;
      std::string Why;
      std::optional<SimdLoop> S = independentInner(Loops[I], Why);
      if (!S) {
        Later.push_back({Loops[I]->getBeginLoc(),
                         "loop not vectorized with simd: " + Why +
                             " (the compiler may still vectorize it)"});
        continue;
      }
      bool FloatReduction = false;
      for (const Reduction &R : S->Scalars.Reductions)
        FloatReduction |= R.Var->getType()->isFloatingType();
      if (FloatReduction && !Fastmath) {
        Later.push_back({Loops[I]->getBeginLoc(),
                         "loop not vectorized with simd: it sums floating-point "
                         "values, which simd would reorder; 'fastmath' allows it"});
        continue;
      }
      Later.push_back({Loops[I]->getBeginLoc(), "loop vectorized: " + simdDirective(*S),
                       LoopDecision::Outcome::Simd});
      L.Simd.push_back(std::move(*S));
    }
  }

  static bool hasBranch(const Stmt *S) {
    if (!S)
      return false;
    if (isa<IfStmt>(S) || isa<SwitchStmt>(S) || isa<ConditionalOperator>(S) ||
        isa<WhileStmt>(S) || isa<DoStmt>(S))
      return true;
    for (const Stmt *C : S->children())
      if (hasBranch(C))
        return true;
    return false;
  }

  /// collapse(2) for a perfect, rectangular nest of two independent loops
  /// whose outer loop has fewer iterations than a machine may have cores.
  void addCollapse(ParallelLoop &L) {
    std::vector<NestVar> Vars = nestVars(L.Shape);
    const NestVar &Outer = Vars.front();
    if (!Outer.Lower || !Outer.Upper || Outer.Lower->hasLoopVars() ||
        !Outer.Lower->Terms.empty() || !Outer.Upper->Terms.empty())
      return;
    int64_t Trip = Outer.Upper->Constant - Outer.Lower->Constant + 1;
    if (Trip >= 64)
      return;
    std::optional<PerfectNest> Nest = perfectInner(L.Shape, Plan.F.FD, P);
    if (!Nest || !Nest->Scalars.Reductions.empty())
      return;
    L.Collapse = 2;
  }

  void accept(ParallelLoop L, const LoopDependences &Deps) {
    const Annotation *Jit = Plan.F.find(Directive::Jit);
    L.Checkable = Deps.WrittenKnown;
    L.Touched = Deps.Touched;
    for (const WrittenRegion &R : Deps.Written)
      L.Written.push_back(R.Initializer);
    bool Ordered = llvm::any_of(L.Scalars.Reductions,
                                [](const Reduction &R) { return R.reordersFloat(); });
    if (Jit && Jit->Reproducible && Ordered) {
      // Chunks of the outer loop's iterations, the same on any thread count.
      std::string Why = whyNotReproducible(L, Ctx);
      if (!Why.empty()) {
        remark(L.Shape.Loop->getBeginLoc(),
               "loop not parallelised: jit(reproducible) splits a loop with a "
               "floating-point reduction into fixed chunks, but " + Why);
        Later.clear();
        return;
      }
      L.Reproducible = true;
    } else {
      addCollapse(L);
    }
    if (L.Collapse == 1)
      addSimd(L, Jit && Jit->Fastmath);
    std::string Msg = "loop parallelised: " + openMPDirective(L);
    if (Ordered)
      Msg += L.Reproducible ? "; floating-point reductions combined in a fixed tree over "
                              "chunks of 1024 iterations, the same on any thread count"
                            : "; floating-point reductions combined in thread order";
    if (!L.Checks.empty())
      Msg += "; it runs in parallel only when a run-time check finds that "
             "the pointers it writes do not overlap the others";
    if (!L.Shape.WrapGuard.empty()) {
      Msg += "; it runs in parallel only when its bound keeps '" +
             L.Shape.Var->getNameAsString() + "' from wrapping around";
      L.Checks.insert(L.Checks.begin(), L.Shape.WrapGuard);
    }
    remark(L.Shape.Loop->getBeginLoc(), Msg, LoopDecision::Outcome::Parallel);
    for (const LoopDecision &D : Later)
      remark(D.Loc, D.Message, D.Result);
    Later.clear();
    if (L.Checks.size() > !L.Shape.WrapGuard.empty())
      offerRestrict(Deps);
    // A loop inside a parallel loop runs on one thread.
    std::vector<const PrangeLoop *> Inner;
    for (const PrangeLoop &PL : Plan.F.Pranges)
      if (PL.Loop != L.Shape.Loop &&
          SM.isPointWithin(SM.getExpansionLoc(PL.Loop->getBeginLoc()),
                           SM.getExpansionLoc(L.Shape.Loop->getBeginLoc()),
                           SM.getExpansionLoc(L.Shape.Loop->getEndLoc())))
        remark(PL.Loop->getBeginLoc(),
               "loop not parallelised: it is nested in the parallel loop at " +
                   where(SM, L.Shape.Loop->getBeginLoc()));
    Plan.Loops.push_back(std::move(L));
  }

  /// Remarks about inner loops, shown after their parallel loop's.
  std::vector<LoopDecision> Later;
  FunctionPlan &Plan;
  DiagSink &Sink;
  const PipelineOptions &Opts;
  Purity &P;
  const SourceManager &SM;
  const ASTContext &Ctx;
};

} // namespace

FunctionPlan planFunction(AnnotatedFunction F, DiagSink &Sink,
                          const PipelineOptions &Opts) {
  FunctionPlan Plan{std::move(F), {}, {}, {}};
  warnNotImplemented(Plan.F, Sink);
  checkNogil(Plan.F, Sink);
  const Annotation *Jit = Plan.F.find(Directive::Jit);
  if (!Jit || !Jit->Parallel)
    return Plan;
  if (std::string Why = whyNotVersionable(Plan.F.FD); !Why.empty()) {
    Sink.warning(Plan.F.Anns.front().Loc, "ppar cannot make a parallel version "
                                          "of '" + Plan.F.FD->getNameAsString() +
                                          "': " + Why + "; it runs serially");
    return Plan;
  }
  Purity P;
  LoopPlanner(Plan, Sink, Opts, P).planOutermost(Plan.F.FD->getBody());
  planGpuVariant(Plan, P, Sink, Opts.Report);
  if (Plan.Loops.empty() && Opts.Report)
    Sink.remark(Plan.F.Anns.front().Loc,
                "no loop of '" + Plan.F.FD->getNameAsString() +
                    "' runs in parallel; it runs serially");
  return Plan;
}

} // namespace ppar
