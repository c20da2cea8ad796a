//===- RawKernel.h - jit(kernel): functions written per thread -----------===//
//
// A jit(kernel) function is the body of one thread of a launch (Numba's
// @cuda.jit, CuPy's RawKernel); ppar.h's ppar_thread_index(),
// ppar_grid_size(), ppar_block_*() say which. After its definition the
// plugin writes
//
//   void f_launch(ppar_grid_t grid, <f's parameters>)
//
// which ppar_launch(f, grid, args...) calls. It runs the threads
//   - with target=cuda|auto and a GPU: as a CUDA grid of the kernel
//     `__ppar_k_f`, f's body printed by KernelText with the ppar.h
//     functions mapped to blockIdx/threadIdx and atomics to CUDA atomics
//     (AtomicText.h), through the same runtime protocol, NVRTC path, cache
//     and asynchronous rules as target=cuda loops; pointer parameters move
//     by their data clauses, and one without a clause must be resident;
//   - otherwise: as an OpenMP parallel loop over the thread indices, each
//     iteration setting ppar.h's per-thread slot and calling f (serially
//     under PPAR_DISABLE_JIT).
// A kernel that waits at block barriers (ppar_syncthreads) has no CPU
// version: an error unless target=cuda; with target=cuda it ends the
// program where no GPU runs it. docs/gpu.md, "Raw kernels".
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_CUDA_RAWKERNEL_H
#define PPAR_PASSES_EMIT_CUDA_RAWKERNEL_H

#include "annotations/Binding.h"
#include "support/DiagSink.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include <string>
#include <utility>
#include <vector>

namespace clang {
class Sema;
}

namespace ppar {

/// Whether F is a jit(kernel) function.
bool isRawKernel(const AnnotatedFunction &F);

/// Declares f_launch in the analysis parse right after F (when ppar.h's
/// ppar_grid_t is in scope), so that ppar_launch(f, ...) after F parses.
void declareRawLaunch(clang::Sema &S, clang::FunctionDecl *F);

/// Checks F and writes f_launch (and with target=cuda|auto the kernel
/// module and the GPU path) after F's definition; the module's CUDA
/// source is added to Kernels. False after an error.
bool emitRawKernel(clang::Rewriter &Main, const AnnotatedFunction &F, DiagSink &Sink,
                   bool Report, std::vector<std::pair<std::string, std::string>> &Kernels);

} // namespace ppar

#endif
