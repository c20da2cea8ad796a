//===- Vectorize.h - f_vec for a vectorize function ----------------------===//
//
// For `vectorize` on `R f(A1 a1, ..., Ak ak)` generates, right after f,
//   void f_vec(size_t n, const A1 *a1, ..., const Ak *ak, R *out);
// with out[i] = f(a1[i], ..., ak[i]). target=cpu: a serial loop over
// restrict copies of the pointers, which the compiler vectorizes where f
// allows; target=parallel: the same loop under `omp parallel for`;
// target=cuda|auto: a CUDA kernel calling f as a __device__ function, with
// the parallel loop as the fallback without a GPU. The fast loop runs only when f is
// pure (for parallel) and `out` does not partly overlap an input;
// PPAR_DISABLE_JIT runs the plain loop.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_VECTORIZE_H
#define PPAR_PASSES_VECTORIZE_H

#include "analysis/Purity.h"
#include "plan/Plan.h"
#include "support/DiagSink.h"
#include "clang/Rewrite/Core/Rewriter.h"

namespace clang {
class Sema;
}

namespace ppar {

/// The name of F's generated function: `name=` or `<f>_vec`.
std::string vectorizedName(const clang::FunctionDecl *F, const Annotation &Vec);

/// Declares F's f_vec in the analysis parse, right after F is parsed, so the
/// code after F that calls it parses as it will once f_vec is generated.
void declareVectorized(clang::Sema &S, clang::FunctionDecl *F,
                       const Annotation &Vec);

/// Writes f_vec after F's definition when F is a vectorize function; with
/// target=cuda|auto also its kernel module, whose CUDA source is added to
/// Kernels (name, source). Returns true when code that needs OpenMP was
/// written.
bool emitVectorized(clang::Rewriter &Main, const AnnotatedFunction &F,
                    Purity &P, DiagSink &Sink, bool Report,
                    std::vector<std::pair<std::string, std::string>> &Kernels);

} // namespace ppar

#endif
