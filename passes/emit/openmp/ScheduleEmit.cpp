//===- ScheduleEmit.cpp ---------------------------------------------------===//

#include "emit/openmp/ScheduleEmit.h"
#include "analysis/Scop.h"
#include "clang/AST/Decl.h"
#include <isl/aff.h>
#include <isl/ast.h>
#include <isl/ast_build.h>
#include <isl/ctx.h>
#include <isl/id.h>
#include <isl/map.h>
#include <isl/options.h>
#include <isl/schedule.h>
#include <isl/set.h>
#include <isl/union_map.h>
#include <isl/val.h>
#include <map>
#include <set>

namespace ppar {

namespace {

/// Whether the innermost dimension of schedule S carries none of Deps.
bool carriesNone(isl_union_map *Deps, isl_union_map *S) {
  isl_union_map *D = isl_union_map_apply_range(
      isl_union_map_apply_domain(isl_union_map_copy(Deps), isl_union_map_copy(S)), S);
  isl_bool Empty = isl_union_map_is_empty(D);
  if (Empty != isl_bool_false) {
    isl_union_map_free(D);
    return Empty == isl_bool_true;
  }
  isl_map *M = isl_map_from_union_map(D);
  isl_size N = M ? isl_map_dim(M, isl_dim_out) : -1;
  if (N < 1) {
    isl_map_free(M);
    return false;
  }
  for (isl_size K = 0; K + 1 < N; ++K)
    M = isl_map_equate(M, isl_dim_in, K, isl_dim_out, K);
  isl_set *Delta = isl_map_deltas(M);
  isl_set *Up = isl_set_lower_bound_si(isl_set_copy(Delta), isl_dim_set, N - 1, 1);
  isl_set *Down = isl_set_upper_bound_si(Delta, isl_dim_set, N - 1, -1);
  bool None = isl_set_is_empty(Up) == isl_bool_true && isl_set_is_empty(Down) == isl_bool_true;
  isl_set_free(Up);
  isl_set_free(Down);
  return None;
}

struct Annotator {
  isl_ctx *Ctx;
  isl_union_map *Deps;
};

isl_id *beforeFor(isl_ast_build *Build, void *User) {
  auto *A = static_cast<Annotator *>(User);
  bool Parallel = carriesNone(A->Deps, isl_ast_build_get_schedule(Build));
  return isl_id_alloc(A->Ctx, Parallel ? "parallel" : "serial", nullptr);
}

std::string idName(isl_ast_expr *E) {
  isl_id *Id = isl_ast_expr_id_get_id(E);
  std::string S = Id ? isl_id_get_name(Id) : "";
  isl_id_free(Id);
  return S;
}

class Printer {
public:
  Printer(const NestTransform &T, const std::string &Directive,
          const std::function<std::string(const clang::Stmt *)> &Text,
          const std::function<std::string(const clang::Stmt *)> &Line, unsigned Shared)
      : M(*T.Model), Directive(Directive), Text(Text), Line(Line), Shared(Shared) {}

  /// Node N inside Depth loops of the new order (degenerate ones, which
  /// run once, not counted).
  std::string node(isl_ast_node *N, unsigned Depth) {
    switch (isl_ast_node_get_type(N)) {
    case isl_ast_node_for:
      return loop(N, Depth);
    case isl_ast_node_if: {
      isl_ast_expr *C = isl_ast_node_if_get_cond(N);
      isl_ast_node *Then = isl_ast_node_if_get_then_node(N);
      std::string S = "if (" + expr(C) + ") { " + node(Then, Depth) + " }";
      isl_ast_expr_free(C);
      isl_ast_node_free(Then);
      if (isl_ast_node_if_has_else_node(N) == isl_bool_true) {
        isl_ast_node *Else = isl_ast_node_if_get_else_node(N);
        S += " else { " + node(Else, Depth) + " }";
        isl_ast_node_free(Else);
      }
      return S;
    }
    case isl_ast_node_block: {
      isl_ast_node_list *L = isl_ast_node_block_get_children(N);
      std::string S;
      for (isl_size I = 0; I < isl_ast_node_list_n_ast_node(L); ++I) {
        isl_ast_node *C = isl_ast_node_list_get_at(L, I);
        S += (S.empty() ? "" : " ") + node(C, Depth);
        isl_ast_node_free(C);
      }
      isl_ast_node_list_free(L);
      return "{ " + S + " }";
    }
    case isl_ast_node_mark: {
      isl_ast_node *C = isl_ast_node_mark_get_node(N);
      std::string S = node(C, Depth);
      isl_ast_node_free(C);
      return S;
    }
    case isl_ast_node_user:
      if (Depth <= Shared)
        Why = "a statement of the new order runs outside any parallel loop";
      return user(N);
    default:
      Why = "isl built a node ppar does not print";
      return "";
    }
  }

