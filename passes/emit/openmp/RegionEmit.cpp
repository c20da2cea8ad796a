//===- RegionEmit.cpp -----------------------------------------------------===//

#include "emit/openmp/RegionEmit.h"
#include "analysis/Accesses.h"
#include "emit/RangeText.h"
#include "emit/Versioning.h"
#include "emit/abi/Loops.h"
#include "emit/openmp/OpenMPEmit.h"
#include "emit/openmp/ScheduleEmit.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include <functional>

using namespace clang;

namespace ppar {

/// `\n#line N "f.c"\n` and the blanks up to Loc's column: what puts the
/// text that follows back at Loc.
static std::string lineOf(const SourceManager &SM, SourceLocation Loc, const std::string &File) {
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Loc));
  return lineDirective(P.getLine(), File) + std::string(P.getColumn() - 1, ' ');
}

/// `\n#line N "f.c"\n` and padding after the token at End: back to the
/// user's text that follows it.
static std::string lineAfter(const SourceManager &SM, const LangOptions &LO, SourceLocation End,
                             const std::string &File) {
  PresumedLoc Last = SM.getPresumedLoc(Lexer::getLocForEndOfToken(End, 0, SM, LO));
  return lineDirective(Last.getLine(), File) + padding(SM, End, Last);
}

/// E as the user wrote it, macros unexpanded when E is made of whole
/// expansions (`_PB_N - 1`): the variant sees the same macros. "" else.
static std::string writtenText(const Expr *E, const ASTContext &Ctx) {
  std::string Text = sourceText(E->getSourceRange(), Ctx);
  if (!Text.empty())
    return Text;
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = Lexer::makeFileCharRange(CharSourceRange::getTokenRange(E->getSourceRange()),
                                               SM, Ctx.getLangOpts());
  if (R.isInvalid())
    return "";
  // On one line of the generated text: no line break, no `//` comment.
  llvm::StringRef Written = Lexer::getSourceText(R, SM, Ctx.getLangOpts());
  return Written.contains('\n') || Written.contains("//") ? "" : Written.str();
}

/// The region's work test as C, or "" when its work is not known:
/// `__ppar_step` (declared by the caller) is the work of one iteration, in
/// operations: each nest's iterations times those of one of its iterations.
static std::string workText(const ParallelRegion &R) {
  std::string Step;
  for (size_t I = 0; I < R.StepWork.size(); ++I)
    Step += (Step.empty() ? "" : " + ") + productText(R.StepWork[I]) + " * " +
            std::to_string(R.StepOps[I]);
  return Step;
}

/// The region's barriers per iteration as C: `3`, or `2 + (double)m * 1`
/// when some are in a loop every thread runs.
static std::string barrierText(const ParallelRegion &R) {
  unsigned Fixed = 0;
  std::string Text;
  for (const ParallelRegion::BarrierCount &B : R.Barriers) {
    if (B.Times.empty()) {
      Fixed += B.Count;
      continue;
    }
    Text += " + " + productText(B.Times) + " * " + std::to_string(B.Count);
  }
  return Text.empty() ? std::to_string(Fixed) : "(" + std::to_string(Fixed) + Text + ")";
}

