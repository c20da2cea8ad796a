//===- Gpu.h - Typed builders of the runtime's GPU calls -----------------===//
//
// One builder per entry point of the GPU group of runtime/ppar_rt_abi.h
// (__ppar_rt_gpu_*, __ppar_rt_host_*, struct __ppar_rt_module), and the
// ABI's enums of that group as C++ enums printed by their names. Every
// call or declaration of that group the plugin writes comes from here, so
// the generated text and the header cannot drift apart name by name.
// Arguments are C expressions, as text.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_ABI_GPU_H
#define PPAR_PASSES_EMIT_ABI_GPU_H

#include "emit/abi/Enums.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace ppar::abi {

/// Flags of a kernel module (__PPAR_RT_MODULE_*).
struct ModuleFlags {
  bool Cache = false;    ///< keep the compiled image on disk
  bool FastMath = false; ///< NVRTC's --use_fast_math
};

/// `struct __ppar_rt_gpu_call *Var = __ppar_rt_gpu_begin(&Module)`.
std::string gpuBegin(llvm::StringRef Var, llvm::StringRef Module);
/// `__ppar_rt_gpu_data(Call, Lo, Hi, MODE)`.
std::string gpuData(llvm::StringRef Call, llvm::StringRef Lo, llvm::StringRef Hi,
                    AccessMode Mode);
std::string gpuCopyIn(llvm::StringRef Call);
std::string gpuPtr(llvm::StringRef Call, llvm::StringRef P);
/// `__ppar_rt_gpu_launch(Call, K, Nx, Ny, (void *[]){Args...})`.
std::string gpuLaunch(llvm::StringRef Call, unsigned K, llvm::StringRef Nx,
                      llvm::StringRef Ny, llvm::ArrayRef<std::string> Args);
std::string gpuScratch(llvm::StringRef Call, llvm::StringRef Init, llvm::StringRef Size);
std::string gpuReduction(llvm::StringRef Call, llvm::StringRef Init, llvm::StringRef Size);
std::string gpuFetch(llvm::StringRef Call, llvm::StringRef Host, llvm::StringRef Dev,
                     llvm::StringRef Size);
/// `__ppar_rt_gpu_to_host(Call, Lo, Hi)`, `__ppar_rt_gpu_to_device(...)`:
/// around host code between kernels that uses bytes [Lo, Hi).
std::string gpuToHost(llvm::StringRef Call, llvm::StringRef Lo, llvm::StringRef Hi);
std::string gpuToDevice(llvm::StringRef Call, llvm::StringRef Lo, llvm::StringRef Hi);
std::string gpuEnd(llvm::StringRef Call);
/// `__ppar_rt_gpu_block(Call, Lo, Hi)`, `__ppar_rt_gpu_block_free(...)`:
/// a block the function allocates between kernels, after its allocation
/// and before its free.
std::string gpuBlock(llvm::StringRef Call, llvm::StringRef Lo, llvm::StringRef Hi);
std::string gpuBlockFree(llvm::StringRef Call, llvm::StringRef Lo, llvm::StringRef Hi);

/// One call split across devices (docs/multi-gpu.md):
/// `__ppar_rt_gpu_parts()`, and `__ppar_rt_gpu_split(&Module, N, Total, Part, Env)`
/// (N: the trips of the split loop, Total: the iterations of its nest).
std::string gpuParts();
/// `const struct __ppar_rt_gpu_part *Name`: a part function's parameter.
std::string gpuPartParam(llvm::StringRef Name);
std::string gpuSplit(llvm::StringRef Module, llvm::StringRef N, llvm::StringRef Total,
                     llvm::StringRef Part,
                     llvm::StringRef Env);

/// Raw kernels (jit(kernel)): `__ppar_rt_gpu_launch_blocks(Call, K,
/// Threads, Block, (void *[]){Args...})`.
std::string gpuLaunchBlocks(llvm::StringRef Call, unsigned K, llvm::StringRef Threads,
                            llvm::StringRef Block, llvm::ArrayRef<std::string> Args);
/// `__ppar_rt_gpu_data_resident(Call, P, "Name")`.
std::string gpuDataResident(llvm::StringRef Call, llvm::StringRef P, llvm::StringRef Name);
/// `__ppar_rt_raw_needs_gpu(&Fn)`.
std::string rawNeedsGpu(llvm::StringRef Fn);

/// `struct __ppar_rt_host_use *Var __attribute__((cleanup(...))) = 0`: the
/// host copies one call uses, released whichever way it returns.
std::string hostUseDecl(llvm::StringRef Var);
std::string hostCopies();
/// `__ppar_rt_host_copy(&Use, Base, (const void *[]){Bounds...}, N)`:
/// Bounds holds lower and upper bounds in turn.
std::string hostCopy(llvm::StringRef Use, llvm::StringRef Base,
                     llvm::ArrayRef<std::string> Bounds);

/// `static struct __ppar_rt_module Var;`: a tentative definition, for text
/// that names the module before moduleDef defines it.
std::string moduleDecl(llvm::StringRef Var);
/// `static struct __ppar_rt_module Var = {...};` for the kernels Kernels
/// of source string Source (a variable's name), of function Fn defined at
/// File:Line.
std::string moduleDef(llvm::StringRef Var, llvm::StringRef Fn, llvm::StringRef File,
                      unsigned Line, llvm::StringRef Source,
                      llvm::ArrayRef<std::string> Kernels, ModuleFlags Flags);

} // namespace ppar::abi

#endif
