//===- TransformPlan.cpp --------------------------------------------------===//

#include "plan/TransformPlan.h"
#include "analysis/Dependence.h"
#include <isl/aff.h>
#include <isl/id.h>
#include <isl/ctx.h>
#include <isl/options.h>
#include <isl/schedule.h>
#include <isl/schedule_node.h>
#include <isl/set.h>
#include <isl/union_map.h>
#include <isl/union_set.h>
#include <isl/val.h>
#include <map>

using namespace clang;

namespace ppar {

std::string transformSummary(const NestTransform &T) {
  std::string S;
  if (T.Interchanged) {
    S = "interchanged (";
    for (size_t I = 0; I < T.Order.size(); ++I)
      S += (I ? ", " : "") + T.Order[I];
    S += ")";
  }
  if (T.Tiled) {
    std::string Sizes;
    for (unsigned I = 0; I < T.Tiled; ++I)
      Sizes += (I ? "x" : "") + std::to_string(TileSize);
    S += (S.empty() ? "tiled " : ", tiled ") + Sizes;
  }
  return S;
}

namespace {

/// Which loop of the nest each member of a band follows, per statement:
/// Const (the statement does not move along it), Unknown (a combination
/// of loops, or pieces), or the index of the loop in AffineNest::Vars.
constexpr long Const = -1, Unknown = -2;

struct MemberLoops {
  const Scop &M;
  std::vector<long> ByStatement; ///< indexed like M.Stmts
};

isl_stat onePiece(isl_pw_aff *PA, void *User) {
  auto *ML = static_cast<MemberLoops *>(User);
  isl_id *Id = isl_pw_aff_get_tuple_id(PA, isl_dim_in);
  std::string Name = Id ? isl_id_get_name(Id) : "";
  isl_id_free(Id);
  size_t S = 0;
  while (S < ML->M.Stmts.size() && ML->M.Stmts[S].Name != Name)
    ++S;
  isl_aff *A = isl_pw_aff_as_aff(PA);
  if (S == ML->M.Stmts.size() || !A) {
    isl_aff_free(A);
    for (long &L : ML->ByStatement)
      L = Unknown;
    return isl_stat_ok;
  }
  const std::vector<size_t> &Loops = ML->M.Stmts[S].Loops;
  long Found = Const;
  for (size_t T = 0; T < Loops.size(); ++T) {
    isl_val *V = isl_aff_get_coefficient_val(A, isl_dim_in, T);
    long C = isl_val_is_int(V) ? isl_val_get_num_si(V) : 2;
    isl_val_free(V);
    if (C == 0)
      continue;
    Found = (C == 1 && Found == Const) ? long(Loops[T]) : Unknown;
  }
  isl_aff_free(A);
  ML->ByStatement[S] = Found;
  return isl_stat_ok;
}

class Scheduler {
public:
  Scheduler(const Scop &M, isl_ctx *Ctx) : M(M), Ctx(Ctx) {}

  /// Visits node N and its children, transforming the outermost bands;
  /// returns the node at the same place.
  isl_schedule_node *visit(isl_schedule_node *N) {
    if (!N)
      return N;
    if (isl_schedule_node_get_type(N) == isl_schedule_node_band)
      return band(N);
    isl_size Children = isl_schedule_node_n_children(N);
    for (isl_size I = 0; I < Children; ++I) {
      N = isl_schedule_node_child(N, I);
      N = visit(N);
      N = isl_schedule_node_parent(N);
    }
    return N;
  }

  NestTransform T;
  bool Parallel = true;
  bool Improved = false;

private:
  /// Per member, the loop it follows in each statement.
  std::vector<MemberLoops> membersOf(isl_schedule_node *N) {
    std::vector<MemberLoops> Out;
    isl_multi_union_pw_aff *MUPA = isl_schedule_node_band_get_partial_schedule(N);
    isl_size Members = isl_schedule_node_band_n_member(N);
    for (isl_size K = 0; K < Members; ++K) {
      MemberLoops ML{M, std::vector<long>(M.Stmts.size(), Const)};
      isl_union_pw_aff *UPA = isl_multi_union_pw_aff_get_union_pw_aff(MUPA, K);
      isl_union_pw_aff_foreach_pw_aff(UPA, onePiece, &ML);
      isl_union_pw_aff_free(UPA);
      Out.push_back(std::move(ML));
    }
    isl_multi_union_pw_aff_free(MUPA);
    return Out;
  }

  /// How well accesses go with member K innermost: 2 for each access it
  /// leaves in place (reuse), 1 for each it moves by one element.
  int score(const MemberLoops &K, bool &Reuse) const {
    int Score = 0;
    for (size_t S = 0; S < M.Stmts.size(); ++S) {
      long Loop = K.ByStatement[S];
      if (Loop < 0)
        continue;
      const VarDecl *V = M.Nest->Vars[Loop].Var;
      for (const ScopAccess &A : M.Stmts[S].Accesses) {
        bool Still = true, Unit = true;
        for (size_t D = 0; D < A.Subscripts.size(); ++D) {
          std::optional<int64_t> C = A.Subscripts[D].coeffOf(V);
          bool Moves = !C || *C != 0;
          Still &= !Moves;
          bool Last = D + 1 == A.Subscripts.size();
          Unit &= Last ? (C && (*C == 1 || *C == -1)) : !Moves;
        }
        Score += Still ? 2 : Unit ? 1 : 0;
        Reuse |= Still && M.Stmts[S].Loops.size() == M.Depth;
      }
    }
    return Score;
  }

