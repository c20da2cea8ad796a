//===- GpuCheck.cpp - PPAR_CHECK of a GPU variant ------------------------===//

#include "emit/cuda/GpuCheck.h"
#include "emit/Versioning.h"
#include "support/CText.h"

using namespace clang;

namespace ppar {

std::string gpuCheckFunction(const FunctionPlan &P, const std::string &Prototype,
                             const std::string &File, unsigned OpenLine, unsigned DefLine) {
  const FunctionDecl *FD = P.F.FD;
  bool Void = FD->getReturnType()->isVoidType();
  std::string Args = "(" + callArgs(FD) + ")", Regions;
  for (const std::string &R : P.Gpu->CheckRegions)
    Regions += (Regions.empty() ? "" : ", ") + R;
  QualType R = FD->getReturnType();
  std::string Keep = Void ? "" : "__typeof__(" + variantName(FD, "serial") + Args + ") ";
  std::string Compare;
  if (R->isArithmeticType())
    Compare = "__ppar_rt_check_scalar(__ppar_c, \"the result\", (double)__ppar_r, "
              "(double)__ppar_s, " + std::string(R->isRealFloatingType() ? "1" : "0") + "); ";
  return "\n#line " + std::to_string(OpenLine) + " " + File + "\n" + Prototype +
         " { if (ppar_device_count() == 0) " +
         (Void ? "{ " + variantName(FD, "cpu") + Args + "; return; }"
               : "return " + variantName(FD, "cpu") + Args + ";") +
         " struct __ppar_rt_check *__ppar_c = __ppar_rt_check_begin(" + quoted(FD->getName()) +
         ", " + File + ", " + std::to_string(DefLine) + ", (struct __ppar_rt_region[]){" +
         Regions + "}, " + std::to_string(P.Gpu->CheckRegions.size()) + "); if (!__ppar_c) " +
         (Void ? "{ " + variantName(FD, "cuda") + Args + "; return; }"
               : "return " + variantName(FD, "cuda") + Args + ";") +
         " " + (Void ? "" : Keep + "__ppar_s = ") + variantName(FD, "serial") + Args +
         "; __ppar_rt_check_mid(__ppar_c); " + (Void ? "" : Keep + "__ppar_r = ") +
         variantName(FD, "cuda") + Args + "; " + Compare + "__ppar_rt_check_end(__ppar_c);" +
         (Void ? "" : " return __ppar_r;") + " }";
}

} // namespace ppar
