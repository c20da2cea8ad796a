//===- RegionPlan.cpp -----------------------------------------------------===//

#include "plan/RegionPlan.h"
#include "analysis/Accesses.h"
#include "analysis/Dependence.h"
#include "analysis/LoopShape.h"
#include "analysis/MemRefs.h"
#include "analysis/Purity.h"
#include "analysis/WorkCost.h"
#include "plan/TimeTilePlan.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtOpenMP.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <functional>

using namespace clang;

namespace ppar {
namespace {

/// What in a statement keeps it from running inside a region: a jump that
/// a region cannot follow (a `continue` or `break` of the serial loop, a
/// call that does not return), an OpenMP directive of the user's.
struct Obstacles {
  bool Found = false;
  bool Uncounted = false; ///< a while or do loop: work ppar cannot count
  unsigned Depth = 0;     ///< loops and switches entered

  void walk(const Stmt *S) {
    if (!S || Found)
      return;
    if ((isa<ContinueStmt>(S) || isa<BreakStmt>(S)) && Depth == 0)
      Found = true;
    if (isa<OMPExecutableDirective>(S) || isa<GotoStmt, IndirectGotoStmt, ReturnStmt>(S))
      Found = true;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *FD = CE->getDirectCallee(); FD && FD->isNoReturn())
        Found = true;
    Uncounted |= isa<WhileStmt, DoStmt>(S);
    bool Nests = isa<ForStmt, WhileStmt, DoStmt, SwitchStmt>(S);
    Depth += Nests;
    for (const Stmt *C : S->children())
      walk(C);
    Depth -= Nests;
  }
};

/// True when S calls a function that may do more than return a value
/// (printf, anything ppar cannot see into).
bool callsImpure(const Stmt *S, Purity &P) {
  if (!S)
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (!P.isPure(CE->getDirectCallee()))
      return true;
  for (const Stmt *C : S->children())
    if (callsImpure(C, P))
      return true;
  return false;
}

/// True when S calls anything, a builtin too.
bool hasCall(const Stmt *S) {
  if (!S)
    return false;
  if (isa<CallExpr>(S))
    return true;
  for (const Stmt *C : S->children())
    if (hasCall(C))
      return true;
  return false;
}

/// The loop a body statement is, through a [[ppar::prange]] attribute.
const Stmt *asLoop(const Stmt *S) {
  if (const auto *A = dyn_cast<AttributedStmt>(S))
    return A->getSubStmt();
  return S;
}

class RegionPlanner {
public:
  RegionPlanner(FunctionPlan &Plan, const PipelineOptions &Opts, Purity &P)
      : Plan(Plan), Opts(Opts), P(P), SM(Plan.F.FD->getASTContext().getSourceManager()) {
    for (size_t I = 0; I < Plan.Loops.size(); ++I)
      Index[Plan.Loops[I].Shape.Loop] = I;
  }

  /// Tries the outermost serial loops around parallel ones first; a loop
  /// that cannot be a region lets the loops inside it try.
  void walk(const Stmt *S) {
    if (!S)
      return;
    if (const auto *F = dyn_cast<ForStmt>(S)) {
      if (Index.count(F))
        return; // a parallel loop: what it holds runs on one thread
      std::vector<size_t> Inner = parallelLoopsIn(F->getBody());
      if (Inner.empty()) {
        if (std::optional<ParallelRegion> R = wavefrontRegion(F, Plan, Opts, Only)) {
          std::string Tiling = timeTileSummary(*R->Transform);
          return add(std::move(*R), Tiling);
        }
      } else if (std::optional<ParallelRegion> R = tryRegion(F, Inner)) {
        std::string Tiling = timeTileRegion(*R, Plan, Opts, Only);
        return add(std::move(*R), Tiling);
      }
    }
    for (const Stmt *C : S->children())
      walk(C);
  }

private:
  std::vector<size_t> parallelLoopsIn(const Stmt *S) const {
    std::vector<const ForStmt *> Loops;
    collectLoops(S, Loops);
    std::vector<size_t> Out;
    for (const ForStmt *F : Loops)
      if (auto It = Index.find(F); It != Index.end())
        Out.push_back(It->second);
    return Out;
  }

