//===- RegionPlan.cpp -----------------------------------------------------===//

#include "plan/RegionPlan.h"
#include "analysis/Accesses.h"
#include "analysis/Dependence.h"
#include "analysis/LoopShape.h"
#include "analysis/MemRefs.h"
#include "analysis/Purity.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtOpenMP.h"
#include "llvm/ADT/SmallPtrSet.h"

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

/// The loops of S, S included.
void forLoops(const Stmt *S, std::vector<const ForStmt *> &Out) {
  if (!S)
    return;
  if (const auto *F = dyn_cast<ForStmt>(S))
    Out.push_back(F);
  for (const Stmt *C : S->children())
    forLoops(C, Out);
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
      if (Inner.empty())
        return;
      if (std::optional<ParallelRegion> R = tryRegion(F, Inner))
        return add(std::move(*R));
    }
    for (const Stmt *C : S->children())
      walk(C);
  }

private:
  std::vector<size_t> parallelLoopsIn(const Stmt *S) const {
    std::vector<const ForStmt *> Loops;
    forLoops(S, Loops);
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

    ParallelRegion R{*Shape, Inner, {}, {}, {}, 0, 0, 0};
    const Stmt *Body = F->getBody();
    std::vector<const Stmt *> Stmts;
    if (const auto *CS = dyn_cast<CompoundStmt>(Body))
      Stmts.assign(CS->body_begin(), CS->body_end());
    else
      Stmts.push_back(Body);
    size_t Shared = 0;
    SourceLocation Previous;
    for (const Stmt *S : Stmts) {
      // One statement per place an edit can go: two statements of one
      // macro expansion cannot get a directive each.
      SourceLocation B = SM.getExpansionLoc(S->getBeginLoc());
      if (Previous.isValid() && !SM.isBeforeInTranslationUnit(Previous, B))
        return std::nullopt;
      Previous = SM.getExpansionRange(S->getEndLoc()).getEnd();
      if (auto It = Index.find(dyn_cast<ForStmt>(asLoop(S))); It != Index.end()) {
        if (!sharedLoopFits(Plan.Loops[It->second]))
          return std::nullopt;
        R.Body.push_back({S, ParallelRegion::Run::Shared});
        ++Shared;
        continue;
      }
      std::optional<ParallelRegion::Step> St = classify(S);
      if (!St)
        return std::nullopt;
      R.Body.push_back(*St);
    }
    if (Shared != Inner.size())
      return std::nullopt; // a parallel loop nested in a statement of the body
    placeBarriers(R, All);
    if (Opts.MinIterations)
      estimateWork(R, Vars);
    if (Opts.MinIterations && R.StepWork.empty() &&
        llvm::any_of(Inner, [&](size_t I) { return Plan.Loops[I].MinWork != 0; }))
      return std::nullopt; // the loops test their own work; the region cannot
    return R;
  }

  /// M is in an array every thread has its own copy of: declared in the
  /// body, outside the statement Within (whose own arrays are its own).
  bool isLocalArray(const MemRef &M, const Accesses &Within) const {
    return M.Base && Locals.count(M.Base) && M.Base->getType()->isArrayType() &&
           !Within.declares(M.Base);
  }

  /// A parallel loop of the body may not reduce into, keep the last value
  /// of, or write an array of, a variable every thread has its own copy of.
  bool sharedLoopFits(const ParallelLoop &L) const {
    for (const Reduction &Red : L.Scalars.Reductions)
      if (Locals.count(Red.Var))
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
    return ParallelRegion::Step{S, WritesShared ? Run::Single : Run::Everywhere};
  }

  /// Statements every thread runs may read data that the next construct
  /// changes while a slower thread still reads it: such a run of them ends
  /// with a barrier. Reading variables nothing in the loop writes is safe.
  void placeBarriers(ParallelRegion &R, const Accesses &All) const {
    using Run = ParallelRegion::Run;
    bool Pending = false;
    for (size_t I = 0; I < R.Body.size(); ++I) {
      ParallelRegion::Step &St = R.Body[I];
      if (St.How == Run::Shared || (St.How == Run::Single && (I + 1 == R.Body.size() ||
                                                              R.Body[I + 1].How != Run::Single)))
        ++R.Barriers; // a run of single statements shares one single
      if (St.How != Run::Everywhere)
        continue;
      Accesses A = collectAccesses(St.S);
      for (const auto &[V, Use] : A.Vars) {
        if (!Use.read() || Locals.count(V) || V == R.Shape.Var)
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
      bool LastOfRun = I + 1 == R.Body.size() || R.Body[I + 1].How != Run::Everywhere;
      if (Pending && LastOfRun) {
        St.BarrierAfter = true;
        ++R.Barriers;
        Pending = false;
      }
    }
    // A floating-point reduction in thread order combines its partials on
    // one thread after a barrier of its own.
    for (size_t I : R.Loops)
      if (llvm::any_of(Plan.Loops[I].Scalars.Reductions,
                       [](const Reduction &Red) { return Red.reordersFloat(); }))
        ++R.Barriers;
  }

  /// One loop's count over S's nest: its span at the first and the last
  /// value of the one loop variable it follows, if any.
  static std::optional<TripEstimate> tripOf(const NestVar &N, const std::vector<NestVar> &Vars) {
    if (!N.Lower || !N.Upper || !N.ConstStep || *N.ConstStep == 0)
      return std::nullopt;
    TripEstimate E;
    E.Step = *N.ConstStep < 0 ? -*N.ConstStep : *N.ConstStep;
    Affine Span = *N.Upper - *N.Lower;
    if (!Span.hasLoopVars()) {
      E.Spans.push_back(Span);
      return E;
    }
    const VarDecl *V = nullptr;
    for (const AffineTerm &T : Span.Terms)
      if (T.LoopVar && V && V != T.LoopVar)
        return std::nullopt;
      else if (T.LoopVar)
        V = T.LoopVar;
    auto O = llvm::find_if(Vars, [&](const NestVar &X) { return X.Var == V; });
    if (O == Vars.end() || !O->Lower || !O->Upper || O->Lower->hasLoopVars() ||
        O->Upper->hasLoopVars())
      return std::nullopt;
    for (const Affine *At : {&*O->Lower, &*O->Upper}) {
      std::optional<Affine> S = substitute(Span, V, *At);
      if (!S || S->hasLoopVars())
        return std::nullopt;
      E.Spans.push_back(*S);
    }
    return E;
  }

  /// The region's work: its trip count times the sum of its parallel
  /// loops' nests (the greatest over the serial loop's range, for a nest
  /// that follows its variable). Left empty when some nest cannot be
  /// counted, or its body calls a function whose cost is unknown.
  void estimateWork(ParallelRegion &R, const std::vector<NestVar> &Vars) const {
    std::optional<TripEstimate> Trips = tripOf(Vars.front(), Vars);
    if (!Trips)
      return;
    std::vector<std::vector<TripEstimate>> Step;
    for (size_t I : R.Loops) {
      const ParallelLoop &L = Plan.Loops[I];
      std::vector<const ForStmt *> Loops;
      forLoops(L.Shape.Loop, Loops);
      std::vector<TripEstimate> Product;
      for (const ForStmt *F : Loops) {
        auto N = llvm::find_if(Vars, [&](const NestVar &X) { return X.Loop == F; });
        if (N == Vars.end())
          return;
        std::optional<TripEstimate> E = tripOf(*N, Vars);
        if (!E)
          return;
        Product.push_back(std::move(*E));
      }
      Obstacles O;
      O.walk(L.Shape.Loop->getBody());
      if (O.Uncounted || !collectAccesses(L.Shape.Loop).Calls.empty())
        return;
      Step.push_back(std::move(Product));
    }
    R.Trips = std::move(*Trips);
    R.StepWork = std::move(Step);
    R.MinWork = Opts.MinIterations;
    R.MinStepWork = Opts.MinIterations / 4;
  }

  void add(ParallelRegion R) {
    LoopDecision D;
    D.Loc = R.Shape.Loop->getBeginLoc();
    D.Result = LoopDecision::Outcome::Region;
    D.Iterations = R.Loops.size();
    D.MinWork = R.StepWork.empty() ? 0 : R.MinStepWork;
    D.Barriers = R.Barriers;
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
  llvm::DenseMap<const Stmt *, size_t> Index;
  llvm::SmallPtrSet<const VarDecl *, 8> Locals;
};

} // namespace

void planRegions(FunctionPlan &Plan, const PipelineOptions &Opts, Purity &P) {
  if (Plan.Loops.empty())
    return;
  RegionPlanner(Plan, Opts, P).walk(Plan.F.FD->getBody());
}

} // namespace ppar