/// One parallel loop of the region, in Copy: `omp for`, its simd loops,
/// its floating-point partials; with overlap checks or a wrap guard, its
/// serial copy on one thread when they fail. Declare gets what must exist
/// before the region.
static std::string emitShared(EditSet &Copy, const EditSet &Plain, const ParallelLoop &L,
                              unsigned K, const ASTContext &Ctx, const std::string &File,
                              std::string &Declare) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation At = directivePoint(SM, L);
  for (const SimdLoop &S : L.Simd)
    if (std::string Why = Copy.insertBefore(S.Shape.Loop->getBeginLoc(),
                                            "_Pragma(\"" + simdDirective(S) + "\") ");
        !Why.empty())
      return Why;
  SourceLocation End = lastToken(L.Shape.Loop, SM, Ctx.getLangOpts());
  std::string Pre, Post;
  // A loop variable kept after the loop gets its first value as the serial
  // loop gives it, even when the loop runs zero times (emitLoop's reason).
  const VarDecl *Var = L.Shape.Var;
  bool Kept = llvm::is_contained(L.Scalars.LastPrivate, Var);
  std::string Init = sourceText(L.Shape.Header.Init->getSourceRange(), Ctx);
  if (!L.Shape.VarDeclaredInLoop && Kept && !Init.empty() &&
      collectAccesses(L.Shape.Header.Init).Calls.empty()) {
    // Only a loop that runs zero times needs it: every thread tests that
    // alike, and only then do they wait for the one that assigns it.
    const LoopHeader &H = L.Shape.Header;
    std::string Bound = writtenText(H.Bound, Ctx);
    std::string Assign = "_Pragma(\"omp single\") " + Var->getNameAsString() + " = " + Init + "; ";
    if (!Bound.empty() && !H.Init->HasSideEffects(Ctx) && !H.Bound->HasSideEffects(Ctx))
      Assign = "if (!((" + Init + ") " + BinaryOperator::getOpcodeStr(H.Cmp).str() + " (" +
               Bound + "))) " + Assign;
    Pre += Assign;
  }
  // Every thread tests the same pointers and bounds, which no thread
  // changes between the barriers around the loop: all take one branch. A
  // floating-point reduction also keeps its own work test, so it sums in
  // parallel exactly when it would in a region of its own and its result
  // has the same bits (an ill-conditioned sum magnifies any other order).
  bool Floats = llvm::any_of(L.Scalars.Reductions,
                             [](const Reduction &Red) { return Red.reordersFloat(); });
  std::string Cond = llvm::join(Floats ? cpuLoopConditions(L) : loopConditions(L), " && ");
  if (!Cond.empty()) {
    if (std::string Why = Plain.copyProblem(SourceRange(At, End)); !Why.empty())
      return Why;
    Pre += "if (" + Cond + ") { ";
    Post = " } else _Pragma(\"omp single\") {" + lineOf(SM, At, File) +
           Plain.text(SourceRange(At, End)) + " }";
  }
  RegionReductionText Red = regionReductionText(L, K);
  Declare += Red.Declare;
  Pre += Red.Open;
  Post = Red.Close + Post;
  // Several statements where the loop was one: a block, since the loop may
  // be the body of another without braces.
  if (!Pre.empty() || !Post.empty()) {
    Pre = "{ " + Pre;
    Post += " }";
  }
  if (std::string Why = Copy.insertBefore(At, Pre + worksharingPragmaText(L)); !Why.empty())
    return Why;
  if (Post.empty())
    return "";
  return Copy.insertAfterToken(End, Post + lineAfter(SM, Ctx.getLangOpts(), End, File));
}

/// The region of R's time-tiled nest (plan/TimeTilePlan.h): every thread
/// runs the wavefronts, the tiles of each are shared (`omp for`, whose
/// barrier ends the wavefront); the statements are copied from Plain under
/// `#line`. "" when the new order cannot be printed.
static std::string tiledRegion(const ParallelRegion &R, const EditSet &Plain,
                               const SourceManager &SM, const std::string &File) {
  auto Text = [&](const Stmt *S) {
    CharSourceRange Range = SM.getExpansionRange(S->getSourceRange());
    return Plain.text(SourceRange(Range.getBegin(), Range.getEnd()));
  };
  auto Line = [&](const Stmt *S) {
    PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(S->getBeginLoc()));
    return lineDirective(P.getLine(), File) + std::string(P.getColumn() - 1, ' ');
  };
  std::string Why;
  std::string Nest = scheduleText(*R.Transform, "_Pragma(\"omp for schedule(static)\") ", Text,
                                  Line, Why, /*Shared=*/1);
  if (Nest.empty())
    return "";
  return "{ int __ppar_nt = " + abi::numThreads() +
         "; _Pragma(\"omp parallel num_threads(__ppar_nt)\") { " + Nest + " } }";
}

