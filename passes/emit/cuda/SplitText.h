//===- SplitText.h - A GPU call split across devices, as C ---------------===//
//
// With PPAR_DEVICES naming several devices, the GPU variant of a function
// whose whole body is one kernel's loop runs that loop in blocks, one per
// device (docs/multi-gpu.md): before its one-device call it tries
//
//   if (__ppar_rt_gpu_parts() > 1) { <trips of each level>
//     void *__ppar_a[] = {&n, &x, &y};
//     if (__ppar_rt_gpu_split(&__ppar_m_f, __ppar_n0, __ppar_n0 * __ppar_n1,
//                             __ppar_part_f, __ppar_a) == 0)
//       return; }
//
// (a reduction's variables declared first, and each part's partial
// combined into them in part order after the split, then the function's
// `return`), and __ppar_part_f (printed before the variant) is the
// one-device call for the trips [first, first + count) of one part: the
// same launch with the outer level's first value and count moved to the
// block, the data of the block only (the plan's ranges with the loop
// variable between __ppar_blo and __ppar_bhi, TouchedData::Block), its
// partials stored in the caller's slots, its failure returned, never the
// CPU version. The runtime declines a split whose parts write overlapping
// bytes; the variant then goes on with its one-device call.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EMIT_CUDA_SPLITTEXT_H
#define PPAR_PASSES_EMIT_CUDA_SPLITTEXT_H

#include "plan/GpuPlan.h"
#include "plan/Plan.h"
#include <string>

namespace ppar {

/// What the printer of a kernel's launch knows that a part needs.
struct SplitLaunch {
  std::string Trips;  ///< first values and trip counts of every level
  std::string Total;  ///< the iterations of the nest, over Trips' variables
  std::string Checks; ///< the run-time conditions of the loop, "" if none
  std::string Host;   ///< the kernel's arguments, memory through the block
  std::string Launch; ///< the launch, then the fetch of each reduction
  std::vector<Reduction> Reductions; ///< the kernel's
  int64_t Step = 1;   ///< the outer level's step
  std::string Blocker; ///< why the kernel cannot be split; "" when it can
};

/// Why P's GPU variant (Plan, its one kernel's launch S) cannot split its
/// call across devices; "" when it can.
std::string splitBlocker(const FunctionPlan &P, const GpuPlan &Plan, const SplitLaunch &S);

/// The part function `__ppar_part_<Fn>` for module Module.
std::string splitPartText(const FunctionPlan &P, const GpuPlan &Plan, const SplitLaunch &S,
                          const std::string &Module);

/// The variant's first statement: the split, returning when it ran.
std::string splitCallText(const FunctionPlan &P, const SplitLaunch &S,
                          const std::string &Module);

} // namespace ppar

#endif
