//===- TransferText.cpp - Transfers of the GPU plan as C -----------------===//

#include "emit/cuda/TransferText.h"
#include "emit/BlockSize.h"
#include "emit/RangeText.h"

namespace ppar {

std::pair<std::string, std::string> boundsText(const TransferRange &R) {
  switch (R.Source) {
  case TransferRange::From::Subscripts:
    return {"(const void *)" + rangeLoText(R.Touch->Range),
            "(const void *)(" + rangeHiText(R.Touch->Range) + ")"};
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
