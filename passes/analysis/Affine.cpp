//===- Affine.cpp ---------------------------------------------------------===//

#include "analysis/Affine.h"
#include <algorithm>
#include <iterator>
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <tuple>

using namespace clang;

namespace ppar {

static bool sameFactors(const AffineTerm &A, const AffineTerm &B) {
  return A.LoopVar == B.LoopVar && A.Symbols == B.Symbols;
}

static bool termLess(const AffineTerm &A, const AffineTerm &B) {
  return std::tie(A.LoopVar, A.Symbols) < std::tie(B.LoopVar, B.Symbols);
}

/// Sorts, merges equal factors, drops zeros.
static Affine normalised(Affine A) {
  for (AffineTerm &T : A.Terms)
    std::sort(T.Symbols.begin(), T.Symbols.end());
  std::sort(A.Terms.begin(), A.Terms.end(), termLess);
  std::vector<AffineTerm> Merged;
  for (const AffineTerm &T : A.Terms) {
    if (!Merged.empty() && sameFactors(Merged.back(), T))
      Merged.back().Coeff += T.Coeff;
    else
      Merged.push_back(T);
  }
  A.Terms.clear();
  for (const AffineTerm &T : Merged) {
    if (!T.LoopVar && T.Symbols.empty())
      A.Constant += T.Coeff; // a term with no factor is a constant
    else if (T.Coeff != 0)
      A.Terms.push_back(T);
  }
  return A;
}

std::optional<int64_t> Affine::coeffOf(const VarDecl *V) const {
  int64_t C = 0;
  for (const AffineTerm &T : Terms)
    if (T.LoopVar == V) {
      if (!T.Symbols.empty())
        return std::nullopt;
      C += T.Coeff;
    }
  return C;
}

bool Affine::mentions(const VarDecl *V) const {
  for (const AffineTerm &T : Terms)
    if (T.LoopVar == V ||
        std::find(T.Symbols.begin(), T.Symbols.end(), V) != T.Symbols.end())
      return true;
  return false;
}

bool Affine::hasLoopVars() const {
  for (const AffineTerm &T : Terms)
    if (T.LoopVar)
      return true;
  return false;
}

std::vector<AffineTerm> Affine::invariantTerms() const {
  std::vector<AffineTerm> R;
  for (const AffineTerm &T : Terms)
    if (!T.LoopVar)
      R.push_back(T);
  return R;
}

Affine Affine::operator+(const Affine &O) const {
  Affine R = *this;
  R.Constant += O.Constant;
  R.Terms.insert(R.Terms.end(), O.Terms.begin(), O.Terms.end());
  return normalised(R);
}

Affine Affine::scaled(int64_t K) const {
  Affine R = *this;
  R.Constant *= K;
  for (AffineTerm &T : R.Terms)
    T.Coeff *= K;
  return normalised(R);
}

Affine Affine::operator-(const Affine &O) const { return *this + O.scaled(-1); }

bool Affine::operator==(const Affine &O) const {
  if (Constant != O.Constant || Terms.size() != O.Terms.size())
    return false;
  for (size_t I = 0; I < Terms.size(); ++I)
    if (Terms[I].Coeff != O.Terms[I].Coeff || !sameFactors(Terms[I], O.Terms[I]))
      return false;
  return true;
}

std::string
Affine::str(llvm::function_ref<std::string(const VarDecl *)> Name) const {
  std::string S;
  for (const AffineTerm &T : Terms) {
    std::string Factors;
    if (T.LoopVar)
      Factors = Name(T.LoopVar);
    for (const VarDecl *Sym : T.Symbols)
      Factors += (Factors.empty() ? "" : "*") + Name(Sym);
    int64_t C = T.Coeff;
    if (!S.empty())
      S += C < 0 ? " - " : " + ";
    else if (C < 0)
      S += "-";
    int64_t Abs = C < 0 ? -C : C;
    S += Abs == 1 ? Factors : std::to_string(Abs) + "*" + Factors;
  }
  if (S.empty())
    return std::to_string(Constant);
  if (Constant)
    S += (Constant < 0 ? " - " : " + ") +
         std::to_string(Constant < 0 ? -Constant : Constant);
  return S;
}

namespace {
struct Reader {
  const ASTContext &Ctx;
  llvm::function_ref<bool(const VarDecl *)> IsLoopVar;
  llvm::function_ref<bool(const VarDecl *)> IsInvariant;
  llvm::function_ref<std::optional<Affine>(const VarDecl *)> Substitute;

