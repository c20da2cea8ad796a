//===- Scop.cpp -----------------------------------------------------------===//

#include "analysis/Scop.h"
#include "analysis/MemRefs.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSet.h"
#include <algorithm>
#include <isl/ctx.h>
#include <isl/options.h>
#include <isl/set.h>
#include <map>

using namespace clang;

namespace ppar {

using Symbols = std::vector<const VarDecl *>;

std::string Scop::paramsText() const {
  std::string S = "[";
  for (size_t I = 0; I < Params.size(); ++I)
    S += (I ? ", p" : "p") + std::to_string(I);
  return S + "] -> ";
}

std::string Scop::paramC(size_t K) const {
  std::string S;
  for (const VarDecl *V : Params[K])
    S += (S.empty() ? "" : " * ") + ("(long)" + V->getNameAsString());
  return Params[K].size() > 1 ? "(" + S + ")" : S;
}

std::string Scop::varName(size_t K) const { return Nest->Vars[K].Var->getNameAsString(); }

static std::string joined(const std::vector<std::string> &Parts, const char *Sep) {
  std::string S;
  for (const std::string &P : Parts)
    S += (S.empty() ? "" : Sep) + P;
  return S;
}

std::string Scop::domainText() const {
  std::vector<std::string> Parts;
  for (const ScopStatement &S : Stmts)
    Parts.push_back(S.Domain);
  return paramsText() + "{ " + joined(Parts, "; ") + " }";
}

std::string Scop::scheduleText() const {
  std::vector<std::string> Parts;
  for (const ScopStatement &S : Stmts)
    Parts.push_back(S.Schedule);
  return paramsText() + "{ " + joined(Parts, "; ") + " }";
}

namespace {

/// A statement's tuple: `S0[i0, i2]`.
std::string tuple(const std::string &Name, const std::vector<size_t> &Loops) {
  std::vector<std::string> Dims;
  for (size_t K : Loops)
    Dims.push_back("i" + std::to_string(K));
  return Name + "[" + joined(Dims, ", ") + "]";
}

/// Functions of the C library that read nothing but their arguments.
bool isMathFunction(const FunctionDecl *FD) {
  static const llvm::StringSet<> Names = {
      "sqrt", "exp",  "log",  "pow",  "fabs", "sin",  "cos",   "tan",  "floor",
      "ceil", "fmin", "fmax", "exp2", "log2", "log10", "cbrt", "hypot", "atan",
      "atan2", "asin", "acos", "sinh", "cosh", "tanh", "fma",  "round", "trunc",
      "abs",  "labs"};
  if (!FD || !FD->getBuiltinID())
    return false;
  llvm::StringRef N = FD->getName();
  if (Names.contains(N))
    return true;
  return (N.ends_with("f") || N.ends_with("l")) && Names.contains(N.drop_back());
}

/// Why statement S cannot be modelled ("" when it can): what it assigns
/// must be array elements, what it reads fixed or the nest's variables.
struct StatementCheck : RecursiveASTVisitor<StatementCheck> {
  const AffineNest &N;
  std::string Why;
  explicit StatementCheck(const AffineNest &N) : N(N) {}

  static bool isElement(const Expr *E) {
    E = E->IgnoreParens();
    if (isa<ArraySubscriptExpr>(E))
      return true;
    const auto *UO = dyn_cast<UnaryOperator>(E);
    return UO && UO->getOpcode() == UO_Deref;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp() && !isElement(BO->getLHS()))
      Why = "it assigns a variable, not an array element";
    return Why.empty();
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->isIncrementDecrementOp() && !isElement(UO->getSubExpr()))
      Why = "it increments a variable, not an array element";
    else if (UO->getOpcode() == UO_AddrOf)
      Why = "it takes an address";
    return Why.empty();
  }
  bool VisitMemberExpr(MemberExpr *) {
    Why = "it accesses a struct member";
    return false;
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (!isMathFunction(CE->getDirectCallee()))
      Why = "it calls a function other than a math function";
    return Why.empty();
  }
  bool VisitStmtExpr(StmtExpr *) {
    Why = "it holds a statement expression";
    return false;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (V && !N.isLoopVar(V) && !N.isInvariant(V))
      Why = "it reads '" + V->getNameAsString() + "', which changes in the nest";
    if (DRE->getType().isVolatileQualified())
      Why = "it reads a volatile variable";
    return Why.empty();
  }
};