  /// Every constant trip count of the nest is below two tiles.
  bool small() const {
    for (const NestVar &V : M.Nest->Vars) {
      if (!V.Lower || !V.Upper || V.Lower->hasLoopVars() || V.Upper->hasLoopVars() ||
          !V.Lower->Terms.empty() || !V.Upper->Terms.empty())
        return false;
      if (V.Upper->Constant - V.Lower->Constant + 1 >= 2 * TileSize)
        return false;
    }
    return true;
  }

  isl_schedule_node *band(isl_schedule_node *N) {
    isl_size Members = isl_schedule_node_band_n_member(N);
    bool Permutable = isl_schedule_node_band_get_permutable(N) == isl_bool_true;
    std::vector<bool> Coincident;
    for (isl_size K = 0; K < Members; ++K)
      Coincident.push_back(isl_schedule_node_band_member_get_coincident(N, K) ==
                           isl_bool_true);
    std::vector<MemberLoops> Loops = membersOf(N);
    bool Known = true;
    for (const MemberLoops &L : Loops)
      for (long X : L.ByStatement)
        Known &= X != Unknown;
    std::vector<int> Perm;
    for (isl_size K = 0; K < Members; ++K)
      Perm.push_back(K);
    bool Reuse = false, Moved = false;
    if (Known && Permutable && Members > 1) {
      std::vector<int> Scores;
      for (const MemberLoops &L : Loops)
        Scores.push_back(score(L, Reuse));
      // Innermost, a loop that carries no dependence, when one does not:
      // the compiler vectorizes it (a sum along it stays in order).
      auto Better = [&](int K, int Than) -> bool {
        if (Coincident[K] != Coincident[Than])
          return Coincident[K];
        return Scores[K] > Scores[Than];
      };
      int Best = Members - 1;
      for (int K = Members - 2; K >= 0; --K)
        if (Better(K, Best))
          Best = K;
      // The outer loop must stay parallel.
      if (Best != Members - 1 && (Best != 0 || Coincident[1])) {
        Perm.erase(Perm.begin() + Best);
        Perm.push_back(Best);
        Moved = Improved = true;
      }
    }
    if (!Coincident[Perm[0]])
      Parallel = false;
    if (Moved)
      N = permute(N, Perm, Coincident);
    // The order the report gives, and whether it differs from the user's.
    std::vector<long> Order;
    for (int K : Perm) {
      long Loop = Const;
      for (long X : Loops[K].ByStatement)
        if (Loop == Const && X >= 0)
          Loop = X;
      Order.push_back(Loop);
    }
    if (Known && Order.size() > T.Order.size()) {
      T.Order.clear();
      for (long Loop : Order)
        T.Order.push_back(Loop >= 0 ? M.varName(Loop) : "-");
    }
    for (size_t I = 1; Known && I < Order.size(); ++I)
      T.Interchanged |= Order[I] >= 0 && Order[I - 1] > Order[I];
    if (Known && Permutable && Members > 1 && M.Depth >= 3 && Reuse && !small()) {
      isl_multi_val *Sizes = isl_multi_val_zero(isl_schedule_node_band_get_space(N));
      for (isl_size K = 0; K < Members; ++K)
        Sizes = isl_multi_val_set_val(Sizes, K, isl_val_int_from_si(Ctx, TileSize));
      N = isl_schedule_node_band_tile(N, Sizes);
      T.Tiled = std::max<unsigned>(T.Tiled, Members);
    }
    return N;
  }

  /// The band with its members in order Perm (legal: it is permutable).
  isl_schedule_node *permute(isl_schedule_node *N, const std::vector<int> &Perm,
                             const std::vector<bool> &Coincident) {
    isl_multi_union_pw_aff *Old = isl_schedule_node_band_get_partial_schedule(N);
    isl_multi_union_pw_aff *New = isl_multi_union_pw_aff_copy(Old);
    for (size_t K = 0; K < Perm.size(); ++K)
      New = isl_multi_union_pw_aff_set_union_pw_aff(
          New, K, isl_multi_union_pw_aff_get_union_pw_aff(Old, Perm[K]));
    isl_multi_union_pw_aff_free(Old);
    N = isl_schedule_node_delete(N);
    N = isl_schedule_node_insert_partial_schedule(N, New);
    N = isl_schedule_node_band_set_permutable(N, 1);
    for (size_t K = 0; K < Perm.size(); ++K)
      N = isl_schedule_node_band_member_set_coincident(N, K, Coincident[Perm[K]]);
    return N;
  }

