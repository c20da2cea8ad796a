//===- EntryGate.cpp ------------------------------------------------------===//

#include "emit/EntryGate.h"
#include "analysis/Accesses.h"
#include "analysis/LoopShape.h"
#include "emit/RangeText.h"
#include "emit/abi/Loops.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"

using namespace clang;

namespace ppar {

namespace {

/// Bounds the work estimates of one function's loops over the parameters
/// its body never changes.
class EntryBounds {
public:
  explicit EntryBounds(const FunctionDecl *FD)
      : FD(FD), Ctx(FD->getASTContext()), All(collectAccesses(FD->getBody())) {}

  /// E with each span at its greatest over the loops around At; nullopt
  /// when a span names anything but unchanged parameters and the
  /// variables of canonical loops around At.
  std::optional<TripEstimate> atEntry(const TripEstimate &E, const Stmt *At) const {
    TripEstimate Out = E;
    for (Affine &Span : Out.Spans) {
      std::optional<Affine> Most = greatest(Span, At);
      if (!Most)
        return std::nullopt;
      Span = *Most;
    }
    return Out;
  }

  std::optional<std::vector<TripEstimate>> atEntry(const std::vector<TripEstimate> &Es,
                                                   const Stmt *At) const {
    std::vector<TripEstimate> Out;
    for (const TripEstimate &E : Es) {
      std::optional<TripEstimate> B = atEntry(E, At);
      if (!B)
        return std::nullopt;
      Out.push_back(*B);
    }
    return Out;
  }

private:
  bool unchangedParam(const VarDecl *V) const {
    const auto *P = dyn_cast<ParmVarDecl>(V);
    if (!P || P->getDeclContext() != FD || !V->getType()->isIntegerType())
      return false;
    auto It = All.Vars.find(V);
    return It == All.Vars.end() || (!It->second.written() && !It->second.escapes());
  }

  /// A at its greatest over the loops around At: walking outwards, each
  /// loop's variable is replaced by its last value where its coefficient
  /// is positive, by its first where negative.
  std::optional<Affine> greatest(Affine A, const Stmt *At) const {
    for (DynTypedNodeList Ps = Ctx.getParents(*At); !Ps.empty();) {
      const Stmt *P = Ps[0].get<Stmt>();
      if (!P)
        break;
      Ps = Ctx.getParents(*P);
      const auto *F = dyn_cast<ForStmt>(P);
      if (!F)
        continue;
      std::optional<LoopHeader> H = readHeader(F);
      if (!H || !A.mentions(H->Var))
        continue;
      std::optional<Affine> Next = replaceByEnd(A, *F, H->Var);
      if (!Next)
        return std::nullopt;
      A = *Next;
    }
    for (const AffineTerm &T : A.Terms) {
      if (T.LoopVar)
        return std::nullopt;
      for (const VarDecl *S : T.Symbols)
        if (!unchangedParam(S))
          return std::nullopt;
    }
    return A;
  }

  /// A with V, the variable of loop F, at the end of F's range that makes
  /// A greatest.
  std::optional<Affine> replaceByEnd(const Affine &A, const ForStmt &F, const VarDecl *V) const {
    const AffineTerm *Term = nullptr;
    for (const AffineTerm &T : A.Terms)
      if (T.LoopVar == V || llvm::is_contained(T.Symbols, V)) {
        if (Term || T.LoopVar || T.Symbols.size() != 1)
          return std::nullopt; // V times another variable: no known sign
        Term = &T;
      }
    ShapeProblem Problem;
    std::optional<CanonicalLoop> Shape = checkLoopShape(&F, Problem);
    if (!Term || !Shape || !Shape->Header.ConstStep)
      return std::nullopt;
    const LoopHeader &H = Shape->Header;
    bool Up = *H.ConstStep > 0;
    // The last value is the bound (moved by one for < and >), the first
    // the initial value.
    bool Last = (Term->Coeff > 0) == Up;
    if (Last && H.Cmp == BO_NE)
      return std::nullopt;
    std::optional<Affine> End =
        toAffine(Last ? H.Bound : H.Init, Ctx, [](const VarDecl *) { return false; },
                 [](const VarDecl *W) { return W->getType()->isIntegerType(); });
    if (!End)
      return std::nullopt;
    if (Last && H.Cmp == BO_LT)
      End->Constant -= 1;
    if (Last && H.Cmp == BO_GT)
      End->Constant += 1;
    return substitute(A, V, *End);
  }

  const FunctionDecl *FD;
  ASTContext &Ctx;
  Accesses All;
};

} // namespace

std::optional<std::string> entryGate(const FunctionPlan &P) {
  if (P.Loops.empty())
    return std::nullopt;
  EntryBounds Bounds(P.F.FD);
  std::vector<std::string> Any;
  for (const ParallelLoop &L : P.Loops) {
    if (L.Work.empty() || !L.MinWork)
      return std::nullopt; // always in parallel
    std::optional<std::vector<TripEstimate>> W = Bounds.atEntry(L.Work, L.Shape.Loop);
    if (!W)
      return std::nullopt;
    Any.push_back(enoughWorkText(*W, L.MinWork));
  }
  // A region runs when its work pays in all and per barrier; below, its
  // serial loop runs as written (RegionEmit.cpp). Its barriers are at
  // least those outside loops every thread runs.
  for (const ParallelRegion &R : P.Regions) {
    if (R.StepWork.empty())
      return std::nullopt;
    std::optional<TripEstimate> Trips = Bounds.atEntry(R.Trips, R.Shape.Loop);
    if (!Trips)
      return std::nullopt;
    std::string Step;
    for (size_t I = 0; I < R.StepWork.size(); ++I) {
      std::optional<std::vector<TripEstimate>> W = Bounds.atEntry(R.StepWork[I], R.Shape.Loop);
      if (!W)
        return std::nullopt;
      Step += (Step.empty() ? "" : " + ") + productText(*W) + " * " + std::to_string(R.StepOps[I]);
    }
    unsigned Barriers = 0;
    for (const ParallelRegion::BarrierCount &B : R.Barriers)
      if (B.Times.empty())
        Barriers += B.Count;
    Step = "(" + Step + ")";
    Any.push_back("((double)" + abi::max(countText(*Trips), "0") + " * " + Step +
                  " >= " + std::to_string(R.MinWork) + ".0 && " + Step + " >= " +
                  std::to_string(R.MinStepWork) + ".0 * " + std::to_string(Barriers) + ")");
  }
  std::string Gate;
  for (const std::string &C : Any)
    Gate += (Gate.empty() ? "" : " || ") + C;
  return Gate;
}

} // namespace ppar
