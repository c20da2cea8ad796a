//===- Enums.cpp ----------------------------------------------------------===//

#include "emit/abi/Enums.h"
#include "llvm/Support/ErrorHandling.h"

namespace ppar::abi {

llvm::StringRef name(Variant V) {
  switch (V) {
  case Variant::Serial:
    return "__PPAR_RT_SERIAL";
  case Variant::Cpu:
    return "__PPAR_RT_CPU";
  case Variant::Check:
    return "__PPAR_RT_CHECK";
  case Variant::Cuda:
    return "__PPAR_RT_CUDA";
  }
  llvm_unreachable("unknown variant");
}

llvm::StringRef name(RunTarget T) {
  switch (T) {
  case RunTarget::Cpu:
    return "__PPAR_RT_TARGET_CPU";
  case RunTarget::Cuda:
    return "__PPAR_RT_TARGET_CUDA";
  case RunTarget::Auto:
    return "__PPAR_RT_TARGET_AUTO";
  }
  llvm_unreachable("unknown target");
}

llvm::StringRef name(AccessMode M) {
  switch (M) {
  case AccessMode::Read:
    return "__PPAR_RT_ACCESS_READ";
  case AccessMode::Write:
    return "__PPAR_RT_ACCESS_WRITE";
  case AccessMode::ReadWrite:
    return "__PPAR_RT_ACCESS_READWRITE";
  }
  llvm_unreachable("unknown access mode");
}

} // namespace ppar::abi
