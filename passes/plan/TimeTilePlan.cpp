//===- TimeTilePlan.cpp ---------------------------------------------------===//

#include "plan/TimeTilePlan.h"
#include "analysis/Scop.h"
#include "analysis/LoopShape.h"
#include "analysis/WorkCost.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "plan/TransformPlan.h"
#include <isl/aff.h>
#include <isl/options.h>
#include <isl/schedule.h>
#include <isl/schedule_node.h>
#include <isl/set.h>
#include <isl/union_set.h>
#include <isl/val.h>

using namespace clang;

namespace ppar {

std::string timeTileSummary(const NestTransform &T) {
  std::string Sizes;
  for (unsigned I = 0; I < T.Tiled; ++I)
    Sizes += (I ? "x" : "") + std::to_string(TimeTileSize);
  return "time-tiled " + Sizes + (T.Skewed ? " after skewing" : "") +
         ", its tiles run by wavefronts";
}

namespace {

struct IslCtx {
  isl_ctx *C = isl_ctx_alloc();
  ~IslCtx() { isl_ctx_free(C); }
};

/// The time loop's variable appears in no bound of an inner loop and in no
/// subscript.
bool spaceIsFixed(const Scop &M) {
  const VarDecl *T = M.Nest->Vars.front().Var;
  for (size_t K = 1; K < M.Nest->Vars.size(); ++K) {
    const NestVar &V = M.Nest->Vars[K];
    for (const std::optional<Affine> *Side : {&V.Lower, &V.Upper})
      if (!*Side || (*Side)->mentions(T))
        return false;
  }
  for (const ScopStatement &S : M.Stmts)
    for (const ScopAccess &A : S.Accesses)
      for (const Affine &Sub : A.Subscripts)
        if (Sub.mentions(T))
          return false;
  return true;
}

/// Whether some member of band N is not one loop of the user's in every
/// statement (a skew: `2t + i`).
isl_bool skewedPiece(isl_pw_aff *PA, void *User) {
  bool &Skewed = *static_cast<bool *>(User);
  isl_aff *A = isl_pw_aff_as_aff(isl_pw_aff_copy(PA)); // PA is only lent
  if (!A)
    return isl_bool_false;
  isl_size In = isl_aff_dim(A, isl_dim_in);
  int Loops = 0;
  for (isl_size K = 0; K < In; ++K) {
    isl_val *V = isl_aff_get_coefficient_val(A, isl_dim_in, K);
    Loops += !isl_val_is_zero(V);
    Skewed |= !isl_val_is_zero(V) && !isl_val_is_one(V);
    isl_val_free(V);
  }
  Skewed |= Loops > 1;
  isl_aff_free(A);
  return isl_bool_true;
}

bool skewed(isl_schedule_node *N) {
  bool Skewed = false;
  isl_multi_union_pw_aff *MUPA = isl_schedule_node_band_get_partial_schedule(N);
  for (isl_size K = 0; K < isl_multi_union_pw_aff_size(MUPA); ++K) {
    isl_union_pw_aff *UPA = isl_multi_union_pw_aff_get_at(MUPA, K);
    if (isl_union_pw_aff_every_pw_aff(UPA, skewedPiece, &Skewed) != isl_bool_true)
      Skewed = true;
    isl_union_pw_aff_free(UPA);
  }
  isl_multi_union_pw_aff_free(MUPA);
  return Skewed;
}

/// Band N of tile coordinates (T0, T1, ...) as (T0 + T1 + ..., T1, ...): the
/// first member numbers the wavefronts. A dependence between tiles goes
/// forward or nowhere along each member (the band is permutable), so it
/// goes forward along the sum: tiles of one wavefront are independent.
isl_schedule_node *wavefront(isl_schedule_node *N) {
  isl_multi_union_pw_aff *Old = isl_schedule_node_band_get_partial_schedule(N);
  isl_union_pw_aff *Sum = isl_multi_union_pw_aff_get_at(Old, 0);
  for (isl_size K = 1; K < isl_multi_union_pw_aff_size(Old); ++K)
    Sum = isl_union_pw_aff_add(Sum, isl_multi_union_pw_aff_get_at(Old, K));
  isl_multi_union_pw_aff *New = isl_multi_union_pw_aff_set_at(Old, 0, Sum);
  N = isl_schedule_node_delete(N);
  return isl_schedule_node_insert_partial_schedule(N, New);
}

/// Every dependence goes forward in schedule S.
bool respects(isl_schedule *S, isl_union_map *Deps) {
  isl_union_map *Map = isl_schedule_get_map(S);
  isl_union_map *Later = isl_union_map_lex_lt_union_map(isl_union_map_copy(Map), Map);
  isl_bool Ok = isl_union_map_is_subset(Deps, Later);
  isl_union_map_free(Later);
  return Ok == isl_bool_true;
}

} // namespace

std::optional<NestTransform> planTimeTiling(const CanonicalLoop &Time, bool FixedSpace,
                                            std::string &Why) {
  std::optional<Scop> Model = buildScop(Time, Why);
  if (!Model)
    return std::nullopt;
  if (Model->Depth < 2) {
    Why = "its statements are inside one loop";
    return std::nullopt;
  }
  if (FixedSpace && !spaceIsFixed(*Model)) {
    Why = "its loops' overlap checks would depend on the time step";
    return std::nullopt;
  }
  IslCtx Ctx;
  isl_options_set_on_error(Ctx.C, ISL_ON_ERROR_CONTINUE);
  isl_ctx_set_max_operations(Ctx.C, 4000000);
  // One band over the time loop and its sweeps, fused: no outer loop is
  // parallel here, the tiles are.
  isl_options_set_schedule_serialize_sccs(Ctx.C, 0);
  isl_options_set_schedule_outer_coincidence(Ctx.C, 0);
  isl_options_set_schedule_maximize_band_depth(Ctx.C, 1);
  isl_options_set_tile_shift_point_loops(Ctx.C, 0);
  isl_options_set_tile_scale_tile_loops(Ctx.C, 0);
  isl_union_map *All = scopDependences(*Model, Ctx.C, nullptr);
  isl_union_set *Domain = isl_union_set_read_from_str(Ctx.C, Model->domainText().c_str());
  isl_schedule_constraints *SC = isl_schedule_constraints_on_domain(Domain);
  SC = isl_schedule_constraints_set_validity(SC, isl_union_map_copy(All));
  SC = isl_schedule_constraints_set_proximity(SC, isl_union_map_copy(All));
  isl_schedule *Sched = isl_schedule_constraints_compute_schedule(SC);
  isl_schedule_node *N = Sched ? isl_schedule_get_root(Sched) : nullptr;
  isl_schedule_free(Sched);
  Sched = nullptr;
  N = N ? isl_schedule_node_child(N, 0) : nullptr;
  if (!N || !All) {
    Why = "isl found no schedule";
  } else if (isl_schedule_node_get_type(N) != isl_schedule_node_band ||
             isl_schedule_node_band_n_member(N) < 2 ||
             isl_schedule_node_band_get_permutable(N) != isl_bool_true) {
    Why = "no skewing makes the time loop and the loops inside it a permutable band "
          "(a dependence goes backwards along a loop whatever the skew)";
  } else {
    NestTransform T;
    T.Skewed = skewed(N);
    T.Wavefront = true;
    isl_size Members = isl_schedule_node_band_n_member(N);
    // The innermost loop is not tiled when three or more are: its rows stay
    // whole, long enough to vectorize (tiles of 32 rows already keep a
    // time tile's rows in cache).
    bool KeepInner = Members >= 3;
    if (KeepInner)
      N = isl_schedule_node_band_split(N, Members - 1);
    T.Tiled = KeepInner ? Members - 1 : Members;
    isl_multi_val *Sizes = isl_multi_val_zero(isl_schedule_node_band_get_space(N));
    for (unsigned K = 0; K < T.Tiled; ++K)
      Sizes = isl_multi_val_set_val(Sizes, K, isl_val_int_from_si(Ctx.C, TimeTileSize));
    N = isl_schedule_node_band_tile(N, Sizes);
    N = wavefront(N);
    // The point loops separate their full and partial parts: no guard
    // per statement in the innermost loop where all of them run (jacobi-2d
    // at 1000, one thread: 0.45 s against 0.57 s).
    N = isl_schedule_node_child(N, 0);
    while (N && isl_schedule_node_get_type(N) == isl_schedule_node_band) {
      N = isl_schedule_node_band_set_ast_build_options(
          N, isl_union_set_read_from_str(Ctx.C, "{ separate[x] }"));
      if (isl_schedule_node_n_children(N) != 1)
        break;
      N = isl_schedule_node_child(N, 0);
    }
    Sched = N ? isl_schedule_node_get_schedule(N) : nullptr;
    if (!Sched || !respects(Sched, All)) {
      Why = "isl could not show that the tiled order respects every dependence";
    } else {
      char *Text = isl_schedule_to_str(Sched);
      char *Deps = isl_union_map_to_str(All);
      T.Schedule = Text ? Text : "";
      T.Dependences = Deps ? Deps : "";
      free(Text);
      free(Deps);
      if (T.Schedule.empty() || T.Dependences.empty()) {
        Why = "isl failed on the model";
      } else {
        T.Model = std::make_shared<Scop>(std::move(*Model));
        isl_schedule_free(Sched);
        isl_schedule_node_free(N);
        isl_union_map_free(All);
        return T;
      }
    }
  }
  isl_schedule_free(Sched);
  isl_schedule_node_free(N);
  isl_union_map_free(All);
  return std::nullopt;
}

bool distinctArrays(const ForStmt *F) {
  bool Plain = false;
  llvm::SmallPtrSet<const VarDecl *, 8> Seen;
  for (const MemRef &M : collectMemRefs(F).Refs) {
    if (!M.Base)
      return false;
    Seen.insert(M.Base);
    QualType T = M.Base->getType();
    Plain |= !T->isArrayType() && !T.isRestrictQualified();
  }
  return !Plain || Seen.size() <= 1;
}

std::string whyNotTimeTiled(const ParallelRegion &R, const FunctionPlan &P, bool &FixedSpace) {
  for (const ParallelRegion::Step &St : R.Body) {
    if (St.How != ParallelRegion::Run::Shared)
      return "its body holds statements other than parallel loops";
    const ParallelLoop &L = P.Loops[St.Loop];
    if (L.Mark || L.Collapse > 1 || L.Reproducible || !L.Scalars.Reductions.empty() ||
        !L.Scalars.LastPrivate.empty())
      return "a loop in it keeps a reduction, a last value, collapse or prange";
    FixedSpace |= !L.Checks.empty() || L.Shape.Wrap;
  }
  // The model takes each variable for an array of its own. The sweeps'
  // overlap checks cover the pairs each sweep touches, over its own
  // ranges; reordered across sweeps and steps, other pairs would meet.
  if (!distinctArrays(R.Shape.Loop))
    return "two of its pointers may point into one array (restrict would settle it)";
  return "";
}

bool wavefrontWork(const NestTransform &T, ParallelRegion &R) {
  const std::vector<NestVar> &Vars = T.Model->Nest->Vars;
  std::optional<TripEstimate> Trips = tripEstimate(Vars.front(), Vars);
  if (!Trips)
    return false;
  for (const ScopStatement &S : T.Model->Stmts) {
    std::vector<TripEstimate> Product;
    for (size_t K = 1; K < S.Loops.size(); ++K) {
      std::optional<TripEstimate> E = tripEstimate(Vars[S.Loops[K]], Vars);
      if (!E)
        return false;
      Product.push_back(std::move(*E));
    }
    R.StepWork.push_back(std::move(Product));
    R.StepOps.push_back(operationsOf(S.S));
  }
  R.Trips = std::move(*Trips);
  return true;
}

static bool timeTilingOff(const FunctionPlan &P, const PipelineOptions &Opts) {
  const Annotation *Jit = P.F.find(Directive::Jit);
  return !Opts.Transform || !Opts.TimeTiling || (Jit && Jit->TransformOff);
}

std::string timeTileRegion(ParallelRegion &R, const FunctionPlan &P, const PipelineOptions &Opts,
                           const LoopVariableOnly &Only) {
  if (timeTilingOff(P, Opts))
    return "";
  bool FixedSpace = false;
  if (std::string Why = whyNotTimeTiled(R, P, FixedSpace); !Why.empty())
    return Why;
  for (const NestVar &V : nestVars(R.Shape))
    if (!Only(V.Var, R))
      return "'" + V.Var->getNameAsString() + "' is used outside the loops it counts";
  std::string Why;
  std::optional<NestTransform> T = planTimeTiling(R.Shape, FixedSpace, Why);
  if (!T)
    return Why;
  R.Transform = std::make_shared<NestTransform>(std::move(*T));
  return timeTileSummary(*R.Transform);
}

std::optional<ParallelRegion> wavefrontRegion(const ForStmt *F, const FunctionPlan &P,
                                              const PipelineOptions &Opts,
                                              const LoopVariableOnly &Only) {
  const ASTContext &Ctx = P.F.FD->getASTContext();
  // The statement may end in a macro (`/ SCALAR_VAL(9.0);`): its `;` is
  // where the region's text ends.
  if (timeTilingOff(P, Opts) || F->getBeginLoc().isMacroID() ||
      lastToken(F, Ctx.getSourceManager(), Ctx.getLangOpts()).isMacroID())
    return std::nullopt;
  ShapeProblem Problem;
  std::optional<CanonicalLoop> Shape = checkLoopShape(F, Problem);
  if (!Shape || nestVars(*Shape).size() < 2 || !distinctArrays(F))
    return std::nullopt;
  ParallelRegion R{};
  R.Shape = *Shape;
  for (const NestVar &V : nestVars(*Shape))
    if (!Only(V.Var, R))
      return std::nullopt;
  std::string Why;
  std::optional<NestTransform> T = planTimeTiling(*Shape, false, Why);
  if (!T || (Opts.MinWork && !wavefrontWork(*T, R)))
    return std::nullopt; // a work not known: no way to tell small from large
  R.MinWork = Opts.MinWork;
  R.Transform = std::make_shared<NestTransform>(std::move(*T));
  return R;
}

} // namespace ppar
