//===- LoopPlan.cpp -------------------------------------------------------===//

#include "plan/LoopPlan.h"
#include "analysis/Accesses.h"
#include "analysis/Dependence.h"
#include "analysis/LoopNest.h"
#include "analysis/LoopShape.h"
#include "analysis/Scalars.h"
#include "analysis/WorkCost.h"
#include "plan/TransformPlan.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Path.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace ppar {

std::string where(const SourceManager &SM, SourceLocation L) {
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(L));
  return P.isValid() ? std::string(llvm::sys::path::filename(P.getFilename())) +
                           ":" + std::to_string(P.getLine())
                     : "?";
}

/// `, distance (1, 0)`, `, direction (<, *)`, `, distance 1`, or "".
static std::string vectorText(const DependenceFact &D) {
  auto List = [](const auto &Items, auto Text) {
    std::string S;
    for (const auto &I : Items)
      S += (S.empty() ? "" : ", ") + Text(I);
    return Items.size() == 1 ? S : "(" + S + ")";
  };
  if (!D.Distances.empty())
    return ", distance " +
           List(D.Distances, [](int64_t X) { return std::to_string(X); });
  if (!D.Direction.empty())
    return ", direction " + List(D.Direction, [](const std::string &X) { return X; });
  return D.Distance ? ", distance " + std::to_string(*D.Distance) : "";
}

std::string dependenceText(const DependenceFact &D, const SourceManager &SM) {
  std::string At = " at " + where(SM, D.WriteLoc);
  if (D.SameAccess && !D.Direction.empty())
    return D.Write + At + (D.Proven ? " is" : " may be") +
           " written again by a later iteration" + vectorText(D);
  if (D.SameAccess)
    return D.Write + (D.Proven ? " is written by every iteration"
                               : " may be written by more than one iteration (ppar "
                                 "cannot tell which element each iteration writes)") +
           At;
  std::string S = D.Write + " written" + At + (D.Proven ? " is " : " may be ") +
                  (D.OtherWrites ? "written" : "read") + " as " + D.Other + " at " +
                  where(SM, D.OtherLoc);
  if (std::string V = vectorText(D); !V.empty())
    S += V;
  else if (!D.Proven && D.TwoVariables)
    S += " (they may point to the same memory)";
  return S;
}


/// The iterations of L's nest below which it runs serially: the minimum
/// work over the operations of one iteration (its test and step included).
/// A parallel loop with its shape, marker, scalars and overlap checks; the
/// planner fills in the rest.
static ParallelLoop parallelLoop(const CanonicalLoop &Shape, std::optional<PrangeLoop> Mark,
                                 ScalarPlan Scalars, std::vector<OverlapCheck> Checks) {
  ParallelLoop L{};
  L.Shape = Shape;
  L.Mark = std::move(Mark);
  L.Scalars = std::move(Scalars);
  L.Checks = std::move(Checks);
  return L;
}

static uint64_t minIterations(const CanonicalLoop &L, const PipelineOptions &Opts) {
  uint64_t Ops = operationsOf(L.Loop);
  return (Opts.MinWork + Ops - 1) / Ops;
}

/// Why the reproducible mode cannot chunk L ("" when it can): it needs the
/// trip count before the loop and the iteration number inside it.
static std::string whyNotReproducible(const ParallelLoop &L, const clang::ASTContext &Ctx) {
  const LoopHeader &H = L.Shape.Header;
  if (!L.Shape.Var->getType()->isIntegerType())
    return "its loop variable is not an integer";
  if (!H.ConstStep || *H.ConstStep == 0)
    return "its step is not a constant";
  if (!H.Init || !H.Bound || H.Init->HasSideEffects(Ctx) || H.Bound->HasSideEffects(Ctx) ||
      sourceText(H.Init->getSourceRange(), Ctx).empty() ||
      sourceText(H.Bound->getSourceRange(), Ctx).empty())
    return "its first value or bound is not a plain expression written in the file";
  const clang::Stmt *Body = L.Shape.Loop->getBody();
  if (Body->getBeginLoc().isMacroID() || Body->getEndLoc().isMacroID())
    return "its body comes from a macro";
  return "";
}

