//===- LoopReport.cpp -----------------------------------------------------===//

#include "emit/LoopReport.h"
#include "emit/openmp/OpenMPEmit.h"
#include "plan/LoopPlan.h"

using namespace clang;

namespace ppar {

std::string directiveText(const LoopDecision &D) {
  switch (D.Result) {
  case LoopDecision::Outcome::Parallel:
    return openMPDirective(D.Scalars, D.Collapse);
  case LoopDecision::Outcome::Simd:
    return simdDirective(D.Scalars);
  case LoopDecision::Outcome::Serial:
  case LoopDecision::Outcome::Region:
    break;
  }
  return "";
}

static std::string parallelMessage(const LoopDecision &D) {
  std::string Msg = "loop parallelised: " + directiveText(D);
  if (D.Floats == LoopDecision::FloatOrder::FixedTree)
    Msg += "; floating-point reductions combined in a fixed tree over "
           "chunks of 1024 iterations, the same on any thread count";
  else if (D.Floats == LoopDecision::FloatOrder::ThreadOrder)
    Msg += "; floating-point reductions combined in thread order";
  if (D.OverlapChecked)
    Msg += "; it runs in parallel only when a run-time check finds that "
           "the pointers it writes do not overlap the others";
  if (D.WrapVar)
    Msg += "; it runs in parallel only when its bound keeps '" +
           D.WrapVar->getNameAsString() + "' from wrapping around";
  if (D.MinWork)
    Msg += "; it runs in parallel only when its nest has at least " +
           std::to_string(D.MinWork) + " iterations, counted at run time";
  if (D.Transformed)
    Msg += "; its nest is " + D.Transform + " for locality";
  return Msg;
}

static std::string regionMessage(const LoopDecision &D) {
  auto Count = [](uint64_t N, const char *What) {
    return std::to_string(N) + " " + What + (N == 1 ? "" : "s");
  };
  if (D.Iterations == 0) // a serial nest by wavefronts of tiles
    return "serial loop runs in one parallel region; its nest is " + D.Transform +
           " (the tiles of one wavefront shared among the threads, a barrier after each)" +
           (D.MinWork ? "; it does so only when, counted at run time, it has at least " +
                            std::to_string(D.MinWork) + " operations, else it runs serially"
                      : std::string());
  std::string Msg = "serial loop runs in one parallel region; its parallel loops are "
                    "shared among the threads (" + Count(D.Iterations, "loop") + ", " +
                    Count(D.Barriers, "barrier") + " in its body)";
  if (D.MinWork)
    Msg += "; it does so only when, counted at run time, they have at least " +
           std::to_string(D.MinWork) + " operations per barrier (iterations times the "
           "operations of one), else it runs serially";
  if (D.Transformed)
    Msg += "; its nest is " + D.Transform + " for locality";
  return Msg;
}

std::string decisionMessage(const LoopDecision &D, const SourceManager &SM) {
  using R = LoopDecision::Reason;
  const std::string Not = "loop not parallelised: ";
  switch (D.Why) {
  case R::Chosen:
    if (D.Result == LoopDecision::Outcome::Region)
      return regionMessage(D);
    return D.Result == LoopDecision::Outcome::Simd ? "loop vectorized: " + directiveText(D)
                                                    : parallelMessage(D);
  case R::NotCanonical:
    return Not + D.Detail;
  case R::TooLittleWork:
    return Not + "it runs " + std::to_string(D.Iterations) +
           " iterations in all, too little work to pay for starting threads";
  case R::Scalar:
  case R::Blocked:
    return Not + D.Detail + " (at " + where(SM, D.DetailLoc) + ")";
  case R::Dependence:
    return Not + dependenceText(*D.Dep, SM);
  case R::NotReproducible:
    return Not + "jit(reproducible) splits a loop with a floating-point reduction "
                 "into fixed chunks, but " + D.Detail;
  case R::Nested:
    return Not + "it is nested in the parallel loop at " + where(SM, D.DetailLoc);
  case R::SimdRejected:
    return "loop not vectorized with simd: " + D.Detail +
           " (the compiler may still vectorize it)";
  case R::SimdFloatReduction:
    return "loop not vectorized with simd: it sums floating-point values, which "
           "simd would reorder; 'fastmath' allows it";
  }
  llvm_unreachable("unknown reason");
}

llvm::StringRef outcomeName(LoopDecision::Outcome O) {
  switch (O) {
  case LoopDecision::Outcome::Serial:
    return "serial";
  case LoopDecision::Outcome::Parallel:
    return "parallel";
  case LoopDecision::Outcome::Simd:
    return "simd";
  case LoopDecision::Outcome::Region:
    return "region";
  }
  llvm_unreachable("unknown outcome");
}

llvm::StringRef reasonName(LoopDecision::Reason R) {
  switch (R) {
  case LoopDecision::Reason::Chosen:
    return "chosen";
  case LoopDecision::Reason::NotCanonical:
    return "not-canonical";
  case LoopDecision::Reason::TooLittleWork:
    return "too-little-work";
  case LoopDecision::Reason::Scalar:
    return "scalar";
  case LoopDecision::Reason::Blocked:
    return "blocked";
  case LoopDecision::Reason::Dependence:
    return "dependence";
  case LoopDecision::Reason::NotReproducible:
    return "not-reproducible";
  case LoopDecision::Reason::Nested:
    return "nested";
  case LoopDecision::Reason::SimdRejected:
    return "simd-rejected";
  case LoopDecision::Reason::SimdFloatReduction:
    return "simd-float-reduction";
  }
  llvm_unreachable("unknown reason");
}

} // namespace ppar
