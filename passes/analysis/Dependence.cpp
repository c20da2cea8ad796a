//===- Dependence.cpp -----------------------------------------------------===//

#include "analysis/Dependence.h"
#include "analysis/MemberVars.h"
#include "analysis/Accesses.h"
#include "analysis/CallTouches.h"
#include "analysis/IslDependence.h"
#include "analysis/Scalars.h"
#include "analysis/TaskMemory.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <functional>
#include <numeric>
#include <set>

using namespace clang;

namespace ppar {

std::string accessText(const MemRef &R, const ASTContext &Ctx) {
  SourceRange Range = R.Access->getSourceRange();
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Text = Lexer::getSourceText(
                         SM.getExpansionRange(Range),
                         SM, Ctx.getLangOpts())
                         .str();
  return Text.empty() ? (R.Base ? R.Base->getNameAsString() : "?") : Text;
}

/// The pointer an access ppar cannot follow goes through when the loop
/// loads it from memory (`p[k].x` of `p[k].x[i]`, `rows[i]` of
/// `rows[i][k]`, `s->next->v`), as the user wrote it; "" otherwise.
static std::string loadedPointer(const Expr *Access, const ASTContext &Ctx) {
  const Expr *E = Access;
  while (E) {
    E = E->IgnoreParens();
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
      E = A->getBase();
    else if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref)
      E = U->getSubExpr();
    else if (const auto *M = dyn_cast<MemberExpr>(E); M && M->isArrow())
      E = M->getBase();
    else if (const auto *B = dyn_cast<BinaryOperator>(E); B && B->isAdditiveOp())
      E = B->getLHS()->getType()->isPointerType() ? B->getLHS() : B->getRHS();
    else if (const auto *C = dyn_cast<ImplicitCastExpr>(E);
             C && C->getCastKind() == CK_LValueToRValue) {
      if (isa<DeclRefExpr>(C->getSubExpr()->IgnoreParens()))
        return "";
      const SourceManager &SM = Ctx.getSourceManager();
      return Lexer::getSourceText(SM.getExpansionRange(C->getSourceRange()), SM,
                                  Ctx.getLangOpts())
          .str();
    } else if (const auto *C = dyn_cast<CastExpr>(E))
      E = C->getSubExpr();
    else
      return "";
  }
  return "";
}

