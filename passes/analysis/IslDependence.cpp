//===- IslDependence.cpp --------------------------------------------------===//
//
// The model is written as isl's text (`[p0] -> { [d0] : exists (w0, r0 :
// 0 <= w0 <= p0 - 1 and ...) }`) and read back: the sets are small, and the
// text is what a reader of this file can check by hand. Names: w<k> and
// r<k> for loop k of the nest at the writing and at the other access,
// p<k> for the k-th parameter (a variable fixed while L runs, or a product
// of them), e<k> for the multiple of a loop's step.
//
//===----------------------------------------------------------------------===//

#include "analysis/IslDependence.h"
#include "clang/AST/ASTContext.h"
#include <algorithm>
#include <isl/ctx.h>
#include <isl/options.h>
#include <isl/point.h>
#include <isl/set.h>
#include <isl/val.h>
#include <memory>

using namespace clang;

namespace ppar {

namespace {

using Symbols = std::vector<const VarDecl *>;

/// The text of one pair's model; fails (nullopt) on what isl cannot take.
class PairModel {
public:
  explicit PairModel(const AffineNest &N) : N(N) {}

  std::string params() const {
    std::string S = "[";
    for (size_t I = 0; I < Params.size(); ++I)
      S += (I ? ", p" : "p") + std::to_string(I);
    return S + "] -> ";
  }

  std::string param(const Symbols &S) {
    auto It = std::find(Params.begin(), Params.end(), S);
    size_t I = It - Params.begin();
    if (It == Params.end())
      Params.push_back(S);
    return "p" + std::to_string(I);
  }

  /// A as text, its loop variables those of place P named Prefix<k>.
  std::optional<std::string> text(const Affine &A, char Prefix, const AccessPlace &P) {
    std::string S = std::to_string(A.Constant);
    for (const AffineTerm &T : A.Terms) {
      std::string Name;
      if (!T.LoopVar) {
        Name = param(T.Symbols);
      } else {
        std::optional<size_t> K = N.indexOf(T.LoopVar);
        if (!T.Symbols.empty() || !K ||
            std::find(P.Loops.begin(), P.Loops.end(), *K) == P.Loops.end())
          return std::nullopt; // i*n, or a loop not around the access
        Name = Prefix + std::to_string(*K);
      }
      S += (T.Coeff < 0 ? " - " : " + ") +
           std::to_string(T.Coeff < 0 ? -T.Coeff : T.Coeff) + "*" + Name;
    }
    return "(" + S + ")";
  }

  /// The iterations that run an access at P: its loops' ranges and steps,
  /// its conditions. Clears Exact for what it leaves out.
  std::vector<std::string> domain(const AccessPlace &P, char Prefix, bool &Exact) {
    std::vector<std::string> Out;
    // Each header reads only the variables of the loops around it.
    AccessPlace Outer;
    for (size_t K : P.Loops) {
      const NestVar &V = N.Vars[K];
      std::string Name = Prefix + std::to_string(K);
      std::optional<std::string> Lo, Hi;
      if (V.Lower)
        Lo = text(*V.Lower, Prefix, Outer);
      if (V.Upper)
        Hi = text(*V.Upper, Prefix, Outer);
      Outer.Loops.push_back(K);
      Exact &= Lo && Hi && V.ConstStep;
      if (Lo)
        Out.push_back(*Lo + " <= " + Name);
      if (Hi)
        Out.push_back(Name + " <= " + *Hi);
      if (!V.ConstStep || (*V.ConstStep >= -1 && *V.ConstStep <= 1))
        continue;
      // The variable is its first value plus a multiple of the step.
      const std::optional<std::string> &First = *V.ConstStep > 0 ? Lo : Hi;
      if (!First) {
        Exact = false;
        continue;
      }
      std::string E = "e" + std::to_string(Exists.size());
      Exists.push_back(E);
      int64_t Step = *V.ConstStep;
      Out.push_back(Name + " = " + *First + (Step < 0 ? " - " : " + ") +
                    std::to_string(Step < 0 ? -Step : Step) + "*" + E);
    }
    for (const AccessPlace::Condition &If : P.Conditions) {
      AccessPlace Around;
      Around.Loops.assign(P.Loops.begin(), P.Loops.begin() + If.Depth);
      std::optional<std::string> C = condition(If.Cond, !If.Then, Prefix, Around);
      if (C)
        Out.push_back(*C);
      Exact &= C.has_value();
    }
    return Out;
  }