  std::optional<ParallelRegion> tryRegion(const ForStmt *F, const std::vector<size_t> &Inner) {
    ShapeProblem Problem;
    std::optional<CanonicalLoop> Shape = checkLoopShape(F, Problem);
    if (!Shape)
      return std::nullopt;
    const Annotation *Jit = Plan.F.find(Directive::Jit);
    for (size_t I : Inner)
      if (Plan.Loops[I].Reproducible || (Jit && Jit->Reproducible &&
                                          llvm::any_of(Plan.Loops[I].Scalars.Reductions,
                                                       [](const Reduction &R) {
                                                         return R.reordersFloat();
                                                       })))
        return std::nullopt;
    Obstacles O;
    O.walk(F->getBody());
    Accesses All = collectAccesses(F->getBody());
    Impure = callsImpure(F->getBody(), P);
    if (O.Found || !All.Exits.empty() || !All.Labels.empty())
      return std::nullopt;
    // The bound is read by every thread at every iteration: it must not
    // change inside the loop, not even through a pointer or a call.
    std::vector<NestVar> Vars = nestVars(*Shape);
    if (!Vars.front().Lower || !Vars.front().Upper)
      return std::nullopt;
    for (const std::optional<Affine> *Side : {&Vars.front().Lower, &Vars.front().Upper})
      for (const AffineTerm &T : (*Side)->Terms)
        for (const VarDecl *V : T.Symbols) {
          auto It = All.Vars.find(V);
          if ((It != All.Vars.end() && (It->second.written() || It->second.escapes())) ||
              (V->hasGlobalStorage() && Impure))
            return std::nullopt;
        }
    // Its variable is private to each thread: a global one would still be
    // the shared object to the functions it calls.
    if (auto It = All.Vars.find(Shape->Var);
        Shape->Var->hasGlobalStorage() || (It != All.Vars.end() && It->second.escapes()))
      return std::nullopt;
    if (F->getBeginLoc().isMacroID() || F->getEndLoc().isMacroID())
      return std::nullopt; // no place for the region's text

    // Variables declared in the body: a copy on every thread.
    Locals.clear();
    for (const VarDecl *V : All.Declared) {
      if (V->hasGlobalStorage())
        return std::nullopt;
      if (auto It = All.Vars.find(V); It != All.Vars.end() && It->second.escapes())
        return std::nullopt;
      Locals.insert(V);
    }

    ParallelRegion R{};
    R.Shape = *Shape;
    R.Loops = Inner;
    Region = &R;
    Nest = &Vars;
    Seen = 0;
    UnknownTrips = false;
    if (!classifyBody(F->getBody(), R.Body, All))
      return std::nullopt;
    if (Seen != Inner.size())
      return std::nullopt; // a parallel loop nested in another statement
    privatizeCounters(R.Body, All, Inner);
    // OpenMP forbids a variable private to the region in the reduction or
    // lastprivate clause of a loop inside it.
    for (size_t I : Inner)
      for (const VarDecl *V : R.Private)
        if (llvm::is_contained(Plan.Loops[I].Scalars.LastPrivate, V) ||
            llvm::any_of(Plan.Loops[I].Scalars.Reductions,
                         [&](const Reduction &Red) { return Red.Var == V; }))
          return std::nullopt;
    placeBarriers(R.Body, All);
    countBarriers(R.Body, {}, R);
    if (Opts.MinWork)
      estimateWork(R, Vars);
    if (Opts.MinWork && R.StepWork.empty() &&
        llvm::any_of(Inner, [&](size_t I) { return Plan.Loops[I].MinWork != 0; }))
      return std::nullopt; // the loops test their own work; the region cannot
    return R;
  }