/// A bound that subtracts in an unsigned type wraps around where the model's
/// integers go negative.
bool subtractsUnsigned(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->getOpcode() == BO_Sub && BO->getType()->isUnsignedIntegerType())
    return true;
  for (const Stmt *C : S->children())
    if (subtractsUnsigned(C))
      return true;
  return false;
}

class Builder {
public:
  Builder(Scop &Out, std::string &Why) : Out(Out), N(*Out.Nest), Why(Why) {}

  bool loop(const ForStmt *F, std::vector<std::string> Prefix) {
    std::optional<size_t> K;
    for (size_t I = 0; I < N.Vars.size(); ++I)
      if (N.Vars[I].Loop == F)
        K = I;
    if (!K)
      return fail("a loop inside it is not a counted loop");
    const NestVar &V = N.Vars[*K];
    if (!V.Lower || !V.Upper || !V.ConstStep || *V.ConstStep == 0)
      return fail("the range of '" + V.Var->getNameAsString() + "' is not affine");
    if (subtractsUnsigned(F->getInit()) || subtractsUnsigned(F->getCond()))
      return fail("a bound of '" + V.Var->getNameAsString() +
                  "' subtracts in an unsigned type, which may wrap around");
    Keywords.push_back(SM().getFileOffset(SM().getExpansionLoc(F->getBeginLoc())));
    Loops.push_back(*K);
    Prefix.push_back(*V.ConstStep > 0 ? "i" + std::to_string(*K)
                                      : "-i" + std::to_string(*K));
    int Pos = 0;
    bool Ok = body(F->getBody(), Prefix, Pos);
    Loops.pop_back();
    return Ok;
  }

private:
  bool fail(std::string W) {
    if (Why.empty())
      Why = std::move(W);
    return false;
  }

  bool body(const Stmt *S, const std::vector<std::string> &Prefix, int &Pos) {
    if (!S || isa<NullStmt>(S))
      return true;
    if (const auto *C = dyn_cast<CompoundStmt>(S)) {
      for (const Stmt *Child : C->body())
        if (!body(Child, Prefix, Pos))
          return false;
      return true;
    }
    if (const auto *F = dyn_cast<ForStmt>(S)) {
      std::vector<std::string> Inner = Prefix;
      Inner.push_back(std::to_string(Pos++));
      return loop(F, Inner);
    }
    if (const auto *E = dyn_cast<Expr>(S))
      return statement(E, Prefix, Pos++);
    if (isa<DeclStmt>(S))
      return fail("it declares a variable inside the nest");
    if (isa<IfStmt, SwitchStmt>(S))
      return fail("it branches (if or switch)");
    if (isa<WhileStmt, DoStmt>(S))
      return fail("it holds a while or do loop");
    return fail("it holds a statement other than an assignment or a loop");
  }

  std::string param(const Symbols &S) {
    auto It = std::find(Out.Params.begin(), Out.Params.end(), S);
    size_t I = It - Out.Params.begin();
    if (It == Out.Params.end())
      Out.Params.push_back(S);
    return "p" + std::to_string(I);
  }

  /// A as isl text over the loops Around; nullopt when it is not affine there.
  std::optional<std::string> text(const Affine &A, const std::vector<size_t> &Around) {
    std::string S = std::to_string(A.Constant);
    for (const AffineTerm &T : A.Terms) {
      std::string Name;
      if (!T.LoopVar) {
        Name = param(T.Symbols);
      } else {
        // The innermost loop around of that variable: two sibling loops
        // may share one (`for (j ...) ...; for (k ...) for (j ...)`).
        auto K = std::find_if(Around.rbegin(), Around.rend(),
                              [&](size_t L) { return N.Vars[L].Var == T.LoopVar; });
        if (!T.Symbols.empty() || K == Around.rend())
          return std::nullopt;
        Name = "i" + std::to_string(*K);
      }
      S += (T.Coeff < 0 ? " - " : " + ") +
           std::to_string(T.Coeff < 0 ? -T.Coeff : T.Coeff) + "*" + Name;
    }
    return "(" + S + ")";
  }

