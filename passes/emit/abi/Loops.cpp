//===- Loops.cpp ----------------------------------------------------------===//

#include "emit/abi/Loops.h"
#include "support/CText.h"
#include "llvm/ADT/StringExtras.h"

namespace ppar::abi {

std::string variantSet(llvm::ArrayRef<Variant> Vs) {
  std::string S;
  for (Variant V : Vs)
    S += (S.empty() ? "1u << " : " | 1u << ") + name(V).str();
  return S;
}

std::string fnObject(llvm::StringRef Obj, llvm::StringRef Fn, llvm::StringRef File,
                     unsigned Line, llvm::ArrayRef<Variant> Vs, RunTarget T) {
  return "static struct __ppar_rt_fn " + Obj.str() + " = " +
         braced({quoted(Fn), quoted(File), std::to_string(Line), variantSet(Vs),
                 name(T).str(), "0"}) +
         ";";
}

std::string choose(llvm::StringRef Obj) { return callText("__ppar_rt_choose", {"&" + Obj.str()}); }

std::string numThreads() { return callText("__ppar_rt_num_threads", {}); }

std::string min(const std::string &A, const std::string &B) {
  return callText("__ppar_rt_min", {A, B});
}

std::string max(const std::string &A, const std::string &B) {
  return callText("__ppar_rt_max", {A, B});
}

std::string disjoint(const std::string &ALo, const std::string &AHi,
                     const std::string &BLo, const std::string &BHi) {
  return callText("__ppar_rt_disjoint", {ALo, AHi, BLo, BHi});
}

std::string partials(const std::string &Count, const std::string &Size) {
  return callText("__ppar_rt_partials", {Count, Size});
}

std::string partialsFree(const std::string &P) {
  return callText("__ppar_rt_partials_free", {P});
}

std::string checkType() { return "struct __ppar_rt_check"; }

std::string region(const std::string &Lo, const std::string &Hi, RegionKind K,
                   uint64_t Size, llvm::StringRef Name) {
  return braced({Lo, Hi, "'" + std::string(1, char(K)) + "'", std::to_string(Size),
                 quoted(Name)});
}

std::string regionArgs(llvm::ArrayRef<std::string> Regions) {
  if (Regions.empty())
    return "0, 0";
  return "(struct __ppar_rt_region[])" + braced(Regions) + ", " +
         std::to_string(Regions.size());
}

std::string checking() { return callText("__ppar_rt_checking", {}); }

std::string checkBegin(llvm::StringRef Fn, llvm::StringRef QuotedFile, unsigned Line,
                       llvm::ArrayRef<std::string> Regions) {
  return callText("__ppar_rt_check_begin", {quoted(Fn), QuotedFile.str(),
                                            std::to_string(Line), regionArgs(Regions)});
}

std::string checkMid(llvm::StringRef Check) {
  return callText("__ppar_rt_check_mid", {Check.str()});
}

std::string checkScalar(llvm::StringRef Check, llvm::StringRef Name,
                        const std::string &Parallel, const std::string &Serial,
                        CheckTolerance T) {
  return callText("__ppar_rt_check_scalar",
                  {Check.str(), quoted(Name), Parallel, Serial, std::to_string(int(T))});
}

std::string checkEnd(llvm::StringRef Check) {
  return callText("__ppar_rt_check_end", {Check.str()});
}

} // namespace ppar::abi
