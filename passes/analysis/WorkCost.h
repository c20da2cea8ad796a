//===- WorkCost.h - How much work one iteration of a loop body does ------===//
//
// The run-time work test weighs a loop nest by iterations times the
// operations of one iteration, because the time an iteration takes varies
// by two orders of magnitude between a vectorised `y[i] += a * x[i]` and a
// body of divisions and square roots, while a parallel region costs the same
// few microseconds for both. The count is coarse on purpose (docs/
// profitability.md): one per arithmetic operation, comparison, load or
// store, more for a division and a call of the C math library.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_WORKCOST_H
#define PPAR_PASSES_WORKCOST_H

#include "clang/AST/Stmt.h"
#include <cstdint>

namespace ppar {

/// Weights of the operations counted by operationsOf.
namespace cost {
constexpr uint64_t Operation = 1; ///< + - * compare, a load or a store
constexpr uint64_t Division = 4;  ///< / and %: not pipelined
constexpr uint64_t MathCall = 8;  ///< sqrt, exp, sin...: tens of cycles
} // namespace cost

/// The operations of one run of Body, every statement counted once (an
/// inner loop's body as one iteration of it): multiplied by the iterations
/// of the whole nest, an upper bound of the nest's work. At least 1.
uint64_t operationsOf(const clang::Stmt *Body);

} // namespace ppar

#endif