  /// The statements of Body (a loop's body), each with how it runs, into
  /// Out; false when one cannot run in the region.
  bool classifyBody(const Stmt *Body, std::vector<ParallelRegion::Step> &Out,
                    const Accesses &All) {
    using Run = ParallelRegion::Run;
    std::vector<const Stmt *> Stmts;
    if (const auto *CS = dyn_cast<CompoundStmt>(Body))
      Stmts.assign(CS->body_begin(), CS->body_end());
    else
      Stmts.push_back(Body);
    SourceLocation Previous;
    for (const Stmt *S : Stmts) {
      // One statement per place an edit can go: two statements of one
      // macro expansion cannot get a directive each.
      SourceLocation B = SM.getExpansionLoc(S->getBeginLoc());
      if (Previous.isValid() && !SM.isBeforeInTranslationUnit(Previous, B))
        return false;
      Previous = SM.getExpansionRange(S->getEndLoc()).getEnd();
      const auto *Loop = dyn_cast<ForStmt>(asLoop(S));
      if (auto It = Index.find(Loop); It != Index.end()) {
        if (!sharedLoopFits(Plan.Loops[It->second]))
          return false;
        ParallelRegion::Step St{S, Run::Shared, false, 0, {}};
        St.Loop = It->second;
        Out.push_back(std::move(St));
        ++Seen;
        continue;
      }
      if (Loop && Loop == S && !parallelLoopsIn(Loop).empty()) {
        ParallelRegion::Step St{S, Run::Replicated, false, 0, {}};
        if (!replicable(Loop, All) || !classifyBody(Loop->getBody(), St.Body, All))
          return false;
        Out.push_back(std::move(St));
        continue;
      }
      std::optional<ParallelRegion::Step> St = classify(S);
      if (!St)
        return false;
      Out.push_back(std::move(*St));
    }
    return true;
  }

  /// A serial loop of the body that holds parallel loops can run on every
  /// thread when its control is the same on each: canonical, bounds known
  /// from values the region does not change, nothing that leaves it, and
  /// a variable each thread may have its own copy of.
  bool replicable(const ForStmt *F, const Accesses &All) {
    ShapeProblem Problem;
    std::optional<CanonicalLoop> Shape = checkLoopShape(F, Problem);
    if (!Shape || F->getBeginLoc().isMacroID())
      return false;
    Obstacles O;
    O.walk(F->getBody());
    if (O.Found)
      return false;
    auto N = llvm::find_if(*Nest, [&](const NestVar &X) { return X.Loop == F; });
    if (N == Nest->end() || !N->Lower || !N->Upper)
      return false;
    for (const std::optional<Affine> *Side : {&N->Lower, &N->Upper})
      for (const AffineTerm &T : (*Side)->Terms)
        for (const VarDecl *V : T.Symbols) {
          auto It = All.Vars.find(V);
          if ((It != All.Vars.end() && (It->second.written() || It->second.escapes())) ||
              (V->hasGlobalStorage() && Impure))
            return false;
        }
    const VarDecl *V = Shape->Var;
    if (V->hasGlobalStorage())
      return false;
    if (Locals.count(V))
      return true; // declared in the region: each thread has its own
    if (auto It = All.Vars.find(V); It != All.Vars.end() && It->second.escapes())
      return false;
    // Declared before the region: private to each thread, which is right
    // only when every use is inside a loop that starts it afresh, and none
    // is after the region.
    if (!onlyLoopVariable(V))
      return false;
    if (!llvm::is_contained(Region->Private, V))
      Region->Private.push_back(V);
    return true;
  }

  /// The loop variables of the serial loops that run on one thread (in
  /// `omp single`) or on every thread, declared before the region and used
  /// nowhere but as loop variables, become private to the region: shared,
  /// every iteration of such a loop would load and store its counter
  /// through memory (lu's `j` and `k` made its serial part 4x slower).
  void privatizeCounters(const std::vector<ParallelRegion::Step> &Body, const Accesses &All,
                         const std::vector<size_t> &Inner) {
    for (const ParallelRegion::Step &St : Body) {
      if (St.How == ParallelRegion::Run::Replicated)
        privatizeCounters(St.Body, All, Inner);
      if (St.How != ParallelRegion::Run::Single && St.How != ParallelRegion::Run::Everywhere)
        continue;
      std::vector<const ForStmt *> Loops;
      collectLoops(St.S, Loops);
      for (const ForStmt *F : Loops)
        if (std::optional<LoopHeader> H = readHeader(F))
          privatizeCounter(H->Var, All, Inner);
    }
  }