  std::string Why;

private:
  /// The loop variable whose name loop X of Body may take: X gives that
  /// variable, exactly, in every statement of Body that has it, and
  /// nothing else; the variable is a signed integer no outer loop names.
  long follows(isl_ast_node *Body, const std::string &X) {
    struct Use {
      bool IsX;
      long Var;
    };
    struct Walk {
      Printer *P;
      const std::string &X;
      std::vector<Use> Uses;
    } W{this, X, {}};
    isl_ast_node_foreach_descendant_top_down(
        Body,
        [](isl_ast_node *N, void *User) -> isl_bool {
          auto *W = static_cast<Walk *>(User);
          if (isl_ast_node_get_type(N) != isl_ast_node_user)
            return isl_bool_true;
          isl_ast_expr *Call = isl_ast_node_user_get_expr(N);
          const ScopStatement *S = W->P->statement(Call);
          for (size_t T = 0; S && T < S->Loops.size(); ++T) {
            isl_ast_expr *Arg = isl_ast_expr_op_get_arg(Call, T + 1);
            bool IsX = isl_ast_expr_get_type(Arg) == isl_ast_expr_id && idName(Arg) == W->X;
            W->Uses.push_back({IsX, long(S->Loops[T])});
            isl_ast_expr_free(Arg);
          }
          isl_ast_expr_free(Call);
          return isl_bool_true;
        },
        &W);
    long Var = -1;
    for (const Use &U : W.Uses)
      if (U.IsX && Var != U.Var)
        Var = Var == -1 ? U.Var : -2;
    if (Var < 0)
      return -1;
    for (const Use &U : W.Uses)
      if (!U.IsX && U.Var == Var)
        return -1;
    const clang::VarDecl *V = M.Nest->Vars[Var].Var;
    for (auto &[It, Name] : Scope)
      if (Name == V->getNameAsString())
        return -1;
    return V->getType()->isSignedIntegerType() ? Var : -1;
  }

  const ScopStatement *statement(isl_ast_expr *Call) {
    isl_ast_expr *Fn = isl_ast_expr_op_get_arg(Call, 0);
    std::string Name = idName(Fn);
    isl_ast_expr_free(Fn);
    for (const ScopStatement &S : M.Stmts)
      if (S.Name == Name)
        return &S;
    Why = "isl named a statement the model does not have";
    return nullptr;
  }

  std::string loop(isl_ast_node *N, unsigned Depth) {
    bool Outer = Depth == Shared; // the loop the threads share
    isl_ast_expr *It = isl_ast_node_for_get_iterator(N);
    std::string X = idName(It);
    isl_ast_expr_free(It);
    isl_ast_expr *Init = isl_ast_node_for_get_init(N);
    isl_ast_node *Body = isl_ast_node_for_get_body(N);
    std::string From = expr(Init); // outside the loop's own scope
    long Var = follows(Body, X);
    std::string Type = Var >= 0 ? M.Nest->Vars[Var].Var->getType().getAsString() : "long";
    std::string Name = Var >= 0 ? M.varName(Var) : "__ppar_" + X;
    Scope[X] = Name;
    bool Parallel = false;
    if (isl_id *A = isl_ast_node_get_annotation(N)) {
      Parallel = std::string(isl_id_get_name(A)) == "parallel";
      isl_id_free(A);
    }
    if (Outer && !Parallel)
      Why = "an outermost loop of the new order is not parallel";
    if (Outer && !canonical(N, X))
      Why = "an outermost loop of the new order is not in OpenMP's canonical form";
    std::string S;
    if (isl_ast_node_for_is_degenerate(N) == isl_bool_true) {
      S = "{ " + Type + " " + Name + " = " + From + "; " + node(Body, Depth) + " }";
    } else {
      isl_ast_expr *Cond = isl_ast_node_for_get_cond(N);
      isl_ast_expr *Inc = isl_ast_node_for_get_inc(N);
      std::string Test = expr(Cond);
      isl_ast_expr_op_type Op = isl_ast_expr_get_type(Cond) == isl_ast_expr_op
                                    ? isl_ast_expr_op_get_type(Cond)
                                    : isl_ast_expr_op_error;
      if (Op == isl_ast_expr_op_le || Op == isl_ast_expr_op_lt || Op == isl_ast_expr_op_ge ||
          Op == isl_ast_expr_op_gt || Op == isl_ast_expr_op_and || Op == isl_ast_expr_op_and_then)
        Test = Test.substr(1, Test.size() - 2); // binary()'s: the loop's own suffice
      S = (Outer ? Directive : std::string()) + "for (" + Type + " " + Name + " = " + From +
          "; " + Test + "; " + step(Name, Inc) + ") { " +
          node(Body, Depth + 1) + " }";
      isl_ast_expr_free(Cond);
      isl_ast_expr_free(Inc);
    }
    Scope.erase(X);
    isl_ast_expr_free(Init);
    isl_ast_node_free(Body);
    return S;
  }

