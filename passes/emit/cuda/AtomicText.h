//===- AtomicText.h - C atomics as CUDA atomics in raw kernels ------------===//
//
// A raw kernel (jit(kernel)) updates shared memory with atomics. In C they
// are clang's atomic builtins (`__atomic_fetch_add`, which ppar.h's
// ppar_atomic_add expands to; C11's atomic_fetch_add on `_Atomic` objects,
// `__c11_atomic_*`) or ++, --, +=, -= and = on an `_Atomic` lvalue. In the
// kernel they become CUDA's atomicAdd, atomicMin, ... through the
// overloaded __ppar_atomic_* helpers of atomicHelpers(), which also handle
// the types CUDA has no overload for (`long`, 64-bit subtraction). Memory
// orders are dropped: CUDA's atomics are relaxed, as ppar.h documents.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_CUDA_ATOMICTEXT_H
#define PPAR_PASSES_EMIT_CUDA_ATOMICTEXT_H

#include "clang/AST/Expr.h"
#include <functional>
#include <string>

namespace ppar {

/// How atomicText prints the pieces: an expression, a type.
struct AtomicPrinters {
  std::function<std::string(const clang::Expr *)> Expr;
  std::function<std::string(clang::QualType)> Type;
};

/// When S is an atomic operation: true, with its CUDA text in Out, or with
/// Error set (lower case, no period) when CUDA has no atomic for it.
/// False for anything else.
bool atomicText(const clang::Stmt *S, const AtomicPrinters &P, std::string &Out,
                std::string &Error);

/// The CUDA helpers atomicText's text calls, and `_Atomic(T)` as T.
const char *atomicHelpers();

} // namespace ppar

#endif