DependenceFact factOf(const Dependence &D, const ASTContext &Ctx) {
  DependenceFact F;
  F.Write = accessText(*D.Write, Ctx);
  F.Other = accessText(*D.Other, Ctx);
  F.WriteLoc = D.Write->Access->getBeginLoc();
  F.OtherLoc = D.Other->Access->getBeginLoc();
  F.SameAccess = D.Write == D.Other;
  F.Proven = D.Proven;
  F.OtherWrites = D.Other->Write && !D.Other->Read;
  F.TwoVariables = D.Write->Base != D.Other->Base;
  F.Distance = D.Distance;
  F.Distances = D.Distances;
  F.Direction = D.Direction;
  return F;
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

  /// Records a decision, and shows it at once (so it comes before the
  /// notes and warnings about the same loop).
  void decide(LoopDecision D) {
    if (Opts.ShowDecision)
      Opts.ShowDecision(D);
    Plan.Decisions.push_back(std::move(D));
  }

  /// A serial loop at L, for reason Why.
  static LoopDecision serial(SourceLocation L, LoopDecision::Reason Why,
                             std::string Detail = "", SourceLocation At = {}) {
    LoopDecision D;
    D.Loc = L;
    D.Why = Why;
    D.Detail = std::move(Detail);
    D.DetailLoc = At;
    return D;
  }

  std::string describe(const Dependence &D) {
    return dependenceText(factOf(D, Ctx), SM);
  }

  /// `double *restrict p`, or `double a[restrict n][m]` for a parameter
  /// written as an array (C99 6.7.6.3: the qualifier goes in the brackets).
  static FixItHint restrictFixIt(const ParmVarDecl *PV) {
    if (const TypeSourceInfo *TSI = PV->getTypeSourceInfo())
      if (auto ATL = TSI->getTypeLoc().getAsAdjusted<ArrayTypeLoc>())
        if (ATL.getLBracketLoc().isFileID())
          return FixItHint::CreateInsertion(ATL.getLBracketLoc().getLocWithOffset(1),
                                            "restrict ");
    return FixItHint::CreateInsertion(PV->getLocation(), "restrict ");
  }

  /// Offers `restrict` on pointer parameters that could overlap.
  void offerRestrict(const LoopDependences &Deps) {
    if (!Opts.Report)
      return;
    for (const ParmVarDecl *PV : Deps.RestrictCandidates) {
      if (PV->getLocation().isMacroID() || !RestrictOffered.insert(PV).second)
        continue;
      Sink.report(DiagSink::Level::Note, PV->getLocation(),
                  "if '" + PV->getNameAsString() +
                      "' overlaps no other pointer, declare it restrict",
                  {restrictFixIt(PV)});
    }
  }

  void planLoop(const ForStmt *F) {
    if (const PrangeLoop *PL = prangeOf(F))
      return planPrange(*PL);
    ShapeProblem Problem;
    std::optional<CanonicalLoop> Shape = checkLoopShape(F, Problem);
    if (!Shape) {
      decide(serial(F->getBeginLoc(), LoopDecision::Reason::NotCanonical, Problem.Message));
      return planOutermost(F->getBody());
    }
    // Starting threads costs microseconds: a nest whose iterations are
    // few and known stays serial (and so do the loops inside it). A
    // target=cuda|auto function keeps it: it asked for kernels.
    const Annotation *Jit = Plan.F.find(Directive::Jit);
    bool Gpu = Jit && (Jit->TargetKind == Target::Cuda || Jit->TargetKind == Target::Auto);
    uint64_t MinIterations = minIterations(*Shape, Opts);
    if (std::optional<uint64_t> N = constantIterations(*Shape);
        N && *N < MinIterations && !Gpu) {
      LoopDecision D = serial(F->getBeginLoc(), LoopDecision::Reason::TooLittleWork);
      D.Iterations = *N;
      decide(std::move(D));
      return;
    }
    std::optional<ScalarPlan> Scalars = classifyScalars(*Shape, Plan.F.FD, Problem);
    if (!Scalars) {
      decide(serial(F->getBeginLoc(), LoopDecision::Reason::Scalar, Problem.Message,
                    Problem.Loc));
      return planOutermost(F->getBody());
    }
    LoopDependences Deps = testDependences(*Shape, Plan.F.FD, P, /*FindElementReductions=*/true);
    if (!Deps.Blocker.empty()) {
      decide(serial(F->getBeginLoc(), LoopDecision::Reason::Blocked, Deps.Blocker,
                    Deps.BlockerLoc));
      return planOutermost(F->getBody());
    }
    for (const ElementReduction &E : Deps.Elements)
      Scalars->Reductions.push_back(accumulator(E));
    if (!Deps.Deps.empty()) {
      LoopDecision D = serial(F->getBeginLoc(), LoopDecision::Reason::Dependence);
      D.Dep = factOf(Deps.Deps.front(), Ctx);
      decide(std::move(D));
      offerRestrict(Deps);
      return planOutermost(F->getBody());
    }
    accept(parallelLoop(*Shape, std::nullopt, std::move(*Scalars), Deps.Checks), Deps);
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
    accept(parallelLoop(*Shape, PL, std::move(*Scalars), {}), Deps);
  }

  /// The reduction of an array element through an accumulator: a variable
  /// the CPU variant declares around the loop (emit/Versioning), made here
  /// as a clang declaration so that every emitter of reductions treats it
  /// as the scalar it is. Not added to the function: only its name and type
  /// are read.
  Reduction accumulator(const ElementReduction &E) {
    auto &C = const_cast<ASTContext &>(Ctx);
    std::string Name = "__ppar_acc" + std::to_string(Accumulators++);
    SourceLocation Loc = E.Element->getBeginLoc();
    VarDecl *V = VarDecl::Create(C, const_cast<FunctionDecl *>(Plan.F.FD), Loc, Loc,
                                 &C.Idents.get(Name),
                                 E.Element->getType().getUnqualifiedType(), nullptr, SC_None);
    return Reduction{V, E.Op, E.Element, E.Uses};
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
    if (Shape->Wrap)
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
        Later.push_back(serial(Loops[I]->getBeginLoc(), LoopDecision::Reason::SimdRejected, Why));
        continue;
      }
      bool FloatReduction = false;
      for (const Reduction &R : S->Scalars.Reductions)
        FloatReduction |= R.Var->getType()->isFloatingType();
      if (FloatReduction && !Fastmath) {
        Later.push_back(serial(Loops[I]->getBeginLoc(), LoopDecision::Reason::SimdFloatReduction));
        continue;
      }
      LoopDecision D;
      D.Loc = Loops[I]->getBeginLoc();
      D.Result = LoopDecision::Outcome::Simd;
      D.Scalars = S->Scalars;
      Later.push_back(std::move(D));
      L.Simd.push_back(std::move(*S));
    }
  }

  static bool hasBranch(const Stmt *S) {
    struct Finder : RecursiveASTVisitor<Finder> {
      bool Found = false;
      bool VisitStmt(Stmt *S) {
        Found = isa<IfStmt, SwitchStmt, ConditionalOperator, WhileStmt, DoStmt>(S);
        return !Found; // stops the walk at the first branch
      }
    } F;
    F.TraverseStmt(const_cast<Stmt *>(S));
    return F.Found;
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
    L.Written = Deps.Written;
    bool Ordered = llvm::any_of(L.Scalars.Reductions,
                                [](const Reduction &R) { return R.reordersFloat(); });
    if (Jit && Jit->Reproducible && Ordered) {
      // Chunks of the outer loop's iterations, the same on any thread count.
      std::string Why = whyNotReproducible(L, Ctx);
      if (!Why.empty()) {
        decide(serial(L.Shape.Loop->getBeginLoc(), LoopDecision::Reason::NotReproducible, Why));
        Later.clear();
        return;
      }
      L.Reproducible = true;
    } else {
      addCollapse(L);
    }
    if (L.Collapse == 1)
      addSimd(L, Jit && Jit->Fastmath);
    // Few iterations known only at run time: the serial copy then. (A constant
    // count was settled before; prange asks for threads whatever the work.)
    if (!L.Mark && Opts.MinWork && !constantIterations(L.Shape))
      if (std::optional<std::vector<TripEstimate>> W = workEstimate(L.Shape)) {
        L.Work = std::move(*W);
        L.MinWork = minIterations(L.Shape, Opts);
      }
    LoopDecision D;
    D.Loc = L.Shape.Loop->getBeginLoc();
    D.Result = LoopDecision::Outcome::Parallel;
    D.Scalars = L.Scalars;
    D.Collapse = L.Collapse;
    if (Ordered)
      D.Floats = L.Reproducible ? LoopDecision::FloatOrder::FixedTree
                                : LoopDecision::FloatOrder::ThreadOrder;
    D.OverlapChecked = !L.Checks.empty();
    D.MinWork = L.MinWork;
    if (L.Shape.Wrap)
      D.WrapVar = L.Shape.Var;
    transform(L, D);
    decide(std::move(D));
    for (LoopDecision &Inner : Later)
      decide(std::move(Inner));
    Later.clear();
    if (!L.Checks.empty())
      offerRestrict(Deps);
    // A loop inside a parallel loop runs on one thread.
    std::vector<const PrangeLoop *> Inner;
    for (const PrangeLoop &PL : Plan.F.Pranges)
      if (PL.Loop != L.Shape.Loop &&
          SM.isPointWithin(SM.getExpansionLoc(PL.Loop->getBeginLoc()),
                           SM.getExpansionLoc(L.Shape.Loop->getBeginLoc()),
                           SM.getExpansionLoc(L.Shape.Loop->getEndLoc())))
        decide(serial(PL.Loop->getBeginLoc(), LoopDecision::Reason::Nested, "",
                      L.Shape.Loop->getBeginLoc()));
    Plan.Loops.push_back(std::move(L));
  }

  /// Whether S holds Target inside a loop (InLoop: S is in one).
  static bool inLoop(const Stmt *S, const Stmt *Target, bool InLoop) {
    if (!S)
      return false;
    if (S == Target)
      return InLoop;
    InLoop |= isa<ForStmt, WhileStmt, DoStmt>(S);
    for (const Stmt *C : S->children())
      if (inLoop(C, Target, InLoop))
        return true;
    return false;
  }

  /// Reorders and tiles L's nest for locality when that pays
  /// (plan/TransformPlan.h); D's report says what was done or why not.
  /// A loop inside a serial loop is left alone: it shares the serial
  /// loop's parallel region (RegionPlan.h), whose text keeps its order.
  void transform(ParallelLoop &L, LoopDecision &D) {
    const Annotation *Jit = Plan.F.find(Directive::Jit);
    if (!Opts.Transform || (Jit && Jit->TransformOff) ||
        inLoop(Plan.F.FD->getBody(), L.Shape.Loop, false))
      return;
    std::string Why;
    if (std::optional<NestTransform> T = planTransform(L, Why)) {
      D.Transform = transformSummary(*T);
      D.Transformed = true;
      L.Transform = std::make_shared<NestTransform>(std::move(*T));
      L.Simd.clear(); // the new loops replace the ones simd would mark
      Later.erase(std::remove_if(Later.begin(), Later.end(),
                                 [](const LoopDecision &X) {
                                   return X.Result == LoopDecision::Outcome::Simd;
                                 }),
                  Later.end());
    } else {
      D.Transform = Why;
    }
  }

  /// Remarks about inner loops, shown after their parallel loop's.
  std::vector<LoopDecision> Later;
  unsigned Accumulators = 0; ///< element reductions of the function so far
  /// Parameters already offered `restrict`: once per function is enough.
  llvm::SmallPtrSet<const ParmVarDecl *, 4> RestrictOffered;
  FunctionPlan &Plan;
  DiagSink &Sink;
  const PipelineOptions &Opts;
  Purity &P;
  const SourceManager &SM;
  const ASTContext &Ctx;
};

} // namespace

void planLoops(FunctionPlan &Plan, DiagSink &Sink, const PipelineOptions &Opts,
               Purity &P) {
  LoopPlanner(Plan, Sink, Opts, P).planOutermost(Plan.F.FD->getBody());
}

} // namespace ppar
