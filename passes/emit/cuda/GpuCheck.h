//===- GpuCheck.h - PPAR_CHECK of a GPU variant --------------------------===//
//
// Under PPAR_CHECK with a GPU, a function with a GPU variant runs the
// serial body on its input, then the GPU variant on the same input, and
// the runtime's check machinery compares what they wrote (the plan's check
// regions, saved at entry) and the results; without a device, the
// multi-core variant's own checks run instead. This prints that function,
// `__ppar_gcheck_f`, which the dispatcher calls for __PPAR_RT_CHECK.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_CUDA_GPUCHECK_H
#define PPAR_PASSES_EMIT_CUDA_GPUCHECK_H

#include "plan/Plan.h"
#include <string>

namespace ppar {

/// The definition of P's `gcheck` function, after a #line to OpenLine of
/// QuotedFile: Prototype is its declarator, DefLine the line of the
/// function's definition (for messages).
std::string gpuCheckFunction(const FunctionPlan &P, const std::string &Prototype,
                             const std::string &QuotedFile, unsigned OpenLine,
                             unsigned DefLine);

} // namespace ppar

#endif
