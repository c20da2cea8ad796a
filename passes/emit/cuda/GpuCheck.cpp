//===- GpuCheck.cpp - PPAR_CHECK of a GPU variant ------------------------===//

#include "emit/cuda/GpuCheck.h"
#include "emit/Versioning.h"
#include "emit/abi/Loops.h"
#include "emit/cuda/CudaVariant.h"
#include "support/CText.h"

using namespace clang;

namespace ppar {

std::string gpuCheckFunction(const FunctionPlan &P, const std::string &Prototype,
                             const std::string &File, unsigned OpenLine, unsigned DefLine) {
  // The serial body on the input, then the GPU variant on the same input,
  // and what they wrote compared (the runtime's check machinery); without a
  // GPU, the multi-core variant's own checks.
  const FunctionDecl *FD = P.F.FD;
  bool Void = FD->getReturnType()->isVoidType();
  std::string Args = "(" + callArgs(FD) + ")";
  QualType R = FD->getReturnType();
  std::string Keep = Void ? "" : "__typeof__(" + variantName(FD, "serial") + Args + ") ";
  std::string Compare;
  if (R->isArithmeticType())
    Compare = abi::checkScalar("__ppar_c", "the result", "(double)__ppar_r", "(double)__ppar_s",
                               R->isRealFloatingType() ? abi::CheckTolerance::Relative
                                                       : abi::CheckTolerance::Exact) +
              "; ";
  return lineDirective(OpenLine, File) + Prototype + " { if (ppar_device_count() == 0) " +
         (Void ? "{ " + variantName(FD, "cpu") + Args + "; return; }"
               : "return " + variantName(FD, "cpu") + Args + ";") +
         " " + abi::checkType() + " *__ppar_c = " +
         abi::checkBegin(FD->getName(), File, DefLine, P.Gpu->CheckRegions) +
         "; if (!__ppar_c) " +
         (Void ? "{ " + variantName(FD, "cuda") + Args + "; return; }"
               : "return " + variantName(FD, "cuda") + Args + ";") +
         " " + (Void ? "" : Keep + "__ppar_s = ") + variantName(FD, "serial") + Args + "; " +
         abi::checkMid("__ppar_c") + "; " + (Void ? "" : Keep + "__ppar_r = ") +
         variantName(FD, "cuda") + Args + "; " + Compare + abi::checkEnd("__ppar_c") + ";" +
         (Void ? "" : " return __ppar_r;") + " }";
}

} // namespace ppar
