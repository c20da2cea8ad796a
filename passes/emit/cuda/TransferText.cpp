//===- TransferText.cpp - Transfers of the GPU plan as C -----------------===//

#include "emit/cuda/TransferText.h"

namespace ppar {

std::pair<std::string, std::string> boundsText(const ByteRange &R) {
  switch (R.Source) {
  case ByteRange::From::Subscripts:
    return {"(const void *)" + R.Touch->Lo, "(const void *)(" + R.Touch->Hi + ")"};
  case ByteRange::From::Clause: {
    std::string Lo, Hi;
    clauseBounds(*R.Clause, Lo, Hi);
    return {Lo, Hi};
  }
  case ByteRange::From::WholeObject: {
    std::string N = R.Base->getNameAsString();
    return {"(const void *)&" + N, "(const void *)(&" + N + " + 1)"};
  }
  }
  return {};
}

abi::GpuAccess access(TransferDirection D) {
  switch (D) {
  case TransferDirection::In:
    return abi::GpuAccess::Read;
  case TransferDirection::Out:
    return abi::GpuAccess::Write;
  case TransferDirection::InOut:
    return abi::GpuAccess::ReadWrite;
  }
  return abi::GpuAccess::ReadWrite;
}

} // namespace ppar