  void privatizeCounter(const VarDecl *V, const Accesses &All, const std::vector<size_t> &Inner) {
    if (!V || Locals.count(V) || V->hasGlobalStorage() ||
        llvm::is_contained(Region->Private, V))
      return;
    if (auto It = All.Vars.find(V); It != All.Vars.end() && It->second.escapes())
      return;
    for (size_t I : Inner) // OpenMP forbids a private variable in these
      if (llvm::is_contained(Plan.Loops[I].Scalars.LastPrivate, V) ||
          llvm::any_of(Plan.Loops[I].Scalars.Reductions,
                       [&](const Reduction &Red) { return Red.Var == V; }))
        return;
    if (onlyLoopVariable(V))
      Region->Private.push_back(V);
  }

  /// Every mention of V in the function is inside a loop of the region
  /// whose variable V is.
  bool onlyLoopVariable(const VarDecl *V) const {
    const ForStmt *S = Region->Shape.Loop;
    bool Ok = true;
    std::function<void(const Stmt *, bool, bool)> Walk = [&](const Stmt *X, bool InRegion,
                                                            bool Started) {
      if (!X || !Ok)
        return;
      if (X == S)
        InRegion = true;
      if (const auto *DRE = dyn_cast<DeclRefExpr>(X))
        if (DRE->getDecl() == V && !(InRegion && Started))
          Ok = false;
      if (const auto *F = dyn_cast<ForStmt>(X))
        if (std::optional<LoopHeader> H = readHeader(F); H && H->Var == V && InRegion)
          Started = true;
      for (const Stmt *C : X->children())
        Walk(C, InRegion, Started);
    };
    Walk(Plan.F.FD->getBody(), false, false);
    return Ok;
  }

  /// M is in an array every thread has its own copy of: declared in the
  /// body, outside the statement Within (whose own arrays are its own).
  bool isLocalArray(const MemRef &M, const Accesses &Within) const {
    return M.Base && Locals.count(M.Base) && M.Base->getType()->isArrayType() &&
           !Within.declares(M.Base);
  }

  /// A parallel loop of the body may not reduce into, keep the last value
  /// of, or write an array of, a variable every thread has its own copy of,
  /// nor reduce into an array element.
  bool sharedLoopFits(const ParallelLoop &L) const {
    // A reduction into an array element has its accumulator around its
    // own parallel loop (emit/Versioning), not yet inside a region.
    for (const Reduction &Red : L.Scalars.Reductions)
      if (Locals.count(Red.Var) || Red.Element)
        return false;
    for (const VarDecl *V : L.Scalars.LastPrivate)
      if (Locals.count(V))
        return false;
    Accesses Own = collectAccesses(L.Shape.Loop);
    for (const MemRef &M : collectMemRefs(L.Shape.Loop).Refs)
      if (M.Write && isLocalArray(M, Own))
        return false;
    return true;
  }

  /// How a statement of the body that is not a parallel loop runs.
  std::optional<ParallelRegion::Step> classify(const Stmt *S) const {
    using Run = ParallelRegion::Run;
    Accesses A = collectAccesses(S);
    MemRefs M = collectMemRefs(S);
    bool WritesLocal = false, WritesShared = callsImpure(S, P);
    for (const auto &[V, Use] : A.Vars) {
      if (!Use.written() || A.declares(V))
        continue;
      (Locals.count(V) ? WritesLocal : WritesShared) = true;
    }
    for (const MemRef &R : M.Refs)
      if (R.Write && !(R.Base && A.declares(R.Base) && R.Base->getType()->isArrayType()))
        (isLocalArray(R, A) ? WritesLocal : WritesShared) = true;
    if (isa<DeclStmt>(S))
      WritesLocal = true; // its variables live in the body's scope
    if (WritesLocal && WritesShared)
      return std::nullopt; // one thread's copy would differ from the others'
    return ParallelRegion::Step{S, WritesShared ? Run::Single : Run::Everywhere, false, 0, {}};
  }

