//===- JsonReport.h - -fplugin-arg-ppar-report=json ----------------------===//

#ifndef PPAR_PLUGIN_JSONREPORT_H
#define PPAR_PLUGIN_JSONREPORT_H

#include "plan/Plan.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/raw_ostream.h"
#include <vector>

namespace ppar {

/// Writes, per annotated function, its directives and every loop decision:
/// {"file", "functions": [{"name", "line", "directives": [...],
///  "loops": [{"line", "column", "parallel", "message"}]}]}.
void writeJsonReport(llvm::raw_ostream &OS, const clang::SourceManager &SM,
                     const std::vector<FunctionPlan> &Plans);

} // namespace ppar

#endif
