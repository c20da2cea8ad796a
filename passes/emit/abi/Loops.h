//===- Loops.h - Typed calls of the loops, check and dispatch runtime ABI -===//
//
// One builder per entry point of runtime/ppar_rt_abi.h that parallel loops,
// PPAR_CHECK and the dispatcher call, and the ABI's enums as C++ enums
// printed by name. Everything else in passes/ builds these calls through
// here, so a change of the ABI is a change of this file and the header.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_ABI_LOOPS_H
#define PPAR_PASSES_EMIT_ABI_LOOPS_H

#include "emit/abi/Enums.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <string>

namespace ppar::abi {

/// How __ppar_rt_check_scalar compares (its `reduction` argument, which the
/// ABI gives as a number): exactly, within PPAR_CHECK_RTOL, or within the
/// rounding of a single-precision reduction.
enum class CheckTolerance { Exact = 0, Relative = 1, Single = 2 };
/// `struct __ppar_rt_region`'s kind of element.
enum class RegionKind : char { Float = 'f', Signed = 'i', Unsigned = 'u', Other = 'b' };

/// `1u << __PPAR_RT_CPU | 1u << __PPAR_RT_CHECK`: struct __ppar_rt_fn's set.
std::string variantSet(llvm::ArrayRef<Variant> Vs);
/// `static struct __ppar_rt_fn Obj = {"f", "f.c", 3, <set>, <target>, 0};`
std::string fnObject(llvm::StringRef Obj, llvm::StringRef Fn, llvm::StringRef File,
                     unsigned Line, llvm::ArrayRef<Variant> Vs, RunTarget T);
/// `__ppar_rt_choose(&Obj)`.
std::string choose(llvm::StringRef Obj);

std::string numThreads();
std::string min(const std::string &A, const std::string &B);
std::string max(const std::string &A, const std::string &B);
std::string disjoint(const std::string &ALo, const std::string &AHi,
                     const std::string &BLo, const std::string &BHi);
std::string partials(const std::string &Count, const std::string &Size);
std::string partialsFree(const std::string &P);

/// `struct __ppar_rt_check`, the type of a check's handle.
std::string checkType();
/// `{lo, hi, 'f', 8, "name"}`, a `struct __ppar_rt_region` initializer.
std::string region(const std::string &Lo, const std::string &Hi, RegionKind K,
                   uint64_t Size, llvm::StringRef Name);
/// The regions as the arguments `regions, count` of check_begin: a
/// compound literal array and its length, or `0, 0`.
std::string regionArgs(llvm::ArrayRef<std::string> Regions);
std::string checking();
/// QuotedFile is already a string literal; Regions as regionArgs gives.
std::string checkBegin(llvm::StringRef Fn, llvm::StringRef QuotedFile, unsigned Line,
                       llvm::ArrayRef<std::string> Regions);
std::string checkMid(llvm::StringRef Check);
std::string checkScalar(llvm::StringRef Check, llvm::StringRef Name,
                        const std::string &Parallel, const std::string &Serial,
                        CheckTolerance T);
std::string checkEnd(llvm::StringRef Check);

} // namespace ppar::abi

#endif
