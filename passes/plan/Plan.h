//===- Plan.h - What the passes decided for one annotated function -------===//

#ifndef PPAR_PASSES_PLAN_H
#define PPAR_PASSES_PLAN_H

#include "analysis/Dependence.h"
#include "analysis/Scalars.h"
#include "annotations/Binding.h"
#include "support/EditSet.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ppar {

struct GpuVariant; // emit/cuda/CudaVariant.h
struct Scop;       // analysis/Scop.h

/// A parallel nest reordered and tiled for locality (plan/TransformPlan.h):
/// its model, its new schedule and its dependences as isl text.
struct NestTransform {
  std::shared_ptr<const Scop> Model;
  std::string Schedule, Dependences;
  std::vector<std::string> Order; ///< the point loops' variables, outermost first
  bool Interchanged = false;
  unsigned Tiled = 0; ///< loops tiled (0: none)
  /// A time loop's nest (plan/TimeTilePlan.h): its tiles run by wavefronts,
  /// the outermost loop on every thread, the one inside it shared.
  bool Wavefront = false;
  bool Skewed = false; ///< a loop of the new order mixes the user's loops
};

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
  /// Run-time overlap checks; the loop runs in parallel only when no pair
  /// overlaps (and Shape.Wrap, if any, holds), else serially.
  /// emit/RangeText.h's loopConditions prints them all.
  std::vector<OverlapCheck> Checks;
  /// PPAR_CHECK: the regions the loop writes; empty and Checkable false
  /// when not all are known.
  std::vector<WrittenRegion> Written;
  bool Checkable = false;
  unsigned Collapse = 1;       ///< loops of the nest the directive covers
  std::vector<SimdLoop> Simd;  ///< innermost loops proven safe for simd
  /// The memory the loop touches through each variable (GPU transfers).
  std::vector<TouchedData> Touched;
  /// jit(reproducible): floating-point reductions by fixed-size chunks
  bool Reproducible = false;
  /// The nest's work, counted at run time when its trip counts are not
  /// constants: its serial copy runs below MinWork iterations (a parallel
  /// region costs microseconds). Empty: always in parallel.
  std::vector<TripEstimate> Work;
  uint64_t MinWork = 0;
  /// Its nest in a new order, or tiled: this text replaces the loop in the
  /// parallel version (the serial copy keeps the user's order).
  std::shared_ptr<const NestTransform> Transform;
};

/// A serial loop whose parallel loops share one OpenMP parallel region
/// (docs/profitability.md): the threads start once, before the loop, and
/// every thread runs every iteration of it; each parallel loop in its body
/// is shared among them (`omp for`, whose barrier ends it), each statement
/// that writes shared data runs on one thread (`omp single`, a barrier
/// after it), and statements that only compute variables declared in the
/// body run on every thread. The loop's own variable is private, so its
/// control is the same on every thread. The region runs only when its work
/// pays for its barriers, counted at run time; otherwise, and under
/// PPAR_CHECK, each parallel loop keeps its own region.
struct ParallelRegion {
  CanonicalLoop Shape;
  std::vector<size_t> Loops; ///< its parallel loops: indices in FunctionPlan::Loops
  /// How a statement of the body runs. Replicated: a serial loop whose body
  /// holds parallel loops; every thread runs its control, its body's
  /// statements run as those of the region's own body.
  enum class Run { Shared, Single, Everywhere, Replicated };
  struct Step {
    const clang::Stmt *S;
    Run How;
    /// Everywhere: a barrier follows, since it reads data that the next
    /// statement's thread may change.
    bool BarrierAfter = false;
    size_t Loop = 0;        ///< Shared: its index in FunctionPlan::Loops
    std::vector<Step> Body; ///< Replicated: its body's statements
  };
  std::vector<Step> Body;
  /// Loop variables declared before the region that every thread needs a
  /// copy of: those of Replicated loops (used nowhere but as such).
  std::vector<const clang::VarDecl *> Private;
  /// The region's work, when known: the serial loop's trip count times,
  /// per iteration, the sum of its parallel loops' nests (with the loops
  /// every thread runs around them), each times StepOps, the operations of
  /// one of its iterations. Below MinWork operations in all, or below
  /// MinStepWork per barrier and iteration, the loop runs serially.
  TripEstimate Trips;
  std::vector<std::vector<TripEstimate>> StepWork;
  std::vector<uint64_t> StepOps;
  uint64_t MinWork = 0, MinStepWork = 0;
  /// Barriers per iteration: Count, times the counts of the Replicated
  /// loops around them.
  struct BarrierCount {
    std::vector<TripEstimate> Times;
    unsigned Count = 0;
  };
  std::vector<BarrierCount> Barriers;
  unsigned BarrierPoints = 0; ///< barriers in the text of the body
  /// The serial loop and its nest time-tiled (plan/TimeTilePlan.h): this
  /// text's wavefronts replace the body in the region (the serial copy and
  /// PPAR_CHECK keep the user's order).
  std::shared_ptr<const NestTransform> Transform;
};

