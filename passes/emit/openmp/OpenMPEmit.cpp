//===- OpenMPEmit.cpp -----------------------------------------------------===//

#include "emit/openmp/OpenMPEmit.h"
#include "emit/RangeText.h"
#include "emit/abi/Loops.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"

namespace ppar {

/// Iterations per chunk of a jit(reproducible) loop. Part of what the
/// result is: changing it changes the bits of every reproducible sum.
static const int ReproducibleChunk = 1024;

static std::string varList(const std::vector<const clang::VarDecl *> &Vars) {
  std::string S;
  for (const clang::VarDecl *V : Vars)
    S += (S.empty() ? "" : ", ") + V->getNameAsString();
  return S;
}

static std::vector<const Reduction *> fixedOrderReductions(const ParallelLoop &L) {
  std::vector<const Reduction *> Out;
  for (const Reduction &R : L.Scalars.Reductions)
    if (R.reordersFloat())
      Out.push_back(&R);
  return Out;
}

/// The data-sharing clauses of a loop's scalars; without the floating-point
/// reductions when Ordered (the generated code combines those itself). For
/// the report (Shown), a reduction into an array element names the element,
/// not its accumulator.
static std::string scalarClauses(const ScalarPlan &S, bool Ordered = false,
                                 bool Shown = false) {
  std::string D;
  for (const Reduction &R : S.Reductions) {
    std::string Name = R.Var->getNameAsString();
    if (Shown && R.Element)
      Name = sourceText(R.Element->getSourceRange(), R.Var->getASTContext());
    if (!Ordered || !R.reordersFloat())
      D += " reduction(" + info(R.Op).OpenMP.str() + ":" + Name + ")";
  }
  if (!S.Private.empty())
    D += " private(" + varList(S.Private) + ")";
  if (!S.LastPrivate.empty())
    D += " lastprivate(" + varList(S.LastPrivate) + ")";
  return D;
}

static std::string directive(const ScalarPlan &Scalars, unsigned Collapse, bool Shown) {
  // num_threads makes PPAR_NUM_THREADS apply to every generated loop.
  std::string D = "omp parallel for schedule(static) num_threads(" + abi::numThreads() + ")";
  if (Collapse > 1)
    D += " collapse(" + std::to_string(Collapse) + ")";
  return D + scalarClauses(Scalars, false, Shown);
}

std::string openMPDirective(const ScalarPlan &Scalars, unsigned Collapse) {
  return directive(Scalars, Collapse, /*Shown=*/true);
}

std::string openMPDirective(const ParallelLoop &L) {
  return openMPDirective(L.Scalars, L.Collapse);
}

std::string simdDirective(const ScalarPlan &Scalars) { return "omp simd" + scalarClauses(Scalars); }

std::string simdDirective(const SimdLoop &L) { return simdDirective(L.Scalars); }

std::string openMPPragmaText(const ParallelLoop &L) {
  if (fixedOrderReductions(L).empty())
    return "_Pragma(\"" + directive(L.Scalars, L.Collapse, /*Shown=*/false) + "\") ";
  // Inside the parallel region that ReductionText opens; reproducible: each
  // thread a run of whole chunks (__ppar_span iterations), not chunks dealt
  // round-robin, which costs 3-4x on a dot product.
  std::string D = L.Reproducible ? "omp for schedule(static, __ppar_span) nowait"
                                 : "omp for schedule(static) nowait";
  if (L.Collapse > 1)
    D += " collapse(" + std::to_string(L.Collapse) + ")";
  return "_Pragma(\"" + D + scalarClauses(L.Scalars, true) + "\") ";
}

std::string worksharingPragmaText(const ParallelLoop &L) {
  bool Ordered = !fixedOrderReductions(L).empty();
  std::string D = "omp for schedule(static)";
  if (Ordered)
    D += " nowait";
  if (L.Collapse > 1)
    D += " collapse(" + std::to_string(L.Collapse) + ")";
  return "_Pragma(\"" + D + scalarClauses(L.Scalars, Ordered) + "\") ";
}

/// The identity of a floating-point reduction, of its variable's type.
static std::string identity(const Reduction &R) {
  return "(__typeof__(" + R.Var->getNameAsString() + "))" + info(R.Op).FloatIdentity.str();
}

/// `A = A op B` as C text.
static std::string combine(const Reduction &R, const std::string &A, const std::string &B) {
  const ReductionOpInfo &Op = info(R.Op);
  if (!Op.Replaces.empty())
    return A + " = " + B + " " + Op.Replaces.str() + " " + A + " ? " + B + " : " + A + ";";
  return A + " = " + A + " " + Op.OpenMP.str() + " " + B + ";";
}

RegionReductionText regionReductionText(const ParallelLoop &L, unsigned K) {
  RegionReductionText T;
  std::vector<const Reduction *> Rs = fixedOrderReductions(L);
  if (Rs.empty())
    return T;
  // Partials of loop K: every loop of the region has its own, since one
  // variable may be reduced by several loops.
  auto Part = [K](const Reduction *R) {
    return "__ppar_part" + std::to_string(K) + "_" + R->Var->getNameAsString();
  };
  auto Name = [](const Reduction *R) { return R->Var->getNameAsString(); };
  T.Declare = "int __ppar_t" + std::to_string(K) + "; ";
  for (const Reduction *R : Rs)
    T.Declare += "struct { _Alignas(64) __typeof__(" + Name(R) + ") v; } " + Part(R) +
                 "[__ppar_nt]; for (__ppar_t" + std::to_string(K) + " = 0; __ppar_t" +
                 std::to_string(K) + " < __ppar_nt; __ppar_t" + std::to_string(K) + "++) " +
                 Part(R) + "[__ppar_t" + std::to_string(K) + "].v = " + identity(*R) + "; ";
  T.Open = "{ ";
  for (const Reduction *R : Rs)
    T.Open += "__typeof__(" + Name(R) + ") " + Name(R) + " = " + identity(*R) + "; ";
  for (const Reduction *R : Rs)
    T.Close += " " + Part(R) + "[omp_get_thread_num()].v = " + Name(R) + ";";
  T.Close += " } _Pragma(\"omp barrier\") _Pragma(\"omp single\") { int __ppar_t; "
             "for (__ppar_t = 0; __ppar_t < __ppar_nt; __ppar_t++) {";
  for (const Reduction *R : Rs)
    T.Close += " " + combine(*R, Name(R), Part(R) + "[__ppar_t].v");
  T.Close += " } }";
  return T;
}

ReductionText reductionText(const ParallelLoop &L, const clang::ASTContext &Ctx) {
  ReductionText T;
  std::vector<const Reduction *> Rs = fixedOrderReductions(L);
  if (Rs.empty())
    return T;
  auto Part = [](const Reduction *R) { return "__ppar_part_" + R->Var->getNameAsString(); };
  auto Name = [](const Reduction *R) { return R->Var->getNameAsString(); };
  // Each thread (default) or chunk (reproducible) accumulates from the
  // identity into a private copy of the variable, under its own name so the
  // loop's text is unchanged; the copies are combined after the loop in a
  // fixed order, never in the order threads finish.
  if (!L.Reproducible) {
    // One partial per thread, a cache line each, combined in thread order.
    // One counter for every loop here: C89 (gnu89) puts a for loop's
    // declaration in the enclosing block, where a second one would clash.
    T.Open = "{ int __ppar_nt = " + abi::numThreads() + ", __ppar_t; ";
    for (const Reduction *R : Rs)
      T.Open += "struct { _Alignas(64) __typeof__(" + Name(R) + ") v; } " + Part(R) +
                "[__ppar_nt]; for (__ppar_t = 0; __ppar_t < __ppar_nt; __ppar_t++) " +
                Part(R) + "[__ppar_t].v = " + identity(*R) + "; ";
    T.Open += "_Pragma(\"omp parallel num_threads(__ppar_nt)\") { ";
    for (const Reduction *R : Rs)
      T.Open += "__typeof__(" + Name(R) + ") " + Name(R) + " = " + identity(*R) + "; ";
    for (const Reduction *R : Rs)
      T.Close += " " + Part(R) + "[omp_get_thread_num()].v = " + Name(R) + ";";
    T.Close += " } for (__ppar_t = 0; __ppar_t < __ppar_nt; __ppar_t++) {";
    for (const Reduction *R : Rs)
      T.Close += " " + combine(*R, Name(R), Part(R) + "[__ppar_t].v");
    T.Close += " } }";
    return T;
  }
  // jit(reproducible): chunks of a fixed number of iterations, whatever the
  // thread count; chunk k's partial goes to slot k, and the slots are
  // combined by a fixed pairwise tree.
  const LoopHeader &H = L.Shape.Header;
  int64_t S = *H.ConstStep;
  std::string Trip = tripCountText(H.Cmp, S, "__ppar_lo", "__ppar_b");
  std::string C = std::to_string(ReproducibleChunk);
  T.Open = "{ long long __ppar_lo = (long long)(" + sourceText(H.Init->getSourceRange(), Ctx) +
           "), __ppar_b = (long long)(" + sourceText(H.Bound->getSourceRange(), Ctx) +
           "), __ppar_trip = " + Trip + ", __ppar_chunks = (__ppar_trip + " + C + " - 1) / " +
           C + "; int __ppar_nt = " + abi::numThreads() + "; long long __ppar_span = "
           "__ppar_chunks > 0 ? (__ppar_chunks + __ppar_nt - 1) / __ppar_nt * " + C + " : 1; ";
  for (const Reduction *R : Rs)
    T.Open += "__typeof__(" + Name(R) + ") *" + Part(R) + " = " +
              abi::partials("__ppar_chunks", "sizeof *" + Part(R)) + "; ";
  T.Open += "_Pragma(\"omp parallel num_threads(__ppar_nt)\") { long long __ppar_chunk = -1; ";
  for (const Reduction *R : Rs)
    T.Open += "__typeof__(" + Name(R) + ") " + Name(R) + " = " + identity(*R) + "; ";
  // At each iteration: a new chunk stores the partial of the last one.
  std::string Flush, Reset;
  for (const Reduction *R : Rs) {
    Flush += Part(R) + "[__ppar_chunk] = " + Name(R) + "; ";
    Reset += Name(R) + " = " + identity(*R) + "; ";
  }
  T.BodyOpen = "{ long long __ppar_k = ((long long)(" + L.Shape.Var->getNameAsString() +
               ") - __ppar_lo) / " + std::to_string(S) + " / " + C +
               "; if (__ppar_k != __ppar_chunk) { if (__ppar_chunk >= 0) { " + Flush + "} " +
               Reset + "__ppar_chunk = __ppar_k; } } ";
  T.Close = " if (__ppar_chunk >= 0) { " + Flush + "} } for (long long __ppar_w = 1; __ppar_w < "
            "__ppar_chunks; __ppar_w *= 2) for (long long __ppar_k = 0; __ppar_k + __ppar_w < "
            "__ppar_chunks; __ppar_k += 2 * __ppar_w) {";
  for (const Reduction *R : Rs)
    T.Close += " " + combine(*R, Part(R) + "[__ppar_k]", Part(R) + "[__ppar_k + __ppar_w]");
  T.Close += " } if (__ppar_chunks > 0) {";
  for (const Reduction *R : Rs)
    T.Close += " " + combine(*R, Name(R), Part(R) + "[0]");
  T.Close += " }";
  for (const Reduction *R : Rs)
    T.Close += " " + abi::partialsFree(Part(R)) + ";";
  T.Close += " }";
  return T;
}

} // namespace ppar