namespace {

enum class DimResult { Independent, Pinned, Distance, AlwaysEqual, Unknown };

struct DimVerdict {
  DimResult R;
  int64_t Distance = 0;
  bool Identical = false;
};

DimVerdict testDim(const Affine &A, const Affine &B, const VarDecl *X) {
  DimVerdict V{DimResult::Unknown, 0, A == B};
  bool SameInvariants = true;
  {
    std::vector<AffineTerm> IA = A.invariantTerms(), IB = B.invariantTerms();
    Affine PA, PB;
    PA.Terms = IA;
    PB.Terms = IB;
    SameInvariants = PA == PB;
  }
  if (!SameInvariants)
    return V;
  int64_t K = B.Constant - A.Constant;
  if (!A.hasLoopVars() && !B.hasLoopVars()) {
    V.R = K == 0 ? DimResult::AlwaysEqual : DimResult::Independent;
    return V;
  }
  // Strong SIV: only X varies, with the same constant coefficient.
  std::optional<int64_t> CA = A.coeffOf(X), CB = B.coeffOf(X);
  auto OnlyX = [&](const Affine &F) {
    for (const AffineTerm &T : F.Terms)
      if (T.LoopVar && T.LoopVar != X)
        return false;
    return true;
  };
  if (CA && CB && *CA == *CB && *CA != 0 && OnlyX(A) && OnlyX(B)) {
    if (K == 0)
      V.R = DimResult::Pinned;
    else if (K % *CA != 0)
      V.R = DimResult::Independent;
    else {
      V.R = DimResult::Distance;
      V.Distance = K / *CA;
    }
    return V;
  }
  // GCD test over every loop variable of both sides.
  int64_t G = 0;
  for (const Affine *F : {&A, &B})
    for (const AffineTerm &T : F->Terms) {
      if (!T.LoopVar)
        continue;
      if (!T.Symbols.empty())
        return V; // symbolic coefficient: no conclusion
      G = std::gcd(G, T.Coeff < 0 ? -T.Coeff : T.Coeff);
    }
  if (G != 0 && K % G != 0)
    V.R = DimResult::Independent;
  return V;
}

/// The subscripts of R as affine forms; nullopt when one is not affine.
std::optional<std::vector<Affine>> subscripts(const MemRef &R, const AffineNest &C) {
  return C.subscripts(R);
}

/// A dependence between two accesses to the same variable, if one may exist.
std::optional<Dependence> testPair(const MemRef &W, const MemRef &R,
                                   const AffineNest &C,
                                   std::optional<int64_t> TripCount) {
  Dependence Possible{&W, &R, false, std::nullopt};
  if (W.Subscripts.empty() || R.Subscripts.empty())
    return Possible;
  std::optional<std::vector<Affine>> SW = subscripts(W, C), SR = subscripts(R, C);
  if (!SW || !SR || SW->size() != SR->size())
    return Possible;
  if (SW->size() == 1) {
    auto DW = delinearize((*SW)[0], C), DR = delinearize((*SR)[0], C);
    if (DW && DR) {
      *SW = {DW->first, DW->second};
      *SR = {DR->first, DR->second};
    }
  }
  const VarDecl *X = C.Vars.front().Var;
  std::vector<DimVerdict> Dims;
  for (size_t D = 0; D < SW->size(); ++D)
    Dims.push_back(testDim((*SW)[D], (*SR)[D], X));
  for (const DimVerdict &V : Dims)
    if (V.R == DimResult::Independent || V.R == DimResult::Pinned)
      return std::nullopt;
  // A fixed distance, with every other subscript the same expression on both
  // sides, is a dependence that exists whenever both iterations run.
  for (const DimVerdict &V : Dims) {
    if (V.R != DimResult::Distance)
      continue;
    int64_t Abs = V.Distance < 0 ? -V.Distance : V.Distance;
    if (TripCount && Abs >= *TripCount)
      return std::nullopt;
    bool OthersSame = true;
    for (const DimVerdict &O : Dims)
      OthersSame &= &O == &V || O.Identical || O.R == DimResult::AlwaysEqual;
    return Dependence{&W, &R, OthersSame, Abs};
  }
  bool AllEqual = true;
  for (const DimVerdict &V : Dims)
    AllEqual &= V.R == DimResult::AlwaysEqual;
  if (AllEqual)
    return Dependence{&W, &R, true, std::nullopt};
  return Possible;
}

/// Settles a dependence the per-dimension tests could not exclude with the
/// exact test; false when there is none.
bool refine(Dependence &D, const AffineNest &C) {
  IslVerdict V = islDependence(C, *D.Write, *D.Other);
  if (V.Result == IslVerdict::Kind::Independent)
    return false;
  if (V.Result == IslVerdict::Kind::Carried) {
    D.Proven = V.Exact;
    D.Direction = std::move(V.Direction);
    D.Distances = std::move(V.Distance);
    D.Distance = V.Outer;
  }
  return true;
}

/// The bytes the accesses to V touch: the least and greatest value of each
/// subscript over the nest.
bool extentOf(const VarDecl *V, const std::vector<MemRef> &Refs,
              const AffineNest &C, ByteRange &Out) {
  std::optional<size_t> Dims;
  ByteRange R{V, {}, {}, {}};
  for (const MemRef &M : Refs) {
    if (M.Base != V)
      continue;
    std::optional<std::vector<Affine>> S = subscripts(M, C);
    if (!S || S->empty() || (Dims && *Dims != S->size()))
      return false;
    for (size_t I : C.place(M.Access).Loops) {
      const NestVar &N = C.Vars[I];
      if (!N.Lower || !N.Upper || N.Lower->hasLoopVars() || N.Upper->hasLoopVars())
        continue; // triangular: no condition known before the nest
      std::pair<Affine, Affine> Run{*N.Lower, *N.Upper};
      if (!llvm::is_contained(R.Runs, Run) && !((*N.Upper - *N.Lower).Terms.empty() &&
                                                 (*N.Upper - *N.Lower).Constant >= 0))
        R.Runs.push_back(Run);
    }
    Dims = S->size();
    R.Least.resize(*Dims);
    R.Most.resize(*Dims);
    for (size_t D = 0; D < *Dims; ++D)
      if (!corners((*S)[D], C, false, R.Least[D]) || !corners((*S)[D], C, true, R.Most[D]))
        return false;
  }
  if (!Dims)
    return false;
  Out = std::move(R);
  return true;
}

bool isRestrict(const VarDecl *V) {
  return V->getType()->isPointerType() && V->getType().isRestrictQualified();
}

/// A local array of this function cannot be reached through a parameter.
bool isOwnArray(const VarDecl *V) {
  return V->getType()->isArrayType() && V->hasLocalStorage();
}

enum class Alias { Never, Maybe };

/// An array object whose elements are const: no valid program writes it,
/// through any pointer.
bool isConstArray(const VarDecl *V) {
  return V->getType()->isArrayType() &&
         V->getASTContext().getBaseElementType(V->getType()).isConstQualified();
}

/// A points into a block malloc gave it in this call (TaskMemory's
/// mallocBlock: never assigned again, its address never taken), which B
/// cannot reach: B is another such block, an array, or a parameter the
/// function never assigns (its value predates the block).
bool freshBlockApart(const VarDecl *A, const VarDecl *B) {
  if (!mallocBlock(A))
    return false;
  if (mallocBlock(B) || B->getType()->isArrayType())
    return true;
  const auto *P = dyn_cast<ParmVarDecl>(B);
  const auto *F = P ? dyn_cast_or_null<FunctionDecl>(P->getDeclContext()) : nullptr;
  if (!F || !F->getBody())
    return false;
  VarAccess Use = collectAccesses(F->getBody()).Vars.lookup(P);
  return !Use.written() && !Use.escapes();
}

Alias mayAlias(const VarDecl *A, const VarDecl *B) {
  if (A->getType()->isArrayType() && B->getType()->isArrayType())
    return Alias::Never;
  if (isConstArray(A) || isConstArray(B))
    return Alias::Never;
  if (isRestrict(A) || isRestrict(B))
    return Alias::Never;
  if ((isOwnArray(A) && isa<ParmVarDecl>(B)) || (isOwnArray(B) && isa<ParmVarDecl>(A)))
    return Alias::Never;
  if (freshBlockApart(A, B) || freshBlockApart(B, A))
    return Alias::Never;
  return Alias::Maybe;
}

std::optional<int64_t> tripCount(const NestVar &N) {
  if (!N.Lower || !N.Upper || !N.Lower->Terms.empty() || !N.Upper->Terms.empty())
    return std::nullopt;
  int64_t Span = N.Upper->Constant - N.Lower->Constant + 1;
  return Span > 0 ? Span : 0;
}

} // namespace

