//===- LoopReport.h - Loop decisions as the user reads them ---------------===//
//
// A LoopDecision (plan/Plan.h) is data: what happened to a loop and why.
// This prints it, the same text for the remark (-fplugin-arg-ppar-report)
// and the JSON report's "message", and names its enums for the JSON.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_LOOPREPORT_H
#define PPAR_PASSES_EMIT_LOOPREPORT_H

#include "plan/Plan.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace ppar {

/// `loop parallelised: omp parallel for ...`, `loop not parallelised: ...`.
std::string decisionMessage(const LoopDecision &D, const clang::SourceManager &SM);

/// The OpenMP directive of a parallel or simd loop, "" for a serial one.
std::string directiveText(const LoopDecision &D);

/// The enums' names in the JSON report: "serial", "dependence", ...
llvm::StringRef outcomeName(LoopDecision::Outcome O);
llvm::StringRef reasonName(LoopDecision::Reason R);

} // namespace ppar

#endif