  /// OpenMP takes `for (var = a; var < b; var += c)`: the test one
  /// comparison of the variable, the step a constant.
  static bool canonical(isl_ast_node *N, const std::string &X) {
    if (isl_ast_node_for_is_degenerate(N) == isl_bool_true)
      return true;
    isl_ast_expr *Cond = isl_ast_node_for_get_cond(N);
    isl_ast_expr *Inc = isl_ast_node_for_get_inc(N);
    bool Ok = isl_ast_expr_get_type(Inc) == isl_ast_expr_int &&
              isl_ast_expr_get_type(Cond) == isl_ast_expr_op;
    if (Ok) {
      isl_ast_expr_op_type T = isl_ast_expr_op_get_type(Cond);
      isl_ast_expr *Var = isl_ast_expr_op_get_arg(Cond, 0);
      Ok = (T == isl_ast_expr_op_le || T == isl_ast_expr_op_lt) &&
           isl_ast_expr_get_type(Var) == isl_ast_expr_id && idName(Var) == X;
      isl_ast_expr_free(Var);
    }
    isl_ast_expr_free(Cond);
    isl_ast_expr_free(Inc);
    return Ok;
  }

  /// `i++`, or `i += 32`.
  std::string step(const std::string &Name, isl_ast_expr *Inc) {
    std::string By = expr(Inc);
    return By == "1" ? Name + "++" : Name + " += " + By;
  }

  std::string user(isl_ast_node *N) {
    isl_ast_expr *Call = isl_ast_node_user_get_expr(N);
    const ScopStatement *S = statement(Call);
    std::string Decls;
    for (size_t T = 0; S && T < S->Loops.size(); ++T) {
      isl_ast_expr *Arg = isl_ast_expr_op_get_arg(Call, T + 1);
      bool Same = isl_ast_expr_get_type(Arg) == isl_ast_expr_id &&
                  Scope.count(idName(Arg)) &&
                  Scope[idName(Arg)] == M.varName(S->Loops[T]);
      if (!Same) {
        const clang::VarDecl *V = M.Nest->Vars[S->Loops[T]].Var;
        std::string Type = V->getType().getAsString();
        Decls += Type + " " + V->getNameAsString() + " = (" + Type + ")(" + expr(Arg) + "); ";
      }
      isl_ast_expr_free(Arg);
    }
    isl_ast_expr_free(Call);
    if (!S)
      return "";
    std::string Stmt = Line(S->S) + Text(S->S) + ";";
    return Decls.empty() ? Stmt : "{ " + Decls + Stmt + " }";
  }

  std::string binary(isl_ast_expr *E, const char *Op) {
    return "(" + arg(E, 0) + " " + Op + " " + arg(E, 1) + ")";
  }

  std::string arg(isl_ast_expr *E, int K) {
    isl_ast_expr *A = isl_ast_expr_op_get_arg(E, K);
    std::string S = expr(A);
    isl_ast_expr_free(A);
    return S;
  }

  /// min and max of any number of arguments, each evaluated once.
  std::string extreme(isl_ast_expr *E, const char *Cmp) {
    std::string S = arg(E, 0);
    for (isl_size K = 1; K < isl_ast_expr_op_get_n_arg(E); ++K)
      S = "({ long __ppar_a = " + S + ", __ppar_b = " + arg(E, K) + "; __ppar_a " + Cmp +
          " __ppar_b ? __ppar_a : __ppar_b; })";
    return S;
  }

