//===- HostCopies.cpp - GPU functions on host copies of resident data ----===//

#include "plan/HostCopies.h"

namespace ppar {

std::string hostCopyPrologue(const std::vector<HostCopy> &Copies) {
  if (Copies.empty())
    return "";
  // The copies used are released whichever variant returns (cleanup).
  std::string Text = " struct __ppar_rt_host_use *__ppar_h "
                     "__attribute__((cleanup(__ppar_rt_host_done))) = 0; "
                     "if (__ppar_rt_host_copies()) {";
  for (const HostCopy &C : Copies) {
    std::string Bounds;
    for (const std::string &B : C.Bounds)
      Bounds += (Bounds.empty() ? "" : ", ") + B;
    Text += " " + C.Param + " = (__typeof__(" + C.Param + "))__ppar_rt_host_copy(&__ppar_h, " +
            C.Param + ", (const void *[]){" + Bounds + "}, " +
            std::to_string(C.Bounds.size() / 2) + ");";
  }
  return Text + " }";
}

} // namespace ppar
