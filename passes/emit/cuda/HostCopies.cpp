//===- HostCopies.cpp - GPU functions on host copies of resident data ----===//

#include "emit/cuda/HostCopies.h"
#include "emit/abi/Gpu.h"

namespace ppar {

std::string hostCopyPrologue(const std::vector<HostCopy> &Copies) {
  if (Copies.empty())
    return "";
  // The copies used are released whichever variant returns (cleanup).
  std::string Text = " " + abi::hostUseDecl("__ppar_h") + "; if (" + abi::hostCopies() + ") {";
  for (const HostCopy &C : Copies)
    Text += " " + C.Param + " = (__typeof__(" + C.Param + "))" +
            abi::hostCopy("__ppar_h", C.Param, C.Bounds) + ";";
  return Text + " }";
}

} // namespace ppar
