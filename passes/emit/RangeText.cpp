//===- RangeText.cpp ------------------------------------------------------===//

#include "emit/RangeText.h"
#include "analysis/MemberVars.h"
#include "emit/abi/Loops.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/PrettyPrinter.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace ppar {

static std::string name(const VarDecl *V) { return V->getNameAsString(); }

/// The least or greatest of the candidates: one of them, or
/// `min(a, min(b, c))` when the signs are not known.
static std::string extreme(bool Max, const std::vector<Affine> &Candidates) {
  std::string S = Candidates.back().str(name);
  for (size_t I = Candidates.size() - 1; I-- > 0;)
    S = Max ? abi::max(Candidates[I].str(name), S) : abi::min(Candidates[I].str(name), S);
  return S;
}

/// The base of a range: its variable, or for a member through a pointer
/// (`p->v`) `(p ? p->v : 0)`: the range is computed before the loop, which
/// may run no iteration when p is null.
static std::string baseText(const VarDecl *V) {
  if (const MemberOf *M = memberOf(V); M && M->Arrow)
    return "(" + M->Base->getNameAsString() + " ? " + name(V) + " : 0)";
  return name(V);
}

static std::string element(const ByteRange &R, bool Max) {
  std::string S = "&" + baseText(R.Base);
  for (const std::vector<Affine> &Candidates : Max ? R.Most : R.Least)
    S += "[" + extreme(Max, Candidates) + "]";
  return S;
}

std::string rangeRunsText(const ByteRange &R) {
  if (!R.testsRuns())
    return "1";
  std::string S;
  for (const auto &[Lo, Hi] : R.Runs)
    S += (S.empty() ? "" : " && ") + ("(" + Hi.str(name) + ") >= (" + Lo.str(name) + ")");
  return S.empty() ? "1" : "(" + S + ")";
}

std::string rangeLoText(const ByteRange &R) { return element(R, false); }

std::string rangeHiText(const ByteRange &R) { return element(R, true) + " + 1"; }

std::string overlapCheckText(const OverlapCheck &C) {
  return abi::disjoint(rangeLoText(C.A), rangeHiText(C.A), rangeLoText(C.B),
                       rangeHiText(C.B));
}

std::string wrapGuardText(const WrapGuard &G) {
  std::string Bound;
  llvm::raw_string_ostream OS(Bound);
  G.Bound->printPretty(OS, nullptr, PrintingPolicy(G.Var->getASTContext().getLangOpts()));
  return "(" + G.Compared.getAsString() + ")(" + Bound + ") " + (G.Up ? "<=" : ">=") +
         " " + toString(G.Limit, 10) +
         (G.Compared->isUnsignedIntegerType() ? "ULL" : "LL");
}

std::string regionText(const WrittenRegion &R) {
  const ASTContext &Ctx = R.Range.Base->getASTContext();
  QualType T = R.Element;
  abi::RegionKind Kind = T->isRealFloatingType()      ? abi::RegionKind::Float
                         : T->isSignedIntegerType()   ? abi::RegionKind::Signed
                         : T->isUnsignedIntegerType() ? abi::RegionKind::Unsigned
                                                      : abi::RegionKind::Other;
  return abi::region(rangeLoText(R.Range), rangeHiText(R.Range), Kind,
                     Ctx.getTypeSizeInChars(T).getQuantity(), R.Range.Base->getName());
}

/// One loop's count of iterations (TripEstimate) as C: `n - 2`, or the
/// greater of two for a triangular loop.
std::string countText(const TripEstimate &E) {
  auto Name = [](const clang::VarDecl *V) { return V->getNameAsString(); };
  std::string Count;
  for (const Affine &Span : E.Spans) {
    Affine One;
    One.Constant = 1;
    std::string C = E.Step == 1 ? (Span + One).str(Name)
                                : "(" + Span.str(Name) + ") / " + std::to_string(E.Step) + " + 1";
    Count = Count.empty() ? C : abi::max(C, Count);
  }
  return Count;
}

std::string productText(const std::vector<TripEstimate> &Counts) {
  std::string Product;
  for (const TripEstimate &E : Counts)
    Product += (Product.empty() ? "(double)" : " * (double)") + abi::max(countText(E), "0");
  return Product;
}

/// Whether the loop's nest has at least Min iterations, as a C condition:
/// `n >= 4096`, or a product of counts (none below zero) in `double`.
std::string enoughWorkText(const std::vector<TripEstimate> &Work, uint64_t Min) {
  if (Work.size() == 1)
    return countText(Work.front()) + " >= " + std::to_string(Min);
  return productText(Work) + " >= " + std::to_string(Min) + ".0";
}

std::vector<std::string> cpuLoopConditions(const ParallelLoop &L) {
  std::vector<std::string> Out = loopConditions(L);
  if (!L.Work.empty())
    Out.push_back(enoughWorkText(L.Work, L.MinWork));
  return Out;
}

std::string tripCountText(BinaryOperatorKind Cmp, int64_t Step, const std::string &Lo,
                          const std::string &B) {
  int64_t A = Step < 0 ? -Step : Step;
  std::string SA = std::to_string(A);
  switch (Cmp) {
  case BO_LT:
    return Lo + " < " + B + " ? (" + B + " - " + Lo + " + " + std::to_string(A - 1) + ") / " + SA + " : 0";
  case BO_LE:
    return Lo + " <= " + B + " ? (" + B + " - " + Lo + ") / " + SA + " + 1 : 0";
  case BO_GT:
    return Lo + " > " + B + " ? (" + Lo + " - " + B + " + " + std::to_string(A - 1) + ") / " + SA + " : 0";
  case BO_GE:
    return Lo + " >= " + B + " ? (" + Lo + " - " + B + ") / " + SA + " + 1 : 0";
  default: // BO_NE, with a step of 1 or -1
    return Step > 0 ? B + " > " + Lo + " ? " + B + " - " + Lo + " : 0"
                    : Lo + " > " + B + " ? " + Lo + " - " + B + " : 0";
  }
}

std::vector<std::string> loopConditions(const ParallelLoop &L) {
  std::vector<std::string> Out;
  if (L.Shape.Wrap)
    Out.push_back(wrapGuardText(*L.Shape.Wrap));
  for (const OverlapCheck &C : L.Checks)
    Out.push_back(overlapCheckText(C));
  return Out;
}

std::vector<std::string> writtenRegionTexts(const ParallelLoop &L) {
  std::vector<std::string> Out;
  for (const WrittenRegion &R : L.Written)
    Out.push_back(regionText(R));
  return Out;
}

} // namespace ppar
