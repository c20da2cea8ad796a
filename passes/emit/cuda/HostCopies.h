//===- HostCopies.h - GPU functions on host copies of resident data ------===//
//
// Where no GPU code runs (no device, PPAR_TARGET=cpu, PPAR_DISABLE_JIT,
// PPAR_CHECK) the runtime keeps the device copy of resident data in host
// memory. A function with a GPU variant must then compute on that copy, as
// its kernels would: its dispatcher moves each pointer parameter whose data
// lies in one resident range onto the copy for the whole call
// (ppar_rt_abi.h, docs/gpu-runtime.md).
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_CUDA_HOSTCOPIES_H
#define PPAR_PASSES_EMIT_CUDA_HOSTCOPIES_H

#include <string>
#include <vector>

namespace ppar {

/// A pointer parameter and the byte ranges the GPU variant registers for
/// it: C expressions, lower and upper bound in turn, computable at entry.
struct HostCopy {
  std::string Param;
  std::vector<std::string> Bounds;
};

/// The dispatcher's text that moves the parameters onto their host copies:
/// empty when there is none.
std::string hostCopyPrologue(const std::vector<HostCopy> &Copies);

} // namespace ppar

#endif