  /// Statements every thread runs may read data that the next construct
  /// changes while a slower thread still reads it: such a run of them ends
  /// with a barrier. Reading variables nothing in the loop writes is safe.
  void placeBarriers(std::vector<ParallelRegion::Step> &Body, const Accesses &All) const {
    using Run = ParallelRegion::Run;
    bool Pending = false;
    for (size_t I = 0; I < Body.size(); ++I) {
      ParallelRegion::Step &St = Body[I];
      if (St.How == Run::Replicated)
        placeBarriers(St.Body, All);
      if (St.How != Run::Everywhere)
        continue;
      Accesses A = collectAccesses(St.S);
      for (const auto &[V, Use] : A.Vars) {
        if (!Use.read() || Locals.count(V) || V == Region->Shape.Var ||
            llvm::is_contained(Region->Private, V))
          continue;
        auto It = All.Vars.find(V);
        if (It != All.Vars.end() && (It->second.written() || It->second.escapes()))
          Pending = true;
        else if (V->hasGlobalStorage() && Impure)
          Pending = true;
      }
      for (const MemRef &M : collectMemRefs(St.S).Refs)
        if (M.Read && !isLocalArray(M, A) && !(M.Base && A.declares(M.Base)))
          Pending = true;
      // A pure function may still read what its pointer arguments point to.
      if (hasCall(St.S))
        Pending = true;
      if (Pending && (I + 1 == Body.size() || Body[I + 1].How != Run::Everywhere)) {
        St.BarrierAfter = true;
        Pending = false;
      }
    }
  }

  /// The barriers of Body per iteration, each Times the counts of the
  /// loops around it: one per `omp for`, per run of single statements,
  /// per barrier placed, and one more per floating-point sum.
  void countBarriers(const std::vector<ParallelRegion::Step> &Body,
                     const std::vector<TripEstimate> &Times, ParallelRegion &R) const {
    using Run = ParallelRegion::Run;
    unsigned Count = 0;
    for (size_t I = 0; I < Body.size(); ++I) {
      const ParallelRegion::Step &St = Body[I];
      if (St.How == Run::Shared)
        Count += 1 + llvm::any_of(Plan.Loops[St.Loop].Scalars.Reductions,
                                  [](const Reduction &Red) { return Red.reordersFloat(); });
      if (St.How == Run::Single && (I + 1 == Body.size() || Body[I + 1].How != Run::Single))
        ++Count; // a run of single statements shares one single
      Count += St.BarrierAfter;
      if (St.How == Run::Replicated) {
        auto N = llvm::find_if(*Nest, [&](const NestVar &X) { return X.Loop == St.S; });
        std::optional<TripEstimate> E = tripEstimate(*N, *Nest);
        std::vector<TripEstimate> Inner = Times;
        if (E)
          Inner.push_back(*E);
        else
          UnknownTrips = true;
        countBarriers(St.Body, Inner, R);
      }
    }
    R.BarrierPoints += Count;
    if (Count)
      R.Barriers.push_back({Times, Count});
  }

  /// The region's work: its trip count times the sum of its parallel
  /// loops' nests (the greatest over the serial loop's range, for a nest
  /// that follows its variable). Left empty when some nest cannot be
  /// counted, or its body calls a function whose cost is unknown.
  void estimateWork(ParallelRegion &R, const std::vector<NestVar> &Vars) const {
    std::optional<TripEstimate> Trips = tripEstimate(Vars.front(), Vars);
    std::vector<std::vector<TripEstimate>> Step;
    std::vector<uint64_t> Ops;
    if (!Trips || UnknownTrips || !stepWork(R.Body, {}, Vars, Step, Ops))
      return;
    R.Trips = std::move(*Trips);
    R.StepWork = std::move(Step);
    R.StepOps = std::move(Ops);
    // Operations (analysis/WorkCost), each nest weighed by its own body: in
    // all, as much as one parallel loop needs; per barrier, half of it. A
    // loop shared by the threads of a warm region breaks even at half the
    // iterations of the same loop in a region of its own (bench/region_cost,
    // docs/profitability.md): no fork and join, the threads' caches warm.
    R.MinWork = Opts.MinWork;
    R.MinStepWork = (Opts.MinWork + 1) / 2;
  }

