//===- Gpu.cpp - Typed builders of the runtime's GPU calls ---------------===//

#include "emit/abi/Gpu.h"
#include "support/CText.h"
#include "llvm/ADT/StringExtras.h"

namespace ppar::abi {

std::string gpuBegin(llvm::StringRef Var, llvm::StringRef Module) {
  return ("struct __ppar_rt_gpu_call *" + Var + " = ").str() +
         callText("__ppar_rt_gpu_begin", {("&" + Module).str()});
}

std::string gpuData(llvm::StringRef Call, llvm::StringRef Lo, llvm::StringRef Hi,
                    AccessMode Mode) {
  return callText("__ppar_rt_gpu_data", {Call.str(), Lo.str(), Hi.str(), name(Mode).str()});
}

std::string gpuCopyIn(llvm::StringRef Call) {
  return callText("__ppar_rt_gpu_copy_in", {Call.str()});
}

std::string gpuPtr(llvm::StringRef Call, llvm::StringRef P) {
  return callText("__ppar_rt_gpu_ptr", {Call.str(), P.str()});
}

std::string gpuLaunch(llvm::StringRef Call, unsigned K, llvm::StringRef Nx,
                      llvm::StringRef Ny, llvm::ArrayRef<std::string> Args) {
  return callText("__ppar_rt_gpu_launch", {Call.str(), std::to_string(K), Nx.str(), Ny.str(),
                                           "(void *[])" + braced(Args)});
}

std::string gpuScratch(llvm::StringRef Call, llvm::StringRef Init, llvm::StringRef Size) {
  return callText("__ppar_rt_gpu_scratch", {Call.str(), Init.str(), Size.str()});
}

std::string gpuReduction(llvm::StringRef Call, llvm::StringRef Init, llvm::StringRef Size) {
  return callText("__ppar_rt_gpu_reduction", {Call.str(), Init.str(), Size.str()});
}

std::string gpuFetch(llvm::StringRef Call, llvm::StringRef Host, llvm::StringRef Dev,
                     llvm::StringRef Size) {
  return callText("__ppar_rt_gpu_fetch", {Call.str(), Host.str(), Dev.str(), Size.str()});
}

std::string gpuToHost(llvm::StringRef Call, llvm::StringRef Lo, llvm::StringRef Hi) {
  return callText("__ppar_rt_gpu_to_host", {Call.str(), Lo.str(), Hi.str()});
}

std::string gpuToDevice(llvm::StringRef Call, llvm::StringRef Lo, llvm::StringRef Hi) {
  return callText("__ppar_rt_gpu_to_device", {Call.str(), Lo.str(), Hi.str()});
}

std::string gpuEnd(llvm::StringRef Call) {
  return callText("__ppar_rt_gpu_end", {Call.str()});
}

std::string moduleDecl(llvm::StringRef Var) {
  return ("static struct __ppar_rt_module " + Var + ";").str();
}

std::string gpuParts() { return callText("__ppar_rt_gpu_parts", {}); }

std::string gpuPartParam(llvm::StringRef Name) {
  return ("const struct __ppar_rt_gpu_part *" + Name).str();
}

std::string gpuSplit(llvm::StringRef Module, llvm::StringRef N, llvm::StringRef Total,
                     llvm::StringRef Part, llvm::StringRef Env) {
  return callText("__ppar_rt_gpu_split",
                  {("&" + Module).str(), N.str(), Total.str(), Part.str(), Env.str()});
}

std::string gpuBlock(llvm::StringRef Call, llvm::StringRef Lo, llvm::StringRef Hi) {
  return callText("__ppar_rt_gpu_block", {Call.str(), Lo.str(), Hi.str()});
}

std::string gpuBlockFree(llvm::StringRef Call, llvm::StringRef Lo, llvm::StringRef Hi) {
  return callText("__ppar_rt_gpu_block_free", {Call.str(), Lo.str(), Hi.str()});
}

std::string gpuLaunchBlocks(llvm::StringRef Call, unsigned K, llvm::StringRef Threads,
                            llvm::StringRef Block, llvm::ArrayRef<std::string> Args) {
  return callText("__ppar_rt_gpu_launch_blocks", {Call.str(), std::to_string(K), Threads.str(),
                                                  Block.str(), "(void *[])" + braced(Args)});
}

std::string gpuDataResident(llvm::StringRef Call, llvm::StringRef P, llvm::StringRef Name) {
  return callText("__ppar_rt_gpu_data_resident", {Call.str(), P.str(), "\"" + Name.str() + "\""});
}

std::string rawNeedsGpu(llvm::StringRef Fn) {
  return callText("__ppar_rt_raw_needs_gpu", {"&" + Fn.str()});
}

std::string hostUseDecl(llvm::StringRef Var) {
  return ("struct __ppar_rt_host_use *" + Var +
          " __attribute__((cleanup(__ppar_rt_host_done))) = 0")
      .str();
}

std::string hostCopies() { return callText("__ppar_rt_host_copies", {}); }

std::string hostCopy(llvm::StringRef Use, llvm::StringRef Base,
                     llvm::ArrayRef<std::string> Bounds) {
  return callText("__ppar_rt_host_copy", {("&" + Use).str(), Base.str(),
                                          "(const void *[])" + braced(Bounds),
                                          std::to_string(Bounds.size() / 2)});
}

std::string moduleDef(llvm::StringRef Var, llvm::StringRef Fn, llvm::StringRef File,
                      unsigned Line, llvm::StringRef Source,
                      llvm::ArrayRef<std::string> Kernels, ModuleFlags Flags) {
  std::vector<std::string> Names, FlagNames;
  for (const std::string &K : Kernels)
    Names.push_back(quoted(K));
  if (Flags.Cache)
    FlagNames.push_back("__PPAR_RT_MODULE_CACHE");
  if (Flags.FastMath)
    FlagNames.push_back("__PPAR_RT_MODULE_FASTMATH");
  std::string FlagText = FlagNames.empty() ? "0" : llvm::join(FlagNames, " | ");
  return ("static struct __ppar_rt_module " + Var + " = ").str() +
         braced({quoted(Fn), quoted(File), std::to_string(Line), Source.str(),
                 "(const char *const[])" + braced(Names), std::to_string(Kernels.size()),
                 FlagText, "0"}) +
         ";";
}

} // namespace ppar::abi
