//===- Plan.h - What the passes decided for one annotated function -------===//

#ifndef PPAR_PASSES_PLAN_H
#define PPAR_PASSES_PLAN_H

#include "analysis/Dependence.h"
#include "analysis/Scalars.h"
#include "annotations/Binding.h"
#include "emit/abi/Gpu.h"
#include "emit/cuda/HostCopies.h"
#include "support/EditSet.h"
#include <optional>
#include <string>
#include <vector>

namespace ppar {

/// An innermost loop, inside a parallel loop, that gets `omp simd`.
struct SimdLoop {
  CanonicalLoop Shape;
  ScalarPlan Scalars;
};

/// A loop that becomes an OpenMP parallel loop in the CPU variant.
struct ParallelLoop {
  CanonicalLoop Shape;
  std::optional<PrangeLoop> Mark; ///< the prange marker, if the user wrote one
  ScalarPlan Scalars;
  /// Run-time overlap checks (C expressions); the loop runs in parallel only
  /// when all hold, else serially.
  std::vector<std::string> Checks;
  /// PPAR_CHECK: the regions the loop writes (struct __ppar_rt_region
  /// initializers); empty and Checkable false when not all are known.
  std::vector<std::string> Written;
  bool Checkable = false;
  unsigned Collapse = 1;       ///< loops of the nest the directive covers
  std::vector<SimdLoop> Simd;  ///< innermost loops proven safe for simd
  /// The memory the loop touches through each variable (GPU transfers).
  std::vector<TouchedData> Touched;
  /// jit(reproducible): floating-point reductions by fixed-size chunks
  bool Reproducible = false;
};

/// Edits that turn a copy of the function's body into its GPU variant
/// (CudaVariant.h), and the module of kernels it launches.
struct GpuVariant {
  abi::RunTarget Target = abi::RunTarget::Cuda; ///< Cuda or Auto
  std::string Module; ///< the source string and module object, C text
  std::string Source; ///< the CUDA C++ of the module, for -emit
  /// The edits of the body: the call's begin and end, the launches in
  /// place of the loops, the transfers before the first.
  std::optional<EditSet> Edits;
  /// PPAR_CHECK of the GPU variant: the memory the function's kernels
  /// write (struct __ppar_rt_region initializers), computable at entry;
  /// empty when it cannot be checked as a whole.
  std::vector<std::string> CheckRegions;
  /// Where the device copy is on the host: the pointer parameters the
  /// dispatcher moves onto it (HostCopies.h).
  std::vector<HostCopy> HostCopies;
};

/// One decision about one loop, for the report (text remarks or JSON).
struct LoopDecision {
  enum class Outcome { Serial, Parallel, Simd };
  clang::SourceLocation Loc;
  std::string Message; ///< "loop parallelised: ..." / "loop not parallelised: ..."
  Outcome Result = Outcome::Serial;
};

struct FunctionPlan {
  AnnotatedFunction F;
  std::vector<ParallelLoop> Loops; ///< outermost parallel loops, in order
  std::vector<LoopDecision> Decisions; ///< in the order they were made
  std::optional<GpuVariant> Gpu; ///< target=cuda|auto with loops to offload

  /// A CPU variant is generated when at least one loop runs in parallel.
  bool hasCpuVariant() const { return !Loops.empty(); }
};

} // namespace ppar

#endif