  /// Subscripts AW (at PW) and AR (at PR) denote the same element. A
  /// flattened one `y + S*x` is split at the smallest factor S of a loop
  /// variable: the equations of x and of y, and the obligation that y stays
  /// in [0, S) (Bad: the text of its failure).
  bool equal(Affine AW, Affine AR, const AccessPlace &PW, const AccessPlace &PR,
             std::vector<std::string> &Eq, std::vector<std::string> &Bad) {
    while (true) {
      std::optional<Symbols> S;
      for (const Affine *A : {&AW, &AR})
        for (const AffineTerm &T : A->Terms)
          if (T.LoopVar && !T.Symbols.empty() && (!S || T.Symbols.size() < S->size()))
            S = T.Symbols;
      if (!S) {
        std::optional<std::string> W = text(AW, 'w', PW), R = text(AR, 'r', PR);
        if (!W || !R)
          return false;
        Eq.push_back(*W + " = " + *R);
        return true;
      }
      auto [RowW, ColW] = splitBy(AW, *S);
      auto [RowR, ColR] = splitBy(AR, *S);
      std::optional<std::string> W = text(ColW, 'w', PW), R = text(ColR, 'r', PR);
      if (!W || !R)
        return false;
      std::string Size = param(*S);
      Eq.push_back(*W + " = " + *R);
      for (const std::string &C : {*W, *R})
        Bad.push_back(C + " < 0 or " + C + " >= " + Size);
      AW = RowW;
      AR = RowR;
    }
  }

  std::vector<std::string> Exists;

private:
  /// The text of condition E (negated when Neg), when affine.
  std::optional<std::string> condition(const Expr *E, bool Neg, char Prefix,
                                       const AccessPlace &P) {
    E = E->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot)
      return condition(UO->getSubExpr(), !Neg, Prefix, P);
    const auto *BO = dyn_cast<BinaryOperator>(E);
    if (!BO)
      return std::nullopt;
    if (BO->isLogicalOp()) {
      std::optional<std::string> L = condition(BO->getLHS(), Neg, Prefix, P);
      std::optional<std::string> R = condition(BO->getRHS(), Neg, Prefix, P);
      if (!L || !R)
        return std::nullopt;
      bool And = (BO->getOpcode() == BO_LAnd) != Neg;
      return "(" + *L + (And ? " and " : " or ") + *R + ")";
    }
    if (!BO->isComparisonOp())
      return std::nullopt;
    // Unsigned comparisons wrap around, which isl's integers do not.
    for (const Expr *Side : {BO->getLHS(), BO->getRHS()})
      if (!Side->getType()->isSignedIntegerType())
        return std::nullopt;
    std::optional<Affine> LA = N.affine(BO->getLHS()), RA = N.affine(BO->getRHS());
    if (!LA || !RA)
      return std::nullopt;
    std::optional<std::string> L = text(*LA, Prefix, P), R = text(*RA, Prefix, P);
    if (!L || !R)
      return std::nullopt;
    BinaryOperatorKind Op = BO->getOpcode();
    if (Neg)
      Op = BinaryOperator::negateComparisonOp(Op);
    switch (Op) {
    case BO_LT: return *L + " < " + *R;
    case BO_LE: return *L + " <= " + *R;
    case BO_GT: return *L + " > " + *R;
    case BO_GE: return *L + " >= " + *R;
    case BO_EQ: return *L + " = " + *R;
    default:    return "(" + *L + " < " + *R + " or " + *L + " > " + *R + ")";
    }
  }

