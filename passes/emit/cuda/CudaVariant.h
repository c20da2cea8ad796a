//===- CudaVariant.h - jit(target=cuda|auto): loops become CUDA kernels --===//
//
// For a jit(parallel, target=cuda|auto) function whose loops the planner
// made parallel, makes the GPU variant `__ppar_cuda_f`: a copy of the body
// in which each parallel loop is a launch of a kernel outlined from it,
// inside one call of the runtime's GPU protocol (ppar_rt_abi.h): begin at
// entry, the data the loops touch registered and copied in before the
// first statement that holds a loop, copied out when the call ends.
// What the variant does is decided by plan/GpuPlan.h (kernels, transfers,
// the device phase, or why there is no variant); this file prints that
// plan: kernels through KernelText.h, launches and transfers through the
// typed builders of emit/abi/Gpu.h, all as edits of one EditSet.
// docs/gpu.md has the whole design, docs/passes/gpu-emit.md this file.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_CUDAVARIANT_H
#define PPAR_PASSES_CUDAVARIANT_H

#include "analysis/Purity.h"
#include "emit/abi/Gpu.h"
#include "emit/cuda/HostCopies.h"
#include "plan/GpuPlan.h"
#include "plan/Plan.h"
#include "support/EditSet.h"
#include "support/DiagSink.h"

namespace ppar {

/// Edits that turn a copy of the function's body into its GPU variant
/// (CudaVariant.h), and the module of kernels it launches.
struct GpuVariant {
  abi::RunTarget Target = abi::RunTarget::Cuda; ///< Cuda or Auto
  std::string Module; ///< the source string and module object, C text
  std::string Source; ///< the CUDA C++ of the module, for -emit
  /// The edits of the body: the call's begin and end, the launches in
  /// place of the loops, the transfers before the first.
  std::optional<EditSet> Edits;
  /// PPAR_CHECK of the GPU variant: the memory the function's kernels
  /// write (struct __ppar_rt_region initializers), computable at entry;
  /// empty when it cannot be checked as a whole.
  std::vector<std::string> CheckRegions;
  /// Where the device copy is on the host: the pointer parameters the
  /// dispatcher moves onto it (HostCopies.h).
  std::vector<HostCopy> HostCopies;
  /// The plan it was printed from, for the report (TransferReport.h).
  GpuPlan Plan;
};

/// The C text defining a kernel module: its CUDA source as a string
/// (`__ppar_src_<Id>`) and `static struct __ppar_rt_module __ppar_m_<Id>`
/// for the function Fn defined at File:Line.
std::string gpuModule(const std::string &Id, const std::string &Fn,
                      const std::string &File, unsigned Line,
                      const std::string &Source,
                      const std::vector<std::string> &Kernels, bool Cache,
                      bool FastMath);

/// Plans P's GPU variant (GpuPlan.h) and prints it into P.Gpu, when its
/// annotation asks for one and it can be made. Errors (a call GPU code
/// cannot make, an unknown extent) go to Sink; Report adds remarks.
void makeGpuVariant(FunctionPlan &P, Purity &Pure, DiagSink &Sink, bool Report);

} // namespace ppar

#endif
