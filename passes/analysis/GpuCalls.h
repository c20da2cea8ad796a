//===- GpuCalls.h - Does a function call GPU code? ------------------------===//
//
// A delayed task that calls GPU code is placed on a device where the
// process may use several (docs/multi-gpu.md): the plugin marks it when
// its function is `jit` with target=cuda|auto, or calls such a function,
// directly or through functions defined in the file.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_GPUCALLS_H
#define PPAR_PASSES_GPUCALLS_H

#include "clang/AST/Decl.h"

namespace ppar {

/// Whether a call of FD may run GPU code (see above).
bool callsGpuCode(const clang::FunctionDecl *FD);

} // namespace ppar

#endif
