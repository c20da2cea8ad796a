//===- EntryGate.h - Run the function as written when no loop can pay ----===//
//
// The multi-core variant decides at each loop or region, at run time,
// whether its work pays for the threads; below the threshold it runs its
// serial copy. That copy is slower than the user's own function: the
// variant's OpenMP regions take the addresses of the locals they share,
// which then live in memory in the serial copy too (PolyBench's durbin and
// trisolv at their LARGE sizes: 5-8% slower than the serial build).
//
// So the dispatcher asks first: could any parallel loop or region of the
// variant have enough work? Each work test is bounded over the parameters
// the body never changes (an enclosing loop's variable by its first or
// last value); when every one can be, their disjunction is tested at
// entry, and when it fails the function runs as the user wrote it.
//
//   case __PPAR_RT_CPU: if ((double)__ppar_rt_max(n - 1, 0) >= 43691) {
//     __ppar_cpu_f(n, x); return; } break;
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_ENTRYGATE_H
#define PPAR_PASSES_EMIT_ENTRYGATE_H

#include "plan/Plan.h"
#include <optional>
#include <string>

namespace ppar {

/// A C condition over P's unchanged parameters that holds whenever some
/// loop or region of P's multi-core variant may run in parallel; nullopt
/// when one always may, or its test cannot be bounded at entry.
std::optional<std::string> entryGate(const FunctionPlan &P);

} // namespace ppar

#endif
