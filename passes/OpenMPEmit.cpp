//===- OpenMPEmit.cpp -----------------------------------------------------===//

#include "OpenMPEmit.h"

namespace ppar {

static std::string varList(const std::vector<const clang::VarDecl *> &Vars) {
  std::string S;
  for (const clang::VarDecl *V : Vars)
    S += (S.empty() ? "" : ", ") + V->getNameAsString();
  return S;
}

std::string openMPDirective(const ParallelLoop &L) {
  // num_threads makes PPAR_NUM_THREADS apply to every generated loop.
  std::string D = "omp parallel for schedule(static) "
                  "num_threads(__ppar_rt_num_threads())";
  for (const Reduction &R : L.Scalars.Reductions)
    D += " reduction(" + R.Op + ":" + R.Var->getNameAsString() + ")";
  if (!L.Scalars.Private.empty())
    D += " private(" + varList(L.Scalars.Private) + ")";
  if (!L.Scalars.LastPrivate.empty())
    D += " lastprivate(" + varList(L.Scalars.LastPrivate) + ")";
  return D;
}

std::string openMPPragmaText(const ParallelLoop &L) {
  return "_Pragma(\"" + openMPDirective(L) + "\") ";
}

} // namespace ppar
