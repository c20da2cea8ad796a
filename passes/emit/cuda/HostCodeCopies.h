//===- HostCodeCopies.h - Copies around host code between kernels -------===//
//
// A host statement of the device phase that uses data living on the GPU
// (GpuPlan::HostUses, plan/GpuHostCode.cpp) gets, before it, the copies of
// the bytes it uses back to the host (__ppar_rt_gpu_to_host; a failure
// there ends the call and runs the CPU variant, the host untouched) and,
// after it, the copies of what it wrote to the GPU again
// (__ppar_rt_gpu_to_device). With the report, a remark at the statement
// names the memory, the lines and the bytes.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_CUDA_HOSTCODECOPIES_H
#define PPAR_PASSES_EMIT_CUDA_HOSTCODECOPIES_H

#include "plan/GpuPlan.h"
#include <string>
#include <vector>

namespace ppar {

struct HostUseText {
  std::string Before, After; ///< braces included when U.Braces
};

/// The copies around U; Fallback ends the function with its CPU variant.
HostUseText hostUseText(const HostUse &U, const GpuPlan &P, const std::string &Call,
                        const std::string &Fallback, const clang::ASTContext &Ctx);

/// One remark per variable U uses: `'f' copies 'u' back to the host before
/// line 12 and to the GPU after it (8 bytes: u[k]), because the host code
/// here writes it`.
std::vector<std::string> hostUseMessages(const HostUse &U, const GpuPlan &P,
                                         const std::string &Fn, const clang::ASTContext &Ctx);

} // namespace ppar

#endif