  /// The domain of a statement inside Loops.
  std::optional<std::string> domain(const std::string &Name) {
    std::vector<std::string> Cs, Exists;
    std::vector<size_t> Around;
    for (size_t K : Loops) {
      const NestVar &V = N.Vars[K];
      std::optional<std::string> Lo = text(*V.Lower, Around), Hi = text(*V.Upper, Around);
      if (!Lo || !Hi)
        return std::nullopt;
      std::string I = "i" + std::to_string(K);
      Cs.push_back(*Lo + " <= " + I + " <= " + *Hi);
      int64_t Step = *V.ConstStep;
      if (Step > 1 || Step < -1) {
        std::string E = "e" + std::to_string(Exists.size());
        Exists.push_back(E);
        Cs.push_back(I + " = " + (Step > 0 ? *Lo : *Hi) + (Step < 0 ? " - " : " + ") +
                     std::to_string(Step < 0 ? -Step : Step) + "*" + E);
      }
      Around.push_back(K);
    }
    std::string Body = joined(Cs, " and ");
    if (Body.empty())
      Body = "0 = 0";
    if (!Exists.empty())
      Body = "exists (" + joined(Exists, ", ") + " : " + Body + ")";
    return tuple(Name, Loops) + " : " + Body;
  }

  /// The dimensions of one subscript, a flattened one split; Shape records
  /// the factors it was split at.
  bool dims(Affine A, std::vector<Affine> &Out, std::vector<Symbols> &Shape,
            const std::string &Domain) {
    std::vector<Affine> Cols;
    while (true) {
      std::optional<Symbols> S;
      for (const AffineTerm &T : A.Terms)
        if (T.LoopVar && !T.Symbols.empty() && (!S || T.Symbols.size() < S->size()))
          S = T.Symbols;
      if (!S)
        break;
      auto [Row, Col] = splitBy(A, *S);
      std::optional<std::string> C = text(Col, Loops);
      if (!C)
        return false;
      Obligations.push_back("{ " + Domain + " and (" + *C + " < 0 or " + *C +
                            " >= " + param(*S) + ") }");
      Cols.insert(Cols.begin(), Col);
      Shape.push_back(*S);
      A = Row;
    }
    Out.push_back(A);
    Out.insert(Out.end(), Cols.begin(), Cols.end());
    return true;
  }

