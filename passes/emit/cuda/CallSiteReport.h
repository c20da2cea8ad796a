//===- CallSiteReport.h - Copies repeated at every iteration of a loop ----===//
//
// A target=cuda|auto function copies its pointer parameters' memory to the
// GPU at every call. Called in a loop with the same arrays, it copies the
// same data at every iteration, which `ppar_to_device` before the loop
// avoids (CuPy's advice: keep arrays on the device). With the report, each
// such call in the file gets a remark naming the arrays and the fix.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_CUDA_CALLSITEREPORT_H
#define PPAR_PASSES_EMIT_CUDA_CALLSITEREPORT_H

#include "plan/Plan.h"
#include "support/DiagSink.h"
#include "clang/AST/ASTContext.h"
#include <vector>

namespace ppar {

/// Remarks on the calls, in the main file, of the functions of Plans that
/// have a GPU variant, made in a loop with loop-invariant pointer arguments
/// whose memory the variant copies; not where the caller makes them
/// resident (`ppar_to_device`) itself.
void reportCopiesInLoops(const std::vector<FunctionPlan *> &Plans, clang::ASTContext &Ctx,
                         DiagSink &Sink);

} // namespace ppar

#endif
