//===- TransferText.cpp - Transfers of the GPU plan as C -----------------===//

#include "emit/cuda/TransferText.h"
#include "analysis/MemberVars.h"
#include "emit/BlockSize.h"
#include "emit/RangeText.h"

namespace ppar {

static std::pair<std::string, std::string> bounds(const TransferRange &R);

std::string launchLoText(const TransferRange &R) {
  if (R.Source == TransferRange::From::Subscripts)
    return "(const void *)" + rangeLoText(R.Touch->Range);
  return boundsText(R).first;
}

std::pair<std::string, std::string> boundsText(const TransferRange &R) {
  auto [Lo, Hi] = bounds(R);
  // A member through a pointer (`p->v`) is read where the data goes to the
  // GPU, maybe before a test that p is not null: a null p registers
  // nothing (an empty range), and its kernel never runs. (A range from the
  // subscripts guards its base itself: RangeText.)
  if (const MemberOf *M = R.Base ? memberOf(R.Base) : nullptr;
      M && M->Arrow && R.Source == TransferRange::From::Clause) {
    std::string P = M->Base->getNameAsString();
    Lo = "(" + P + " ? " + Lo + " : (const void *)0)";
    Hi = "(" + P + " ? " + Hi + " : (const void *)0)";
  }
  return {Lo, Hi};
}

static std::pair<std::string, std::string> bounds(const TransferRange &R) {
  switch (R.Source) {
  case TransferRange::From::Subscripts:
    return subscriptBoundsText(R.Touch->Range);
  case TransferRange::From::Clause: {
    std::string Lo, Hi;
    clauseBounds(*R.Clause, Lo, Hi);
    return {Lo, Hi};
  }
  case TransferRange::From::WholeObject: {
    std::string N = R.Base->getNameAsString();
    return {"(const void *)&" + N, "(const void *)(&" + N + " + 1)"};
  }
  case TransferRange::From::Block: {
    std::string N = R.Base->getNameAsString();
    return {"(const void *)" + N,
            "(const void *)((const char *)" + N + " + " + blockSizeName(R.Base) + ")"};
  }
  }
  return {};
}

std::pair<std::string, std::string> subscriptBoundsText(const ByteRange &B) {
  // Nothing when a loop around the accesses runs no iteration: the
  // corners would then lie outside what the loops reach.
  std::string Lo = "(const void *)" + rangeLoText(B),
              Hi = "(const void *)(" + rangeHiText(B) + ")";
  std::string Runs = rangeRunsText(B);
  if (Runs == "1")
    return {Lo, Hi};
  return {"(" + Runs + " ? " + Lo + " : (const void *)0)",
          "(" + Runs + " ? " + Hi + " : (const void *)0)"};
}

abi::AccessMode access(TransferDirection D) {
  switch (D) {
  case TransferDirection::In:
    return abi::AccessMode::Read;
  case TransferDirection::Out:
    return abi::AccessMode::Write;
  case TransferDirection::InOut:
    return abi::AccessMode::ReadWrite;
  }
  return abi::AccessMode::ReadWrite;
}

} // namespace ppar
