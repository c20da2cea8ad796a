//===- TransferText.h - Transfers of the GPU plan as C -------------------===//
//
// The byte ranges of GpuPlan's transfers (plan/GpuPlan.h) as the C
// expressions the GPU variant and its dispatcher pass to the runtime, and
// their directions as the ABI's access modes.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_CUDA_TRANSFERTEXT_H
#define PPAR_PASSES_EMIT_CUDA_TRANSFERTEXT_H

#include "emit/abi/Gpu.h"
#include "plan/GpuPlan.h"
#include <string>
#include <utility>

namespace ppar {

/// The first byte and the byte past the last of R, as `const void *`
/// expressions computable where the variant registers them.
std::pair<std::string, std::string> boundsText(const TransferRange &R);
/// The first byte of R where a kernel's pointer is taken, at the launch:
/// boundsText's, without the test that every loop runs (the kernel runs
/// no iteration otherwise, and the pointer is never followed).
std::string launchLoText(const TransferRange &R);

/// The first byte and the byte past the last of B, a range from the
/// loop's subscripts (boundsText's for such a range): empty when a loop
/// around the accesses runs no iteration.
std::pair<std::string, std::string> subscriptBoundsText(const ByteRange &B);

/// How the runtime copies memory of direction D.
abi::AccessMode access(TransferDirection D);

} // namespace ppar

#endif