  const AffineNest &N;
  std::vector<Symbols> Params;
};

std::string join(const std::vector<std::string> &Parts, const char *Sep) {
  std::string S;
  for (const std::string &P : Parts)
    S += (S.empty() ? "" : Sep) + P;
  return S.empty() ? "0 = 0" : S;
}

struct IslCtxDeleter {
  void operator()(isl_ctx *C) const { isl_ctx_free(C); }
};
struct IslSetDeleter {
  void operator()(isl_set *S) const { isl_set_free(S); }
};
using Set = std::unique_ptr<isl_set, IslSetDeleter>;

Set copy(const Set &S) { return Set(isl_set_copy(S.get())); }

/// -1: isl failed; 0: S has a point; 1: S is empty.
int emptiness(Set S) {
  if (!S)
    return -1;
  isl_bool B = isl_set_is_empty(S.get());
  return B == isl_bool_error ? -1 : B == isl_bool_true;
}

/// Whether D has a point whose distance K is at least (Lo) or at most
/// (!Lo) X, or exactly X (Eq): -1 when isl failed.
int hasPoint(const Set &D, unsigned K, long X, bool Lo, bool Eq = false) {
  isl_set *S = isl_set_copy(D.get());
  S = Eq   ? isl_set_fix_si(S, isl_dim_set, K, X)
      : Lo ? isl_set_lower_bound_si(S, isl_dim_set, K, X)
           : isl_set_upper_bound_si(S, isl_dim_set, K, X);
  int E = emptiness(Set(S));
  return E < 0 ? -1 : !E;
}

/// The signs and, when constant, the value of each distance in D.
bool describe(const Set &D, unsigned Dims, IslVerdict &V) {
  for (unsigned K = 0; K < Dims; ++K) {
    int P = hasPoint(D, K, 1, true), Z = hasPoint(D, K, 0, true, true),
        N = hasPoint(D, K, -1, false);
    if (P < 0 || Z < 0 || N < 0)
      return false;
    V.Direction.push_back(P && N ? "*" : Z ? (P ? "<=" : N ? ">=" : "=") : P ? "<" : ">");
    bool Wanted = V.Distance.size() == K; // all constant so far, or L's
    if (!Wanted || (P && N) || (Z && (P || N)))
      continue;
    long X = 0;
    if (!Z) {
      // One sign: a sample's value, if no point has another.
      isl_point *Pt = isl_set_sample_point(isl_set_copy(D.get()));
      isl_val *Val = Pt ? isl_point_get_coordinate_val(Pt, isl_dim_set, K) : nullptr;
      X = Val && isl_val_is_int(Val) ? isl_val_get_num_si(Val) : 0;
      isl_val_free(Val);
      isl_point_free(Pt);
      if (X == 0 || hasPoint(D, K, X + 1, true) != 0 || hasPoint(D, K, X - 1, false) != 0)
        continue;
    }
    V.Distance.push_back(X);
    if (K == 0)
      V.Outer = X;
  }
  if (V.Distance.size() != Dims)
    V.Distance.clear();
  return true;
}

/// The exact test of W against R: whether two different iterations of L
/// touch one element through them (Carried, with the vector), or, with
/// AnyIteration, whether any iterations do, the same one included
/// (Independent when none does, else Unknown).
IslVerdict testPair(const AffineNest &N, const MemRef &W, const MemRef &R, bool AnyIteration) {
  IslVerdict V;
  if (W.Subscripts.empty() || R.Subscripts.empty() || !W.Base || W.Base != R.Base)
    return V;
  std::optional<std::vector<Affine>> SW = N.subscripts(W), SR = N.subscripts(R);
  if (!SW || !SR || SW->size() != SR->size() ||
      (SW->size() > 1 && !rowsAreArrays(W.Base)))
    return V;
  AccessPlace PW = N.place(W.Access), PR = N.place(R.Access);
  if (PW.Loops.empty() || PR.Loops.empty() || PW.Loops[0] != 0 || PR.Loops[0] != 0)
    return V;
  PairModel M(N);
  bool Exact = PW.Exact && PR.Exact;
  std::vector<std::string> Run = M.domain(PW, 'w', Exact);
  for (std::string &C : M.domain(PR, 'r', Exact))
    Run.push_back(std::move(C));
  std::vector<std::string> Eq, Bad;
  for (size_t D = 0; D < SW->size(); ++D)
    if (!M.equal((*SW)[D], (*SR)[D], PW, PR, Eq, Bad))
      return V;

  // The names every set quantifies over, and the loops around both.
  std::vector<std::string> Names;
  for (size_t K : PW.Loops)
    Names.push_back("w" + std::to_string(K));
  for (size_t K : PR.Loops)
    Names.push_back("r" + std::to_string(K));
  for (const std::string &E : M.Exists)
    Names.push_back(E);
  std::vector<size_t> Common;
  for (size_t I = 0; I < PW.Loops.size() && I < PR.Loops.size() && PW.Loops[I] == PR.Loops[I]; ++I)
    Common.push_back(PW.Loops[I]);

  std::unique_ptr<isl_ctx, IslCtxDeleter> Ctx(isl_ctx_alloc());
  isl_options_set_on_error(Ctx.get(), ISL_ON_ERROR_CONTINUE);
  isl_ctx_set_max_operations(Ctx.get(), 200000);
  std::string Params = M.params(), Vars = join(Names, ", ");
  std::string Runs = join(Run, " and ");
  auto Read = [&](const std::string &Text) {
    return Set(isl_set_read_from_str(Ctx.get(), Text.c_str()));
  };
  // A flattened subscript must stay within its row wherever both run.
  if (!Bad.empty() &&
      emptiness(Read(Params + "{ [" + Vars + "] : " + Runs + " and (" +
                     join(Bad, " or ") + ") }")) != 1)
    return V;

  if (AnyIteration) {
    if (emptiness(Read(Params + "{ [] : exists (" + Vars + " : " + Runs + " and " +
                       join(Eq, " and ") + ") }")) == 1)
      V.Result = IslVerdict::Kind::Independent;
    return V;
  }

  // Pairs in different iterations of L, from the earlier to the later.
  std::string Ds;
  for (size_t I = 0; I < Common.size(); ++I)
    Ds += (I ? ", d" : "d") + std::to_string(I);
  auto Carried = [&](char From, char To) {
    std::string S = Params + "{ [" + Ds + "] : exists (" + Vars + " : " + Runs +
                    " and " + join(Eq, " and ") + " and " + From + "0 < " + To + "0";
    for (size_t I = 0; I < Common.size(); ++I)
      S += " and d" + std::to_string(I) + " = " + To + std::to_string(Common[I]) +
           " - " + From + std::to_string(Common[I]);
    return Read(S + ") }");
  };
  Set Forward = Carried('w', 'r'), Backward = Carried('r', 'w');
  if (!Forward || !Backward)
    return V;
  Set D(isl_set_union(Forward.release(), Backward.release()));
  int Empty = emptiness(copy(D));
  if (Empty < 0)
    return V;
  if (Empty == 1) {
    V.Result = IslVerdict::Kind::Independent;
    return V;
  }
  if (!describe(D, Common.size(), V))
    return IslVerdict{};
  V.Result = IslVerdict::Kind::Carried;
  // Proven: whenever two iterations of L run the accesses, a pair exists.
  if (Exact) {
    Set Twice = Read(Params + "{ [] : exists (" + Vars + " : " + Runs +
                     " and (w0 < r0 or w0 > r0)) }");
    Set Some(D ? isl_set_params(copy(D).release()) : nullptr);
    Set RunParams(Twice ? isl_set_params(Twice.release()) : nullptr);
    isl_bool Sub = RunParams && Some ? isl_set_is_subset(RunParams.get(), Some.get())
                                     : isl_bool_error;
    V.Exact = Sub == isl_bool_true;
  }
  return V;
}

} // namespace

IslVerdict islDependence(const AffineNest &N, const MemRef &W, const MemRef &R) {
  return testPair(N, W, R, /*AnyIteration=*/false);
}

bool islNeverSame(const AffineNest &N, const MemRef &A, const MemRef &B) {
  return testPair(N, A, B, /*AnyIteration=*/true).Result == IslVerdict::Kind::Independent;
}

} // namespace ppar
