//===- TransferReport.cpp -------------------------------------------------===//

#include "emit/cuda/TransferReport.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace ppar {

namespace {

std::string name(const VarDecl *V) { return V->getNameAsString(); }

/// `lo` or `min(lo1, lo2)` over the candidates of one bound.
std::string boundText(const std::vector<Affine> &Candidates, bool Least) {
  std::vector<std::string> Texts;
  for (const Affine &A : extremes(Candidates, Least))
    Texts.push_back(A.str(name));
  if (Texts.size() == 1)
    return Texts[0];
  return std::string(Least ? "min" : "max") + "(" + llvm::join(Texts, ", ") + ")";
}

/// The subscripts' range of T, when the loops gave one.
const ByteRange *subscriptRange(const Transfer &T) {
  const TransferRange &R = T.Range;
  return R.Source == TransferRange::From::Subscripts && R.Touch && R.Touch->Known
             ? &R.Touch->Range
             : nullptr;
}

/// `a[lo1 .. hi1][lo2 .. hi2]`, inclusive.
std::string extentText(const VarDecl *V, const ByteRange &R) {
  std::string Out = name(V);
  for (size_t D = 0; D < R.Least.size(); ++D)
    Out += "[" + boundText(R.Least[D], true) + " .. " + boundText(R.Most[D], false) + "]";
  return Out;
}

/// A clause's own sections, or all of the object.
std::string extentText(const Transfer &T) {
  std::string Out = name(T.Var);
  if (T.Range.Source == TransferRange::From::Clause && T.Range.Clause) {
    for (const Section &S : T.Range.Clause->Sections)
      Out += "[" + S.Lo + ":" + S.Len + "]";
    return Out;
  }
  return Out + (T.Range.Source == TransferRange::From::Block ? " (its whole block)"
                                                              : " (all of it)");
}

/// R widened to hold O too (the same number of subscripts).
void widen(ByteRange &R, const ByteRange &O) {
  for (size_t D = 0; D < R.Least.size(); ++D) {
    llvm::append_range(R.Least[D], O.Least[D]);
    llvm::append_range(R.Most[D], O.Most[D]);
  }
}

TransferDirection merge(TransferDirection A, TransferDirection B) {
  return A == B ? A : TransferDirection::InOut;
}

} // namespace

const char *directionName(TransferDirection D) {
  switch (D) {
  case TransferDirection::In:
    return "in";
  case TransferDirection::Out:
    return "out";
  case TransferDirection::InOut:
    return "inout";
  }
  return "inout";
}

const char *sourceName(TransferRange::From F) {
  switch (F) {
  case TransferRange::From::Subscripts:
    return "subscripts";
  case TransferRange::From::Clause:
    return "clause";
  case TransferRange::From::WholeObject:
    return "whole object";
  case TransferRange::From::Block:
    return "allocation";
  }
  return "whole object";
}

std::vector<TransferSummary> summarizeTransfers(const GpuPlan &P) {
  std::vector<TransferSummary> Out;
  std::vector<std::optional<ByteRange>> Ranges; // the subscripts' union, per entry
  for (const Transfer &T : P.Transfers) {
    auto It = llvm::find_if(Out, [&](const TransferSummary &S) { return S.Var == T.Var; });
    const ByteRange *R = subscriptRange(T);
    if (It == Out.end()) {
      Out.push_back({T.Var, T.Direction, {}, T.Range.Source});
      Ranges.push_back(R ? std::optional<ByteRange>(*R) : std::nullopt);
      if (!R)
        Out.back().Extents.push_back(extentText(T));
      continue;
    }
    It->Direction = merge(It->Direction, T.Direction);
    if (T.Range.Source == TransferRange::From::Block)
      It->Source = T.Range.Source; // the whole block covers the rest
    std::optional<ByteRange> &Union = Ranges[It - Out.begin()];
    if (R && Union && Union->Least.size() == R->Least.size()) {
      widen(*Union, *R);
      continue;
    }
    std::string Extent = R ? extentText(T.Var, *R) : extentText(T);
    if (!llvm::is_contained(It->Extents, Extent))
      It->Extents.push_back(Extent);
  }
  for (size_t I = 0; I < Out.size(); ++I)
    if (Ranges[I])
      Out[I].Extents.insert(Out[I].Extents.begin(), extentText(Out[I].Var, *Ranges[I]));
  return Out;
}

unsigned copyInLine(const GpuPlan &P, const SourceManager &SM) {
  return P.Anchor ? SM.getPresumedLineNumber(SM.getExpansionLoc(P.Anchor->getBeginLoc())) : 0;
}

unsigned copyOutLine(const GpuPlan &P, const SourceManager &SM) {
  return P.LastKernelStmt
             ? SM.getPresumedLineNumber(SM.getExpansionLoc(P.LastKernelStmt->getEndLoc()))
             : 0;
}

std::string transferMessage(const TransferSummary &T, const GpuPlan &P,
                            const SourceManager &SM) {
  std::string In = "before line " + std::to_string(copyInLine(P, SM));
  std::string Back = "after line " + std::to_string(copyOutLine(P, SM));
  std::string What;
  for (const PhaseBlock &B : P.PhaseBlocks) {
    if (B.Var != T.Var)
      continue;
    auto Line = [&](SourceLocation L) {
      return std::to_string(SM.getPresumedLineNumber(SM.getExpansionLoc(L)));
    };
    if (B.Late)
      In = "at its allocation (line " + Line(B.Decl->getBeginLoc()) + ")";
    // Freed in the device phase: the block never comes back.
    if (!B.Frees.empty())
      What = "is copied to the GPU " + In + " and dropped there at its free (line " +
             Line(B.Frees.front()->getBeginLoc()) + ")";
  }
  if (What.empty()) {
    switch (T.Direction) {
    case TransferDirection::In:
      What = "is copied to the GPU " + In;
      break;
    case TransferDirection::Out:
      What = "is copied back from the GPU " + Back + ", not to it";
      break;
    case TransferDirection::InOut:
      What = "is copied to the GPU " + In + " and back " + Back;
      break;
    }
  }
  const char *From = T.Source == TransferRange::From::Clause
                         ? "from the data clause"
                         : T.Source == TransferRange::From::Subscripts
                               ? "from the loops' subscripts"
                         : T.Source == TransferRange::From::Block
                               ? "the block malloc gave it"
                               : "its declared size";
  return "'" + name(T.Var) + "' " + What + ": " + llvm::join(T.Extents, ", ") + " (" +
         From + ")";
}

} // namespace ppar