  std::optional<Affine> read(const Expr *E) {
    E = E->IgnoreParens();
    Expr::EvalResult R;
    if (!E->isValueDependent() && E->EvaluateAsInt(R, Ctx)) {
      if (R.Val.getInt().getSignificantBits() > 63)
        return std::nullopt;
      Affine A;
      A.Constant = R.Val.getInt().getExtValue();
      return A;
    }
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      CastKind K = Cast->getCastKind();
      if (K == CK_LValueToRValue || K == CK_IntegralCast || K == CK_NoOp)
        return read(Cast->getSubExpr());
      return std::nullopt;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!V || !V->getType()->isIntegerType())
        return std::nullopt;
      AffineTerm T;
      T.Coeff = 1;
      if (IsLoopVar(V)) {
        T.LoopVar = V;
      } else if (IsInvariant(V) && !V->getType().isVolatileQualified()) {
        // An invariant with a known definition (a fixed local) reads as it.
        if (Substitute)
          if (std::optional<Affine> D = Substitute(V))
            return D;
        T.Symbols.push_back(V);
      } else if (Substitute)
        return Substitute(V);
      else
        return std::nullopt;
      Affine A;
      A.Terms.push_back(T);
      return A;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() == UO_Minus)
        if (auto A = read(UO->getSubExpr()))
          return A->scaled(-1);
      if (UO->getOpcode() == UO_Plus)
        return read(UO->getSubExpr());
      return std::nullopt;
    }
    const auto *BO = dyn_cast<BinaryOperator>(E);
    if (!BO)
      return std::nullopt;
    std::optional<Affine> L = read(BO->getLHS());
    if (!L)
      return std::nullopt;
    std::optional<Affine> R2 = read(BO->getRHS());
    if (!R2)
      return std::nullopt;
    switch (BO->getOpcode()) {
    case BO_Add:
      return *L + *R2;
    case BO_Sub:
      return *L - *R2;
    case BO_Mul:
      return ppar::multiply(*L, *R2);
    default:
      return std::nullopt;
    }
  }

};
} // namespace

std::optional<Affine>
toAffine(const Expr *E, const ASTContext &Ctx,
         llvm::function_ref<bool(const VarDecl *)> IsLoopVar,
         llvm::function_ref<bool(const VarDecl *)> IsInvariant) {
  return toAffine(E, Ctx, IsLoopVar, IsInvariant, nullptr);
}

std::optional<Affine>
toAffine(const Expr *E, const ASTContext &Ctx,
         llvm::function_ref<bool(const VarDecl *)> IsLoopVar,
         llvm::function_ref<bool(const VarDecl *)> IsInvariant,
         llvm::function_ref<std::optional<Affine>(const VarDecl *)> Substitute) {
  if (!E || !E->getType()->isIntegerType())
    return std::nullopt;
  Reader R{Ctx, IsLoopVar, IsInvariant, Substitute};
  std::optional<Affine> A = R.read(E);
  if (A)
    *A = normalised(*A);
  return A;
}

std::optional<Affine> multiply(const Affine &A, const Affine &B) {
  // Each pair of terms may carry at most one loop variable.
  Affine R;
  R.Constant = A.Constant * B.Constant;
  for (const AffineTerm &T : A.Terms)
    R.Terms.push_back({T.Coeff * B.Constant, T.LoopVar, T.Symbols});
  for (const AffineTerm &T : B.Terms)
    R.Terms.push_back({T.Coeff * A.Constant, T.LoopVar, T.Symbols});
  for (const AffineTerm &X : A.Terms)
    for (const AffineTerm &Y : B.Terms) {
      if (X.LoopVar && Y.LoopVar)
        return std::nullopt;
      AffineTerm T{X.Coeff * Y.Coeff, X.LoopVar ? X.LoopVar : Y.LoopVar,
                   X.Symbols};
      T.Symbols.insert(T.Symbols.end(), Y.Symbols.begin(), Y.Symbols.end());
      R.Terms.push_back(T);
    }
  return normalised(R);
}

std::optional<Affine> substitute(const Affine &A, const VarDecl *V,
                                 const Affine &Value) {
  Affine R;
  R.Constant = A.Constant;
  for (const AffineTerm &T : A.Terms) {
    Affine Term;
    Term.Terms.push_back(T);
    AffineTerm &Rest = Term.Terms.front();
    // V's place in the term: its loop variable, or one factor of its
    // symbols (a function's parameter read at a call).
    auto Symbol = llvm::find(Rest.Symbols, V);
    if (Rest.LoopVar == V)
      Rest.LoopVar = nullptr;
    else if (Symbol != Rest.Symbols.end())
      Rest.Symbols.erase(Symbol);
    else {
      R = R + Term;
      continue;
    }
    std::optional<Affine> P = multiply(Term, Value);
    if (P && P->mentions(V) && !Value.mentions(V))
      P = substitute(*P, V, Value); // V twice in one product
    if (!P)
      return std::nullopt;
    R = R + *P;
  }
  return R;
}

std::pair<Affine, Affine> splitBy(const Affine &A,
                                  const std::vector<const VarDecl *> &S) {
  Affine Row, Col;
  Col.Constant = A.Constant;
  for (const AffineTerm &T : A.Terms) {
    Affine One;
    if (std::includes(T.Symbols.begin(), T.Symbols.end(), S.begin(), S.end())) {
      AffineTerm Q{T.Coeff, T.LoopVar, {}};
      std::set_difference(T.Symbols.begin(), T.Symbols.end(), S.begin(), S.end(),
                          std::back_inserter(Q.Symbols));
      if (!Q.LoopVar && Q.Symbols.empty())
        One.Constant = Q.Coeff;
      else
        One.Terms.push_back(Q);
      Row = Row + One;
    } else {
      One.Terms.push_back(T);
      Col = Col + One;
    }
  }
  return {Row, Col};
}

std::vector<Affine> extremes(const std::vector<Affine> &Candidates, bool Least) {
  std::vector<Affine> Out;
  for (const Affine &A : Candidates) {
    auto Same = llvm::find_if(Out, [&](const Affine &B) { return (A - B).Terms.empty(); });
    if (Same == Out.end())
      Out.push_back(A);
    else if (Least ? A.Constant < Same->Constant : A.Constant > Same->Constant)
      *Same = A;
  }
  return Out;
}

} // namespace ppar