  std::string expr(isl_ast_expr *E) {
    switch (isl_ast_expr_get_type(E)) {
    case isl_ast_expr_id: {
      std::string Name = idName(E);
      if (Scope.count(Name))
        return Scope[Name];
      if (Name.size() > 1 && Name[0] == 'p')
        return M.paramC(std::stoul(Name.substr(1)));
      Why = "isl used a name ppar does not know: " + Name;
      return Name;
    }
    case isl_ast_expr_int: {
      isl_val *V = isl_ast_expr_int_get_val(E);
      char *C = isl_val_to_str(V);
      std::string S = C ? C : "0";
      free(C);
      isl_val_free(V);
      return S[0] == '-' ? "(" + S + ")" : S;
    }
    case isl_ast_expr_op:
      break;
    default:
      Why = "isl built an expression ppar does not print";
      return "0";
    }
    switch (isl_ast_expr_op_get_type(E)) {
    case isl_ast_expr_op_and:
    case isl_ast_expr_op_and_then: return binary(E, "&&");
    case isl_ast_expr_op_or:
    case isl_ast_expr_op_or_else: return binary(E, "||");
    case isl_ast_expr_op_max: return extreme(E, ">");
    case isl_ast_expr_op_min: return extreme(E, "<");
    case isl_ast_expr_op_minus: return "(-" + arg(E, 0) + ")";
    case isl_ast_expr_op_add: return binary(E, "+");
    case isl_ast_expr_op_sub: return binary(E, "-");
    case isl_ast_expr_op_mul: return binary(E, "*");
    case isl_ast_expr_op_div:
    case isl_ast_expr_op_pdiv_q: return binary(E, "/");
    case isl_ast_expr_op_pdiv_r:
    case isl_ast_expr_op_zdiv_r: return binary(E, "%");
    case isl_ast_expr_op_fdiv_q:
      // floor division by a positive constant
      return "({ long __ppar_n = " + arg(E, 0) + ", __ppar_d = " + arg(E, 1) +
             "; __ppar_n >= 0 ? __ppar_n / __ppar_d : -((-__ppar_n + __ppar_d - 1) / "
             "__ppar_d); })";
    case isl_ast_expr_op_cond:
    case isl_ast_expr_op_select:
      return "(" + arg(E, 0) + " ? " + arg(E, 1) + " : " + arg(E, 2) + ")";
    case isl_ast_expr_op_eq: return binary(E, "==");
    case isl_ast_expr_op_le: return binary(E, "<=");
    case isl_ast_expr_op_lt: return binary(E, "<");
    case isl_ast_expr_op_ge: return binary(E, ">=");
    case isl_ast_expr_op_gt: return binary(E, ">");
    default:
      Why = "isl built an operation ppar does not print";
      return "0";
    }
  }

  const Scop &M;
  const std::string &Directive;
  const std::function<std::string(const clang::Stmt *)> &Text, &Line;
  /// The depth of the loops that get Directive: 0, or 1 under a wavefront
  /// loop that every thread runs.
  unsigned Shared;
  /// isl's iterators of the loops around, and their names in the text.
  std::map<std::string, std::string> Scope;
};

} // namespace

std::string scheduleText(const NestTransform &T, const std::string &Directive,
                         const std::function<std::string(const clang::Stmt *)> &Text,
                         const std::function<std::string(const clang::Stmt *)> &Line,
                         std::string &Why, unsigned Shared) {
  isl_ctx *Ctx = isl_ctx_alloc();
  isl_options_set_on_error(Ctx, ISL_ON_ERROR_CONTINUE);
  isl_ctx_set_max_operations(Ctx, 2000000);
  isl_schedule *S = isl_schedule_read_from_str(Ctx, T.Schedule.c_str());
  Annotator A{Ctx, isl_union_map_read_from_str(Ctx, T.Dependences.c_str())};
  std::string Out;
  if (S && A.Deps) {
    isl_ast_build *B = isl_ast_build_alloc(Ctx);
    B = isl_ast_build_set_before_each_for(B, beforeFor, &A);
    isl_ast_node *Root = isl_ast_build_node_from_schedule(B, S);
    isl_ast_build_free(B);
    if (Root) {
      Printer P(T, Directive, Text, Line, Shared);
      Out = P.node(Root, 0);
      Why = P.Why;
      isl_ast_node_free(Root);
    } else {
      Why = "isl could not build the loops";
    }
  } else {
    isl_schedule_free(S);
    Why = "isl could not read the schedule";
  }
  isl_union_map_free(A.Deps);
  isl_ctx_free(Ctx);
  return Why.empty() ? Out : "";
}

} // namespace ppar
