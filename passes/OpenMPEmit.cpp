//===- OpenMPEmit.cpp -----------------------------------------------------===//

#include "OpenMPEmit.h"

namespace ppar {

static std::string varList(const std::vector<const clang::VarDecl *> &Vars) {
  std::string S;
  for (const clang::VarDecl *V : Vars)
    S += (S.empty() ? "" : ", ") + V->getNameAsString();
  return S;
}

/// The data-sharing clauses of a loop's scalars.
static std::string scalarClauses(const ScalarPlan &S) {
  std::string D;
  for (const Reduction &R : S.Reductions)
    D += " reduction(" + R.Op + ":" + R.Var->getNameAsString() + ")";
  if (!S.Private.empty())
    D += " private(" + varList(S.Private) + ")";
  if (!S.LastPrivate.empty())
    D += " lastprivate(" + varList(S.LastPrivate) + ")";
  return D;
}

std::string openMPDirective(const ParallelLoop &L) {
  // num_threads makes PPAR_NUM_THREADS apply to every generated loop.
  std::string D = "omp parallel for schedule(static) "
                  "num_threads(__ppar_rt_num_threads())";
  if (L.Collapse > 1)
    D += " collapse(" + std::to_string(L.Collapse) + ")";
  return D + scalarClauses(L.Scalars);
}

std::string simdDirective(const SimdLoop &L) {
  return "omp simd" + scalarClauses(L.Scalars);
}

std::string openMPPragmaText(const ParallelLoop &L) {
  return "_Pragma(\"" + openMPDirective(L) + "\") ";
}

} // namespace ppar