/// A dependence, as the report tells it: the two accesses in the user's
/// words, where they are, and what is known of it.
struct DependenceFact {
  std::string Write, Other; ///< the accesses' source text: `a[i]`, `a[i - 1]`
  clang::SourceLocation WriteLoc, OtherLoc;
  bool SameAccess = false;  ///< one access, by several iterations
  bool Proven = false;      ///< shown to exist, not just not excluded
  bool OtherWrites = false; ///< the other access writes (and does not read)
  bool TwoVariables = false;///< through two pointers that may be the same
  std::optional<int64_t> Distance;
  /// Over the loops around both accesses, outermost first (Dependence.h):
  /// the distances when constant, else the directions; empty when unknown.
  std::vector<int64_t> Distances;
  std::vector<std::string> Direction;
};

/// One decision about one loop, for the report (text remarks or JSON,
/// emit/LoopReport.h prints both).
struct LoopDecision {
  /// Region: a serial loop whose parallel loops share one parallel region
  /// (Iterations: how many).
  enum class Outcome { Serial, Parallel, Simd, Region };
  /// Why: for a serial loop, what stopped it; for a parallel or simd one,
  /// Chosen.
  enum class Reason {
    Chosen,             ///< parallel or simd: Scalars and Collapse say how
    NotCanonical,       ///< Detail: the shape problem
    TooLittleWork,      ///< Iterations
    Scalar,             ///< Detail at DetailLoc: a scalar carried across iterations
    Blocked,            ///< Detail at DetailLoc: a call or an access ppar cannot follow
    Dependence,         ///< Dep
    NotReproducible,    ///< Detail: why jit(reproducible) cannot chunk it
    Nested,             ///< DetailLoc: the parallel loop it is nested in
    SimdRejected,       ///< Detail: why the inner loop is not independent
    SimdFloatReduction, ///< a floating-point reduction without fastmath
  };
  /// How a parallel loop combines floating-point reductions.
  enum class FloatOrder { None, ThreadOrder, FixedTree };

  clang::SourceLocation Loc;
  Outcome Result = Outcome::Serial;
  Reason Why = Reason::Chosen;
  std::string Detail;
  clang::SourceLocation DetailLoc;
  uint64_t Iterations = 0;
  std::optional<DependenceFact> Dep;
  /// Parallel or simd: the clauses of its OpenMP directive.
  ScalarPlan Scalars;
  unsigned Collapse = 1;
  FloatOrder Floats = FloatOrder::None;
  bool OverlapChecked = false;             ///< runs in parallel after a check
  uint64_t MinWork = 0; ///< serial below this many iterations (run time)
  /// Region: its barriers per iteration; MinWork then counts operations of
  /// its parallel loops per barrier and iteration.
  unsigned Barriers = 0;
  const clang::VarDecl *WrapVar = nullptr; ///< ... and a wrap guard of this
  /// Parallel: what the locality transformation did (`interchanged (i, k,
  /// j), tiled 32x32x32`) or why it did nothing; empty when not tried.
  std::string Transform;
  bool Transformed = false;
};

struct FunctionPlan {
  AnnotatedFunction F;
  std::vector<ParallelLoop> Loops; ///< outermost parallel loops, in order
  std::vector<LoopDecision> Decisions; ///< in the order they were made
  /// target=cuda|auto with loops to offload: the GPU variant's text, made
  /// by the jit pass (emit/cuda/CudaVariant.h).
  std::shared_ptr<const GpuVariant> Gpu;
  std::vector<ParallelRegion> Regions; ///< serial loops around parallel ones

  /// A CPU variant is generated when at least one loop runs in parallel,
  /// or a serial nest by wavefronts of tiles (a region without loops).
  bool hasCpuVariant() const { return !Loops.empty() || !Regions.empty(); }
};

} // namespace ppar

#endif