std::vector<NestVar> nestVars(const CanonicalLoop &L) { return makeNest(L).Vars; }

std::optional<uint64_t> constantIterations(const CanonicalLoop &L) {
  uint64_t Total = 1;
  for (const NestVar &N : nestVars(L)) {
    std::optional<int64_t> Span = tripCount(N);
    if (!Span || !N.ConstStep || *N.ConstStep == 0)
      return std::nullopt;
    uint64_t Step = *N.ConstStep < 0 ? -*N.ConstStep : *N.ConstStep;
    uint64_t Trip = (uint64_t(*Span) + Step - 1) / Step;
    if (Trip != 0 && Total > UINT64_MAX / Trip)
      return UINT64_MAX;
    Total *= Trip;
  }
  return Total;
}

/// S has a loop other than `for`, a goto, or a call of anything but a
/// builtin (`sqrt`, `fabs`...): its work is not the count of its iterations.
static bool uncountedWork(const Stmt *S) {
  if (!S)
    return false;
  if (isa<WhileStmt, DoStmt, GotoStmt, IndirectGotoStmt>(S))
    return true;
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD || !FD->getBuiltinID())
      return true;
  }
  for (const Stmt *C : S->children())
    if (uncountedWork(C))
      return true;
  return false;
}

std::optional<TripEstimate> tripEstimate(const NestVar &N, const std::vector<NestVar> &Vars) {
  if (!N.Lower || !N.Upper || !N.ConstStep || *N.ConstStep == 0)
    return std::nullopt;
  TripEstimate E;
  E.Step = *N.ConstStep < 0 ? -*N.ConstStep : *N.ConstStep;
  Affine Span = *N.Upper - *N.Lower;
  if (!Span.hasLoopVars()) {
    E.Spans.push_back(Span);
    return E;
  }
  // One outer variable, whose own range is known before the nest.
  const VarDecl *V = nullptr;
  for (const AffineTerm &T : Span.Terms)
    if (T.LoopVar && (!V || V == T.LoopVar))
      V = T.LoopVar;
    else if (T.LoopVar)
      return std::nullopt;
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

std::optional<std::vector<TripEstimate>> workEstimate(const CanonicalLoop &L) {
  AffineNest C = makeNest(L);
  std::vector<const ForStmt *> Loops;
  collectLoops(L.Loop->getBody(), Loops);
  if (Loops.size() + 1 != C.Vars.size() || uncountedWork(L.Loop->getBody()))
    return std::nullopt; // a loop ppar cannot count, or work besides iterations
  std::vector<TripEstimate> Out;
  for (const NestVar &N : C.Vars) {
    std::optional<TripEstimate> E = tripEstimate(N, C.Vars);
    if (!E)
      return std::nullopt;
    Out.push_back(std::move(*E));
  }
  return Out;
}

/// Whether every subscript of M is affine in values L does not change
/// (none of the nest's loop variables, nothing the loop writes).
static bool invariantElement(const MemRef &M, const AffineNest &C) {
  if (M.Subscripts.empty() || !M.Base ||
      !(M.Base->getType()->isArrayType() || C.isInvariant(M.Base)))
    return false;
  for (const Subscript &S : M.Subscripts) {
    if (!S.E)
      continue; // `*p` or `p->f`: p[0]
    std::optional<Affine> A = C.affine(S.E);
    if (!A || A->hasLoopVars())
      return false;
  }
  return true;
}

/// The reductions into array elements of L (Refs: its accesses): an
/// element whose subscripts L does not change, every mention of it an
/// update with one operator (Reductions.h), and every other access to its
/// variable shown by the exact test never to touch it, in any iteration.
/// No call may be given the variable or any pointer (it could read the
/// element).
static std::vector<ElementReduction> elementReductions(const CanonicalLoop &L,
                                                       const MemRefs &M,
                                                       const AffineNest &C) {
  std::vector<ElementReduction> Out;
  const ASTContext &Ctx = C.Ctx;
  const SourceManager &SM = Ctx.getSourceManager();
  auto Same = [&](const Expr *A, const Expr *B) {
    llvm::FoldingSetNodeID IA, IB;
    A->IgnoreParenImpCasts()->Profile(IA, Ctx, /*Canonical=*/true);
    B->IgnoreParenImpCasts()->Profile(IB, Ctx, /*Canonical=*/true);
    return IA == IB;
  };
  for (const MemRef &W : M.Refs) {
    if (!W.Write || !invariantElement(W, C) ||
        llvm::any_of(Out, [&](const ElementReduction &E) { return Same(E.Element, W.Access); }))
      continue;
    QualType T = W.Access->getType();
    // OpenMP combines partial results with atomics: nothing wider than
    // 8 bytes, as for scalars.
    if (!T->isArithmeticType() || T->isAnyComplexType() || Ctx.getTypeSize(T) > 64 ||
        T.isVolatileQualified())
      continue;
    std::optional<ReductionOp> Op = elementReductionOf(L.Loop->getBody(), W.Access, Ctx);
    // The loop's header runs in every thread's copy of the loop as written.
    std::function<bool(const Stmt *)> InHeader = [&](const Stmt *S) {
      if (!S)
        return false;
      if (const auto *E = dyn_cast<Expr>(S); E && Same(E, W.Access))
        return true;
      return llvm::any_of(S->children(), InHeader);
    };
    if (!Op || InHeader(L.Loop->getInit()) || InHeader(L.Loop->getCond()) ||
        InHeader(L.Loop->getInc()))
      continue;
    ElementReduction E{W.Access, *Op, {}};
    bool Ok = true;
    for (const MemRef &R : M.Refs) {
      if (R.Base != W.Base)
        continue;
      if (Same(R.Access, W.Access)) {
        // Each mention becomes the accumulator's name in the text.
        Ok &= R.Access->getBeginLoc().isFileID() && R.Access->getEndLoc().isFileID() &&
              SM.isWrittenInSameFile(R.Access->getBeginLoc(), L.Loop->getBeginLoc());
        E.Uses.push_back(R.Access);
      } else {
        Ok &= islNeverSame(C, W, R);
      }
    }
    // A pure function may still read what a pointer argument points to.
    for (const CallExpr *Call : M.Calls)
      for (const Expr *Arg : Call->arguments())
        Ok &= !mentions(Arg, W.Base) && !Arg->getType()->isPointerType() &&
              !Arg->getType()->isArrayType();
    if (Ok)
      Out.push_back(std::move(E));
  }
  return Out;
}

LoopDependences testDependences(const CanonicalLoop &L, const FunctionDecl *FD,
                                Purity &P, bool FindElementReductions) {
  LoopDependences Out;
  AffineNest C = makeNest(L);
  Out.Refs = collectMemRefs(L.Loop->getBody());
  // An array or struct declared in the body is a new object in every
  // iteration (C's scoping), and a private array each iteration's own copy:
  // their elements are no memory that two iterations share, nor memory to
  // check or copy (their names mean nothing outside the loop).
  Accesses Body = collectAccesses(L.Loop->getBody());
  std::vector<const VarDecl *> Private = privateArrays(L, FD);
  llvm::erase_if(Out.Refs.Refs, [&](const MemRef &R) {
    if (R.Base && llvm::is_contained(Private, R.Base))
      return true;
    return R.Base && Body.declares(R.Base) && R.Base->hasLocalStorage() &&
           (R.Base->getType()->isArrayType() || R.Base->getType()->isRecordType());
  });
  const MemRefs &M = Out.Refs;
  const ASTContext &Ctx = C.Ctx;

  // The regions written, for PPAR_CHECK.
  for (const MemRef &W : M.Refs) {
    if (!W.Write)
      continue;
    if (!W.Base) {
      Out.WrittenKnown = false;
      continue;
    }
    bool Seen = false;
    for (const WrittenRegion &R : Out.Written)
      Seen |= R.Range.Base == W.Base;
    if (Seen)
      continue;
    ByteRange Range;
    if (!extentOf(W.Base, M.Refs, C, Range)) {
      Out.WrittenKnown = false;
      continue;
    }
    Out.Written.push_back({std::move(Range), W.Access->getType()});
  }

  std::optional<AffineNest> Block; // blockNest(C), made at the first need
  for (const MemRef &R : M.Refs) {
    if (!R.Base)
      continue;
    auto It = std::find_if(Out.Touched.begin(), Out.Touched.end(),
                           [&](const TouchedData &T) { return T.Base == R.Base; });
    if (It == Out.Touched.end()) {
      TouchedData T{R.Base, false, false, false, {}, R.Access};
      T.Known = extentOf(R.Base, M.Refs, C, T.Range);
      if (T.Known && !Block)
        Block.emplace(blockNest(C));
      if (ByteRange B; T.Known && extentOf(R.Base, M.Refs, *Block, B))
        T.Block = std::move(B);
      Out.Touched.push_back(T);
      It = Out.Touched.end() - 1;
    }
    It->Read |= R.Read;
    It->Write |= R.Write;
  }
  addCallTouches(M, C, P, Out.Touched);

  // A call that may write memory (only a prange loop keeps one) writes what
  // PPAR_CHECK cannot copy: running the loop twice would change the result.
  for (const CallExpr *Call : M.Calls)
    if (P.mayWrite(Call->getDirectCallee()))
      Out.WrittenKnown = false;
  for (const CallExpr *Call : M.Calls)
    if (!P.isPure(Call->getDirectCallee())) {
      Out.Blocker = P.whyNot(Call->getDirectCallee());
      Out.BlockerLoc = Call->getBeginLoc();
      return Out;
    }
  bool AnyWrite = false;
  for (const MemRef &R : M.Refs)
    AnyWrite |= R.Write;
  for (const MemRef &R : M.Refs) {
    std::string What = "'" + accessText(R, Ctx) + "'";
    if (!R.Base && (R.Write || AnyWrite)) {
      std::string Member = changingMember(R.Access);
      std::string Loaded = Member.empty() ? loadedPointer(R.Access, Ctx) : "";
      if (!Loaded.empty())
        Member = "the pointer '" + Loaded + "', which the loop reads from memory, so "
                 "ppar cannot tell what it points to";
      Out.Blocker = std::string(R.Write ? "writes" : "reads") + " " + What +
                    " through " + (Member.empty() ? "an expression ppar cannot follow"
                                                  : Member);
      Out.BlockerLoc = R.Access->getBeginLoc();
      return Out;
    }
    if (R.Base && !C.isInvariant(R.Base) && !R.Base->getType()->isArrayType() &&
        (R.Write || AnyWrite)) {
      Out.Blocker = What + " goes through the pointer '" +
                    R.Base->getNameAsString() + "', which changes in the loop";
      Out.BlockerLoc = R.Access->getBeginLoc();
      return Out;
    }
    if (R.Access->getType().isVolatileQualified()) {
      Out.Blocker = What + " is volatile";
      Out.BlockerLoc = R.Access->getBeginLoc();
      return Out;
    }
  }

  // A reduction into an element: the element is the accumulator's, and no
  // other access to its variable touches it (elementReductions proved it).
  if (FindElementReductions)
    Out.Elements = elementReductions(L, M, C);
  auto Reduced = [&](const MemRef &R) {
    return llvm::any_of(Out.Elements, [&](const ElementReduction &E) {
      return llvm::is_contained(E.Uses, R.Access);
    });
  };

  std::optional<int64_t> Trip = tripCount(C.Vars.front());
  std::set<std::pair<const VarDecl *, const VarDecl *>> Checked;
  for (const MemRef &W : M.Refs) {
    if (!W.Write)
      continue;
    for (const MemRef &R : M.Refs) {
      if (R.Base == W.Base) {
        if (Reduced(W) || Reduced(R))
          continue;
        if (std::optional<Dependence> D = testPair(W, R, C, Trip))
          if (refine(*D, C))
            Out.Deps.push_back(*D);
        continue;
      }
      if (mayAlias(W.Base, R.Base) == Alias::Never)
        continue;
      auto Key = std::minmax(W.Base, R.Base);
      if (!Checked.insert(Key).second)
        continue;
      OverlapCheck Check;
      // restrict on the written pointer alone settles the pair.
      if (const auto *PV = dyn_cast<ParmVarDecl>(W.Base); PV && PV->getType()->isPointerType())
        Out.RestrictCandidates.push_back(PV);
      if (extentOf(W.Base, M.Refs, C, Check.A) && extentOf(R.Base, M.Refs, C, Check.B))
        Out.Checks.push_back(Check);
      else
        Out.Deps.push_back(Dependence{&W, &R, false, std::nullopt});
    }
  }
  // Report proven dependences first, then those within one variable, then
  // possible overlaps of two pointers.
  std::vector<Dependence> Ordered;
  for (int Rank = 0; Rank < 3; ++Rank)
    for (const Dependence &D : Out.Deps)
      if ((D.Proven ? 0 : D.Write->Base == D.Other->Base ? 1 : 2) == Rank)
        Ordered.push_back(D);
  Out.Deps = std::move(Ordered);
  std::sort(Out.RestrictCandidates.begin(), Out.RestrictCandidates.end());
  Out.RestrictCandidates.erase(
      std::unique(Out.RestrictCandidates.begin(), Out.RestrictCandidates.end()),
      Out.RestrictCandidates.end());
  return Out;
}

} // namespace ppar
