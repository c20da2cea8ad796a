//===- HostCodeCopies.cpp -------------------------------------------------===//

#include "emit/cuda/HostCodeCopies.h"
#include "emit/abi/Gpu.h"
#include "emit/cuda/TransferReport.h"
#include "emit/cuda/TransferText.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace ppar {

namespace {

/// The byte ranges of R as C bounds, lower and upper in turn.
std::vector<std::pair<std::string, std::string>> rangeBounds(const HostUseRange &R,
                                                             const GpuPlan &P,
                                                             const ASTContext &Ctx) {
  if (R.Element) {
    std::string L = hostText(R.Element, Ctx);
    return {{"(const void *)&(" + L + ")", "(const void *)(&(" + L + ") + 1)"}};
  }
  std::vector<std::pair<std::string, std::string>> Out;
  for (const Transfer &T : P.Transfers)
    if (T.Var == R.Var) {
      auto B = boundsText(T.Range);
      if (!llvm::is_contained(Out, B))
        Out.push_back(B);
    }
  return Out;
}

std::string name(const VarDecl *V) { return V->getNameAsString(); }

/// The element type of V after Dims subscripts.
QualType elementType(QualType T, size_t Dims) {
  for (size_t D = 0; D < Dims; ++D) {
    if (const auto *P = T->getAs<PointerType>())
      T = P->getPointeeType();
    else if (const ArrayType *A = T->getAsArrayTypeUnsafe())
      T = A->getElementType();
    else
      break;
  }
  return T;
}

/// `(n - 2) * 8 bytes` for all of V's registered ranges, when the loops'
/// subscripts give one box; else the extents the transfer plan prints.
std::string wholeBytes(const VarDecl *V, const GpuPlan &P, const ASTContext &Ctx) {
  std::vector<const Transfer *> Mine;
  for (const Transfer &T : P.Transfers)
    if (T.Var == V)
      Mine.push_back(&T);
  if (Mine.size() == 1 && Mine[0]->Range.Source == TransferRange::From::WholeObject &&
      V->getType()->isConstantSizeType())
    return std::to_string(Ctx.getTypeSizeInChars(V->getType()).getQuantity()) + " bytes";
  std::string Extents;
  for (const TransferSummary &S : summarizeTransfers(P))
    if (S.Var == V)
      Extents = llvm::join(S.Extents, ", ");
  // One box when every kernel's subscripts give the same bounds.
  const ByteRange *Box = nullptr;
  for (const Transfer *T : Mine) {
    const TransferRange &R = T->Range;
    if (R.Source != TransferRange::From::Subscripts || !R.Touch || !R.Touch->Known)
      return "all of " + Extents;
    const ByteRange &B = R.Touch->Range;
    for (size_t D = 0; D < B.Least.size(); ++D)
      if (B.Least[D].size() != 1 || B.Most[D].size() != 1)
        return "all of " + Extents;
    if (!Box) {
      Box = &B;
      continue;
    }
    if (Box->Least.size() != B.Least.size())
      return "all of " + Extents;
    for (size_t D = 0; D < B.Least.size(); ++D)
      if (!(Box->Least[D][0] == B.Least[D][0]) || !(Box->Most[D][0] == B.Most[D][0]))
        return "all of " + Extents;
  }
  if (!Box)
    return "all of " + Extents;
  QualType Elem = elementType(V->getType(), Box->Least.size());
  if (Elem->isIncompleteType() || !Elem->isConstantSizeType())
    return "all of " + Extents;
  int64_t Constant = Ctx.getTypeSizeInChars(Elem).getQuantity();
  std::vector<std::string> Factors;
  for (size_t D = 0; D < Box->Least.size(); ++D) {
    Affine Count = Box->Most[D][0] - Box->Least[D][0];
    Count.Constant += 1;
    if (Count.Terms.empty()) {
      Constant *= Count.Constant;
      continue;
    }
    std::string Text = Count.str(name);
    bool Bare = Count.Constant == 0 && Count.Terms.size() == 1 && Count.Terms[0].Coeff == 1 &&
                Count.Terms[0].Symbols.size() <= 1;
    Factors.push_back(Bare ? Text : "(" + Text + ")");
  }
  Factors.push_back(std::to_string(Constant));
  return "all of " + Extents + ", " + llvm::join(Factors, " * ") + " bytes";
}

} // namespace

HostUseText hostUseText(const HostUse &U, const GpuPlan &P, const std::string &Call,
                        const std::string &Fallback, const ASTContext &Ctx) {
  std::vector<std::string> Back;
  std::string After;
  for (const HostUseRange &R : U.Ranges)
    for (const auto &[Lo, Hi] : rangeBounds(R, P, Ctx)) {
      Back.push_back(abi::gpuToHost(Call, Lo, Hi));
      if (R.Written)
        After += abi::gpuToDevice(Call, Lo, Hi) + "; ";
    }
  HostUseText Out;
  Out.Before = "if (" + llvm::join(Back, " || ") + ") { " + abi::gpuEnd(Call) + "; " +
               Fallback + " } ";
  Out.After = After.empty() ? "" : " " + After.substr(0, After.size() - 1);
  if (U.Braces) {
    Out.Before = "{ " + Out.Before;
    Out.After += " }";
  }
  return Out;
}

std::vector<std::string> hostUseMessages(const HostUse &U, const GpuPlan &P,
                                         const std::string &Fn, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Line =
      std::to_string(SM.getPresumedLineNumber(SM.getExpansionLoc(U.S->getBeginLoc())));
  std::vector<std::string> Out;
  std::vector<const VarDecl *> Seen;
  for (const HostUseRange &First : U.Ranges) {
    if (llvm::is_contained(Seen, First.Var))
      continue;
    const VarDecl *V = First.Var;
    Seen.push_back(V);
    bool Read = false, Written = false, Whole = false;
    int64_t Bytes = 0;
    std::vector<std::string> Elements;
    for (const HostUseRange &R : U.Ranges) {
      if (R.Var != V)
        continue;
      Read |= R.Read, Written |= R.Written;
      if (!R.Element) {
        Whole = true;
        continue;
      }
      Bytes += Ctx.getTypeSizeInChars(R.Element->getType()).getQuantity();
      Elements.push_back(hostText(R.Element, Ctx));
    }
    std::string Size = Whole ? wholeBytes(V, P, Ctx)
                             : std::to_string(Bytes) + " bytes: " + llvm::join(Elements, ", ");
    std::string Does = Read && Written ? "reads and writes" : Written ? "writes" : "reads";
    if (First.Alias) { // not the kernels' variable: copied only where it aliases
      Out.push_back("'" + Fn + "' copies what '" + name(V) + "' points to back to the host "
                    "before line " + Line + (Written ? " and to the GPU after it" : "") +
                    " where it lies in data on the GPU (" + Size + "), because the host "
                    "code here " + Does + " it and '" + name(V) + "' may point into that data");
      continue;
    }
    Out.push_back("'" + Fn + "' copies '" + name(V) + "' back to the host before line " + Line +
                  (Written ? " and to the GPU after it" : "") + " (" + Size +
                  "), because the host code here " + Does + " it");
  }
  return Out;
}

} // namespace ppar
