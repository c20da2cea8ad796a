//===- Enums.h - The runtime ABI's enums shared by several groups --------===//
//
// The enums of runtime/ppar_rt_abi.h that more than one group of builders
// prints: the dispatcher's variants and targets, and how a call or task
// touches a range of memory. Each is a C++ enum printed by its name in the
// header, never as a number.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_ABI_ENUMS_H
#define PPAR_PASSES_EMIT_ABI_ENUMS_H

#include "llvm/ADT/StringRef.h"

namespace ppar::abi {

/// A variant a dispatcher can run: `__PPAR_RT_SERIAL` ... `__PPAR_RT_CUDA`.
enum class Variant { Serial, Cpu, Check, Cuda };
llvm::StringRef name(Variant V);

/// Where the user asked a function to run: `__PPAR_RT_TARGET_*`.
enum class RunTarget { Cpu, Cuda, Auto };
llvm::StringRef name(RunTarget T);

/// How a task, a statement or a GPU call touches a range of memory:
/// `__PPAR_RT_ACCESS_*` (read is copied in to a device, write copied out).
enum class AccessMode { Read = 1, Write = 2, ReadWrite = 3 };
llvm::StringRef name(AccessMode M);

} // namespace ppar::abi

#endif