  /// One product per parallel loop of Body: the counts of the loops every
  /// thread runs around it (Times), then of its own nest; Ops gets the
  /// operations of one iteration of each.
  bool stepWork(const std::vector<ParallelRegion::Step> &Body,
                const std::vector<TripEstimate> &Times, const std::vector<NestVar> &Vars,
                std::vector<std::vector<TripEstimate>> &Out, std::vector<uint64_t> &Ops) const {
    for (const ParallelRegion::Step &St : Body) {
      if (St.How == ParallelRegion::Run::Replicated) {
        auto N = llvm::find_if(Vars, [&](const NestVar &X) { return X.Loop == St.S; });
        std::optional<TripEstimate> E = tripEstimate(*N, Vars);
        if (!E)
          return false;
        std::vector<TripEstimate> Inner = Times;
        Inner.push_back(*E);
        if (!stepWork(St.Body, Inner, Vars, Out, Ops))
          return false;
        continue;
      }
      if (St.How != ParallelRegion::Run::Shared)
        continue;
      const ParallelLoop &L = Plan.Loops[St.Loop];
      std::vector<const ForStmt *> Loops;
      collectLoops(L.Shape.Loop, Loops);
      std::vector<TripEstimate> Product = Times;
      for (const ForStmt *F : Loops) {
        auto N = llvm::find_if(Vars, [&](const NestVar &X) { return X.Loop == F; });
        if (N == Vars.end())
          return false;
        std::optional<TripEstimate> E = tripEstimate(*N, Vars);
        if (!E)
          return false;
        Product.push_back(std::move(*E));
      }
      Obstacles O;
      O.walk(L.Shape.Loop->getBody());
      if (O.Uncounted || !collectAccesses(L.Shape.Loop).Calls.empty())
        return false;
      Out.push_back(std::move(Product));
      Ops.push_back(operationsOf(L.Shape.Loop));
    }
    return true;
  }

  /// V, a variable of R's nest, is used nowhere but as its loops' variable.
  bool onlyLoopVariableOf(const VarDecl *V, ParallelRegion &R) {
    Region = &R;
    return onlyLoopVariable(V);
  }

  void add(ParallelRegion R, const std::string &Tiling) {
    LoopDecision D;
    D.Transform = Tiling;
    D.Transformed = R.Transform != nullptr;
    D.Loc = R.Shape.Loop->getBeginLoc();
    D.Result = LoopDecision::Outcome::Region;
    D.Iterations = R.Loops.size();
    D.MinWork = R.StepWork.empty() ? 0 : R.Loops.empty() ? R.MinWork : R.MinStepWork;
    D.Barriers = R.BarrierPoints;
    if (Opts.ShowDecision)
      Opts.ShowDecision(D);
    Plan.Decisions.push_back(std::move(D));
    Plan.Regions.push_back(std::move(R));
  }

  FunctionPlan &Plan;
  const PipelineOptions &Opts;
  Purity &P;
  const SourceManager &SM;
  bool Impure = false; ///< the serial loop calls a function with effects
  ParallelRegion *Region = nullptr;         ///< the one being planned
  const std::vector<NestVar> *Nest = nullptr; ///< its loops' variables
  size_t Seen = 0;                          ///< parallel loops placed
  mutable bool UnknownTrips = false;        ///< a replicated loop's count
  llvm::DenseMap<const Stmt *, size_t> Index;
  llvm::SmallPtrSet<const VarDecl *, 8> Locals;
  LoopVariableOnly Only = [this](const VarDecl *V, ParallelRegion &R) {
    return onlyLoopVariableOf(V, R);
  };
};

} // namespace

void planRegions(FunctionPlan &Plan, const PipelineOptions &Opts, Purity &P) {
  RegionPlanner(Plan, Opts, P).walk(Plan.F.FD->getBody());
}

} // namespace ppar