  const Scop &M;
  isl_ctx *Ctx;
};

struct IslCtx {
  isl_ctx *C = isl_ctx_alloc();
  ~IslCtx() { isl_ctx_free(C); }
};

} // namespace

isl_union_map *scopDependences(const Scop &M, isl_ctx *Ctx, isl_union_map **Flow) {
  auto UMap = [&](const std::string &S) { return isl_union_map_read_from_str(Ctx, S.c_str()); };
  isl_union_set *Domain = isl_union_set_read_from_str(Ctx, M.domainText().c_str());
  isl_union_map *Order = isl_union_map_intersect_domain(UMap(M.scheduleText()),
                                                        isl_union_set_copy(Domain));
  isl_union_map *W = isl_union_map_intersect_domain(UMap(M.accessText(true)),
                                                    isl_union_set_copy(Domain));
  isl_union_map *R = isl_union_map_intersect_domain(UMap(M.accessText(false)), Domain);
  // Every pair touching one element, one of them writing, earlier first.
  isl_union_map *Before = isl_union_map_lex_lt_union_map(isl_union_map_copy(Order), Order);
  auto Pairs = [&](isl_union_map *A, isl_union_map *B) {
    return isl_union_map_intersect(
        isl_union_map_apply_range(isl_union_map_copy(A), isl_union_map_reverse(isl_union_map_copy(B))),
        isl_union_map_copy(Before));
  };
  isl_union_map *F = Pairs(W, R);
  isl_union_map *All = isl_union_map_union(
      isl_union_map_union(isl_union_map_copy(F), Pairs(R, W)), Pairs(W, W));
  isl_union_map_free(W);
  isl_union_map_free(R);
  isl_union_map_free(Before);
  if (Flow)
    *Flow = F;
  else
    isl_union_map_free(F);
  return All;
}

std::optional<NestTransform> planTransform(const ParallelLoop &L, std::string &Why) {
  if (L.Mark || L.Collapse > 1 || L.Reproducible || !L.Scalars.Reductions.empty() ||
      !L.Scalars.LastPrivate.empty()) {
    Why = "its loop keeps a reduction, a last value, collapse or prange";
    return std::nullopt;
  }
  if (nestVars(L.Shape).size() < 2)
    return std::nullopt; // one loop: nothing to reorder, nothing to report
  std::optional<Scop> Model = buildScop(L.Shape, Why);
  if (!Model)
    return std::nullopt;
  if (Model->Depth < 2) {
    Why = "its statements are inside one loop";
    return std::nullopt;
  }
  IslCtx Ctx;
  isl_options_set_on_error(Ctx.C, ISL_ON_ERROR_CONTINUE);
  isl_ctx_set_max_operations(Ctx.C, 2000000);
  // Statements that need not share loops get nests of their own (gemm's
  // init before its tiled product, not under `if (k == 0)` inside it).
  isl_options_set_schedule_serialize_sccs(Ctx.C, 1);
  isl_options_set_schedule_outer_coincidence(Ctx.C, 1);
  isl_options_set_schedule_maximize_band_depth(Ctx.C, 1);
  // Point loops over the original values, so they keep the user's names.
  isl_options_set_tile_shift_point_loops(Ctx.C, 0);
  isl_union_map *Flow = nullptr;
  isl_union_map *All = scopDependences(*Model, Ctx.C, &Flow);
  isl_union_set *Domain = isl_union_set_read_from_str(Ctx.C, Model->domainText().c_str());
  isl_schedule_constraints *SC = isl_schedule_constraints_on_domain(Domain);
  SC = isl_schedule_constraints_set_validity(SC, isl_union_map_copy(All));
  SC = isl_schedule_constraints_set_coincidence(SC, isl_union_map_copy(All));
  SC = isl_schedule_constraints_set_proximity(SC, Flow);
  isl_schedule *Sched = isl_schedule_constraints_compute_schedule(SC);
  if (!Sched || !All) {
    isl_schedule_free(Sched);
    isl_union_map_free(All);
    Why = "isl found no schedule";
    return std::nullopt;
  }
  Scheduler S(*Model, Ctx.C);
  isl_schedule_node *Root = S.visit(isl_schedule_get_root(Sched));
  isl_schedule_free(Sched);
  Sched = Root ? isl_schedule_node_get_schedule(Root) : nullptr;
  isl_schedule_node_free(Root);
  char *Text = Sched ? isl_schedule_to_str(Sched) : nullptr;
  char *Deps = isl_union_map_to_str(All);
  isl_schedule_free(Sched);
  isl_union_map_free(All);
  NestTransform T = std::move(S.T);
  if (Text)
    T.Schedule = Text;
  if (Deps)
    T.Dependences = Deps;
  free(Text);
  free(Deps);
  if (T.Schedule.empty() || T.Dependences.empty())
    Why = "isl failed on the model";
  else if (!S.Parallel)
    Why = "the new order has no parallel outer loop";
  else if (!T.Tiled && !S.Improved)
    Why = "its order already suits its accesses and tiling would not pay";
  if (!Why.empty())
    return std::nullopt;
  T.Model = std::make_shared<Scop>(std::move(*Model));
  return T;
}

} // namespace ppar
