//===- TransferReport.h - What a GPU variant copies, as the user reads it -===//
//
// The transfer plan of a target=cuda|auto function at compile time: each
// variable whose memory goes to the GPU or comes back, in which direction,
// its extent as a formula over what is known at the function's entry
// (`a[0 .. n - 1]`, from the loops' subscripts or from a data clause), and
// the lines where the copies happen (before the first kernel's statement,
// after the last). Printed as notes after the function's remark and as the
// JSON report's "transfers" (plugin/JsonReport).
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_CUDA_TRANSFERREPORT_H
#define PPAR_PASSES_EMIT_CUDA_TRANSFERREPORT_H

#include "plan/GpuPlan.h"
#include "clang/Basic/SourceManager.h"
#include <string>
#include <vector>

namespace ppar {

/// One variable's memory that the GPU variant copies, its kernels merged.
struct TransferSummary {
  const clang::VarDecl *Var;
  TransferDirection Direction;
  std::vector<std::string> Extents; ///< one per distinct range, as text
  TransferRange::From Source;
};

/// The variables P copies, in the order the plan first names them.
std::vector<TransferSummary> summarizeTransfers(const GpuPlan &P);

/// "in", "out", "inout" (the clauses' words).
const char *directionName(TransferDirection D);
/// "subscripts", "clause", "whole object".
const char *sourceName(TransferRange::From F);

/// The line before which memory is copied to the GPU and the line after
/// which it comes back.
unsigned copyInLine(const GpuPlan &P, const clang::SourceManager &SM);
unsigned copyOutLine(const GpuPlan &P, const clang::SourceManager &SM);

/// `'a' is copied to the GPU before line 8 and back after line 15:
/// a[0 .. n - 1] (from the loops' subscripts)`.
std::string transferMessage(const TransferSummary &T, const GpuPlan &P,
                            const clang::SourceManager &SM);

} // namespace ppar

#endif
