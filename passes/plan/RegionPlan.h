//===- RegionPlan.h - One parallel region around a serial loop -----------===//
//
// A serial loop (a time step, a carried `k` loop) whose body holds parallel
// loops would start and join the threads once per parallel loop and
// iteration: microseconds each. When its body can run on every thread at
// once, it becomes a ParallelRegion (plan/Plan.h): its parallel loops are
// shared among the threads, the other statements that write shared data
// run on one thread, with barriers keeping the program order. The loop is
// left to the per-loop scheme when any of this cannot be shown:
//
//  - the loop is canonical, with a bound over variables it does not change;
//  - nothing leaves it early or jumps (break, continue, return, goto, a
//    call that does not return), and it holds no OpenMP directive;
//  - each of its parallel loops is a statement of its body, not nested in
//    an `if` or an inner loop;
//  - a statement that changes a variable declared in the body (which
//    every thread has a copy of) does nothing else: no call, no shared
//    write, no address taken, so every copy gets the same value;
//  - no parallel loop reduces into, keeps the last value of, or writes an
//    array declared in the body;
//  - under jit(reproducible), no parallel loop has a floating-point
//    reduction (its chunks need their own region).
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_PLAN_REGIONPLAN_H
#define PPAR_PASSES_PLAN_REGIONPLAN_H

#include "analysis/Purity.h"
#include "plan/Pipeline.h"

namespace ppar {

/// Fills Plan.Regions from Plan.Loops (planLoops runs first); each region
/// is a LoopDecision too, handed to Opts.ShowDecision when set.
void planRegions(FunctionPlan &Plan, const PipelineOptions &Opts, Purity &P);

} // namespace ppar

#endif