std::string emitRegion(EditSet &Variant, const EditSet &Plain, EditSet &Copy,
                       const ParallelRegion &R, const FunctionPlan &P, const std::string &File) {
  using Run = ParallelRegion::Run;
  const ASTContext &Ctx = P.F.FD->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  const ForStmt *S = R.Shape.Loop;
  SourceLocation At = S->getBeginLoc();
  SourceLocation End = lastToken(S, SM, Ctx.getLangOpts());
  if (std::string Why = Plain.copyProblem(SourceRange(At, End)); !Why.empty())
    return Why;

  // Where each statement's directive goes: a loop's before its prange
  // attribute, any other's before its first token.
  auto placeOf = [&](const ParallelRegion::Step &St) -> SourceLocation {
    if (St.How == Run::Shared)
      return directivePoint(SM, P.Loops[St.Loop]);
    return SM.getExpansionLoc(St.S->getBeginLoc());
  };
  std::string Declare;
  std::function<std::string(const std::vector<ParallelRegion::Step> &)> Directives =
      [&](const std::vector<ParallelRegion::Step> &Body) -> std::string {
    for (size_t I = 0; I < Body.size(); ++I) {
      const ParallelRegion::Step &St = Body[I];
      std::string Why;
      // A run of statements on one thread: one single, one barrier.
      bool First = St.How == Run::Single && (I == 0 || Body[I - 1].How != Run::Single);
      bool Last = St.How == Run::Single &&
                  (I + 1 == Body.size() || Body[I + 1].How != Run::Single);
      if (First && Last)
        Why = Copy.insertBefore(placeOf(St), "_Pragma(\"omp single\") ");
      else if (First)
        Why = Copy.insertBefore(placeOf(St), "_Pragma(\"omp single\") { ");
      else if (Last)
        Why = Copy.insertAfterToken(lastToken(St.S, SM, Ctx.getLangOpts()), " }");
      if (St.How == Run::Shared)
        Why = emitShared(Copy, Plain, P.Loops[St.Loop], St.Loop, Ctx, File, Declare);
      if (St.How == Run::Replicated)
        Why = Directives(St.Body);
      if (!Why.empty())
        return Why;
    }
    return "";
  };
  // Barriers last: an insertion goes before those made at the same place.
  std::function<std::string(const std::vector<ParallelRegion::Step> &, const Stmt *)> Barriers =
      [&](const std::vector<ParallelRegion::Step> &Body, const Stmt *Of) -> std::string {
    const auto *Block = dyn_cast<CompoundStmt>(Of);
    for (size_t I = 0; I < Body.size(); ++I) {
      if (Body[I].How == Run::Replicated)
        if (std::string Why = Barriers(Body[I].Body, cast<ForStmt>(Body[I].S)->getBody());
            !Why.empty())
          return Why;
      if (!Body[I].BarrierAfter)
        continue;
      SourceLocation Next = I + 1 < Body.size() ? placeOf(Body[I + 1])
                            : Block             ? Block->getRBracLoc()
                                                : SourceLocation();
      if (Next.isInvalid())
        return "the loop's body is one statement";
      if (std::string Why = Copy.insertBefore(Next, "_Pragma(\"omp barrier\") "); !Why.empty())
        return Why;
    }
    return "";
  };
  if (std::string Why = Directives(R.Body); !Why.empty())
    return Why;
  if (std::string Why = Barriers(R.Body, S->getBody()); !Why.empty())
    return Why;

  // The loop's own variable is private; declared outside the loop, it gets
  // its last value back after the region, as the serial loop leaves it.
  std::string Var = R.Shape.Var->getNameAsString();
  bool Outside = !R.Shape.VarDeclaredInLoop;
  std::string Region = "{ int __ppar_nt = " + abi::numThreads() + "; " + Declare;
  if (Outside)
    Region += "__typeof__(" + Var + ") __ppar_last; ";
  std::string Private = Outside ? Var : "";
  for (const VarDecl *V : R.Private)
    Private += (Private.empty() ? "" : ", ") + V->getNameAsString();
  Region += "_Pragma(\"omp parallel num_threads(__ppar_nt)" +
            (Private.empty() ? std::string() : " private(" + Private + ")") + "\") {" +
            lineOf(SM, At, File) + Copy.text(SourceRange(At, End));
  if (Outside)
    Region += " _Pragma(\"omp masked\") __ppar_last = " + Var + ";";
  Region += " }";
  if (Outside)
    Region += " " + Var + " = __ppar_last;";
  Region += " }";
  // Time-tiled: the wavefronts when the loops' overlap checks hold (made
  // once: they do not depend on the time step), else the region as written.
  std::string Tiled;
  if (R.Transform && Plain.copyProblem(SourceRange(At, End)).empty())
    Tiled = tiledRegion(R, Plain, SM, File);
  if (R.Loops.empty() && Tiled.empty())
    return "the new order of its nest cannot be printed"; // it stays serial
  if (!Tiled.empty()) {
      std::vector<std::string> Conds;
      for (size_t I : R.Loops)
        for (std::string &C : loopConditions(P.Loops[I]))
          Conds.push_back(std::move(C));
      Region = Conds.empty() ? Tiled
                             : "if (" + llvm::join(Conds, " && ") + ") " + Tiled + " else " +
                                   Region;
    }

  std::string Pre = "if (!" + abi::checking() + ") { ";
  if (std::string Step = workText(R); !Step.empty()) {
    // A region of wavefronts alone has no per-step barrier to pay for.
    std::string PerBarrier = R.MinStepWork ? " && __ppar_step >= " +
                                                 std::to_string(R.MinStepWork) + ".0 * " +
                                                 barrierText(R)
                                           : "";
    Pre += "double __ppar_step = " + Step + "; if ((double)" +
           abi::max(countText(R.Trips), "0") + " * __ppar_step >= " + std::to_string(R.MinWork) +
           ".0" + PerBarrier + ") " + Region + " else {" + lineOf(SM, At, File) +
           Plain.text(SourceRange(At, End)) + " }";
  } else {
    Pre += Region;
  }
  Pre += " } else" + lineOf(SM, At, File);
  return Variant.insertBefore(At, Pre);
}

} // namespace ppar
