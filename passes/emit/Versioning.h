//===- Versioning.h - One function, several versions, one dispatcher -----===//
//
// An annotated function keeps its name and its serial body, at the user's
// lines; a dispatcher is inserted at the start of the body, and the generated
// variants are placed right after the function (same macros and declarations
// in scope), under #line so they map to the user's lines too:
//
//   static double __ppar_cpu_dot(const double *x, size_t n);  // same line
//   double dot(const double *x, size_t n) { <dispatcher>
//     ...serial body, unchanged...
//   }
//   #line 3 "dot.c"
//   static double __ppar_cpu_dot(const double *x, size_t n) { ...OpenMP... }
//   #line 8 "dot.c"
//
// The dispatcher asks the runtime which variant to run (__ppar_rt_choose),
// so PPAR_DISABLE_JIT, a CUDA variant with CPU fallback and PPAR_CHECK are
// decisions of the runtime, not new code shapes here.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_VERSIONING_H
#define PPAR_PASSES_VERSIONING_H

#include "plan/Plan.h"
#include "support/DiagSink.h"
#include "clang/Rewrite/Core/Rewriter.h"

namespace ppar {

/// Writes P's variants and dispatcher into Main. Returns false (after an
/// error to Sink) when the function's text cannot be rewritten.
bool emitVersions(clang::Rewriter &Main, const FunctionPlan &P, DiagSink &Sink);

/// Where a parallel loop's rewrite starts: its `for`, or the
/// [[ppar::prange]] attribute list before it.
clang::SourceLocation directivePoint(const clang::SourceManager &SM,
                                     const ParallelLoop &L);

/// FD's parameter names, comma-separated: the arguments of a call that
/// forwards them.
std::string callArgs(const clang::FunctionDecl *FD);

/// Name of a generated variant: `__ppar_<suffix>_<function>`.
std::string variantName(const clang::FunctionDecl *FD, llvm::StringRef Suffix);

} // namespace ppar

#endif