  bool statement(const Expr *E, std::vector<std::string> Prefix, int Pos) {
    const SourceManager &SM = N.Ctx.getSourceManager();
    CharSourceRange R = SM.getExpansionRange(E->getSourceRange());
    if (!SM.isWrittenInSameFile(R.getBegin(), SM.getExpansionLoc(N.Root->getBeginLoc())) ||
        !SM.isWrittenInSameFile(R.getBegin(), R.getEnd()))
      return fail("a statement of it is not written in the loop's file");
    if (N.Root->getBeginLoc().isMacroID())
      return fail("the loop comes from a macro");
    Spans.push_back({SM.getFileOffset(R.getBegin()), SM.getFileOffset(R.getEnd())});
    StatementCheck Check(N);
    Check.TraverseStmt(const_cast<Expr *>(E));
    if (!Check.Why.empty())
      return fail(Check.Why);
    ScopStatement S;
    S.S = E;
    S.Loops = Loops;
    S.Name = "S" + std::to_string(Out.Stmts.size());
    std::optional<std::string> D = domain(S.Name);
    if (!D)
      return fail("a loop bound is not affine in the loops around it");
    S.Domain = *D;
    Prefix.push_back(std::to_string(Pos));
    S.Schedule = joined(Prefix, ", "); // padded by finish()
    MemRefs M = collectMemRefs(E);
    for (const MemRef &R : M.Refs) {
      std::string What = R.Base ? "'" + R.Base->getNameAsString() + "'" : "memory";
      if (!R.Base || R.Subscripts.empty())
        return fail("it accesses " + What + " other than by subscripts");
      if (!R.Base->getType()->isArrayType() && !N.isInvariant(R.Base))
        return fail("it goes through " + What + ", which changes in the nest");
      if (R.Access->getType().isVolatileQualified())
        return fail("it accesses volatile memory");
      std::optional<std::vector<Affine>> Subs = N.subscripts(R);
      if (!Subs || (Subs->size() > 1 && !rowsAreArrays(R.Base)))
        return fail("a subscript of " + What + " is not affine");
      ScopAccess A;
      A.Base = R.Base;
      A.Read = R.Read;
      A.Write = R.Write;
      std::vector<Symbols> Shape;
      for (const Affine &Sub : *Subs)
        if (!dims(Sub, A.Subscripts, Shape, S.Domain))
          return fail("a subscript of " + What + " is not affine");
      auto [It, New] = Shapes.try_emplace(R.Base, std::make_pair(Subs->size(), Shape));
      if (!New && It->second != std::make_pair(Subs->size(), Shape))
        return fail(What + " is accessed with subscripts of different shapes");
      for (const Affine &Sub : A.Subscripts) {
        std::optional<std::string> T = text(Sub, Loops);
        if (!T)
          return fail("a subscript of " + What + " is not affine");
        A.Text += (A.Text.empty() ? "" : ", ") + *T;
      }
      S.Accesses.push_back(std::move(A));
    }
    Out.Stmts.push_back(std::move(S));
    Out.Depth = std::max<unsigned>(Out.Depth, Loops.size());
    return true;
  }

public:
  /// Pads schedules to one length; checks the split subscripts' columns
  /// and that each statement's text, macros unexpanded, is its own: a
  /// macro that expands to two statements, or to a loop and a statement,
  /// would be pasted whole for each.
  bool finish() {
    for (size_t A = 0; A < Spans.size(); ++A) {
      for (size_t B = A + 1; B < Spans.size(); ++B)
        if (Spans[A].first <= Spans[B].second && Spans[B].first <= Spans[A].second)
          return fail("one macro writes two of its statements");
      for (unsigned K : Keywords)
        if (Spans[A].first <= K && K <= Spans[A].second)
          return fail("one macro writes a loop and a statement of it");
    }
    for (ScopStatement &S : Out.Stmts) {
      std::string Sched = S.Schedule;
      for (size_t D = S.Loops.size(); D < Out.Depth; ++D)
        Sched += ", 0, 0";
      S.Schedule = tuple(S.Name, S.Loops) + " -> [" + Sched + "]";
    }
    if (Obligations.empty())
      return true;
    isl_ctx *Ctx = isl_ctx_alloc();
    isl_options_set_on_error(Ctx, ISL_ON_ERROR_CONTINUE);
    isl_ctx_set_max_operations(Ctx, 200000);
    bool Ok = true;
    for (const std::string &O : Obligations) {
      isl_set *Bad = isl_set_read_from_str(Ctx, (Out.paramsText() + O).c_str());
      isl_bool Empty = Bad ? isl_set_is_empty(Bad) : isl_bool_error;
      isl_set_free(Bad);
      Ok &= Empty == isl_bool_true;
    }
    isl_ctx_free(Ctx);
    return Ok || fail("a flattened subscript may leave its row");
  }

private:
  Scop &Out;
  const AffineNest &N;
  std::string &Why;
  std::vector<size_t> Loops;
  std::vector<std::string> Obligations;
  std::vector<std::pair<unsigned, unsigned>> Spans; ///< statements' text, as offsets
  std::vector<unsigned> Keywords;                   ///< the loops' `for`
  const SourceManager &SM() const { return N.Ctx.getSourceManager(); }
  std::map<const VarDecl *, std::pair<size_t, std::vector<Symbols>>> Shapes;
};

} // namespace

std::string Scop::accessText(bool Writes) const {
  std::vector<std::string> Parts;
  std::vector<const VarDecl *> Bases; // A<k>: the k-th variable accessed
  for (const ScopStatement &S : Stmts)
    for (const ScopAccess &A : S.Accesses)
      if (std::find(Bases.begin(), Bases.end(), A.Base) == Bases.end())
        Bases.push_back(A.Base);
  for (const ScopStatement &S : Stmts)
    for (const ScopAccess &A : S.Accesses) {
      if (Writes ? !A.Write : !A.Read)
        continue;
      size_t K = std::find(Bases.begin(), Bases.end(), A.Base) - Bases.begin();
      Parts.push_back(tuple(S.Name, S.Loops) + " -> A" + std::to_string(K) + "[" + A.Text +
                      "]");
    }
  return paramsText() + "{ " + joined(Parts, "; ") + " }";
}

std::optional<Scop> buildScop(const CanonicalLoop &L, std::string &Why) {
  Scop Out;
  Out.Nest = std::make_shared<AffineNest>(makeNest(L));
  if (Out.Nest->Jumps) {
    Why = "it jumps (break, continue, goto or return)";
    return std::nullopt;
  }
  Builder B(Out, Why);
  if (!B.loop(L.Loop, {"0"}) || !B.finish())
    return std::nullopt;
  return Out;
}

} // namespace ppar
