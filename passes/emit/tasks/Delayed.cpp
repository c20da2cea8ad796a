//===- Delayed.cpp --------------------------------------------------------===//

#include "emit/tasks/Delayed.h"
#include "emit/abi/Tasks.h"
#include "emit/BlockSize.h"
#include "emit/tasks/DelayedCallee.h"
#include "emit/tasks/TopLevel.h"
#include "plan/DelayedPlan.h"
#include "support/EditSet.h"
#include "support/SourceText.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace ppar {
namespace {

/// The text of one function's tasks, edits collected in one EditSet.
class FunctionEmitter {
public:
  FunctionEmitter(const FunctionTasks &T, ASTContext &Ctx, DiagSink &Sink, bool Report)
      : T(T), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()), Sink(Sink),
        Report(Report), Policy(taskPolicy(Ctx)),
        Edits(SM, LO, T.Body->getSourceRange()) {}
  /// Every edit but the generated code (TopLevel); false after an error.
  bool run(Rewriter &R);

private:
  void call(const TaskCall &S);
  void arguments(const TaskCall &S);
  void futureUse(const FutureUse &U);
  void returnStmt(const ReturnStmt *RS);
  void wait(const Wait &W);
  void blockSize(const BlockSize &B);
  std::string head(const TaskCall &S, const std::string &Kind, const std::string &Size,
                   const std::string &Dst, bool ArgsFollow = true);
  std::string slot(int I) const { return "__ppar_f[" + std::to_string(I) + "]"; }
  std::string typeText(QualType Ty) const { return Ty.getUnqualifiedType().getAsString(Policy); }
  std::string leaveText() const;
  std::string returnSlot() const;
  SourceLocation lparen(const CallExpr *CE);
  CharSourceRange fileRange(const Expr *E);
  void remark(SourceLocation L, const std::string &Msg) {
    if (Report)
      Sink.remark(L, Msg);
  }
  /// Reports an edit EditSet refused (Why, not "").
  void check(SourceLocation At, const std::string &Why);
  void insertBefore(SourceLocation L, std::string Text) {
    check(L, Edits.insertBefore(L, std::move(Text)));
  }
  void insertAfterToken(SourceLocation L, std::string Text) {
    check(L, Edits.insertAfterToken(L, std::move(Text)));
  }
  void insertAfter(SourceLocation L, std::string Text) {
    check(L, Edits.insertAfter(L, std::move(Text)));
  }
  void replace(SourceRange R, std::string Text) {
    check(R.getBegin(), Edits.replace(R, std::move(Text)));
  }

  const FunctionTasks &T;
  const SourceManager &SM;
  const LangOptions &LO;
  DiagSink &Sink;
  bool Report;
  PrintingPolicy Policy;
  EditSet Edits;
  bool Failed = false;
};

void FunctionEmitter::check(SourceLocation At, const std::string &Why) {
  if (Why.empty())
    return;
  if (!Failed)
    Sink.error(At, "ppar cannot rewrite this code for tasks: " + Why);
  Failed = true;
}

CharSourceRange FunctionEmitter::fileRange(const Expr *E) {
  return Lexer::makeFileCharRange(CharSourceRange::getTokenRange(E->getSourceRange()),
                                  SM, LO);
}

SourceLocation FunctionEmitter::lparen(const CallExpr *CE) {
  std::optional<Token> Tok = Lexer::findNextToken(CE->getCallee()->getEndLoc(), SM, LO);
  return Tok && Tok->is(tok::l_paren) ? Tok->getLocation() : SourceLocation();
}

/// Resolves the future first: `(*(__typeof__(a) *)future_get(&slot, &a,
/// sizeof(a)))`.
void FunctionEmitter::futureUse(const FutureUse &U) {
  std::string N = U.Var->getNameAsString();
  replace(SourceRange(U.At, U.At),
          "(*(__typeof__(" + N + ") *)" +
              abi::futureGet("&" + slot(U.Slot), "&" + N, "sizeof(" + N + ")") + ")");
}

/// `__ppar_spawn_f(__FILE__, line, kind, size, dst` and, when the call's
/// own arguments follow right after, `, `.
std::string FunctionEmitter::head(const TaskCall &S, const std::string &Kind,
                                  const std::string &Size, const std::string &Dst,
                                  bool ArgsFollow) {
  unsigned Line = SM.getPresumedLineNumber(SM.getExpansionLoc(S.Call->getBeginLoc()));
  return spawnName(*S.F) + "(__FILE__, " + std::to_string(Line) + "u, " + Kind + ", " +
         Size + ", " + Dst + (!ArgsFollow ? "" : S.Call->getNumArgs() ? ", " : " ");
}

void FunctionEmitter::call(const TaskCall &S) {
  const CallExpr *CE = S.Call;
  SourceRange Callee(CE->getCallee()->getBeginLoc(), lparen(CE));
  SourceLocation End = CE->getRParenLoc();
  QualType Ret = S.F->FD->getReturnType();
  std::string RetSize = Ret->isVoidType() ? "0" : "sizeof(" + typeText(Ret) + ")";
  std::string Slot = "&" + slot(S.Slot);
  std::string Kind = std::to_string(S.Kind);
  std::string Name = "'" + S.F->Name + "'";
  switch (S.Shape) {
  case CallShape::Dropped:
    replace(Callee, abi::open(abi::TaskEntry::TaskRelease) + head(S, "0", RetSize, "0"));
    insertAfterToken(End, ")");
    remark(CE->getBeginLoc(), "call of " + Name + " becomes a task; its result is dropped");
    break;
  case CallShape::Future: {
    std::string N = S.Var->getNameAsString();
    replace(SourceRange(S.Assign->getLHS()->getBeginLoc(), lparen(CE)),
            abi::open(abi::TaskEntry::FutureSet) + Slot + ", " +
                head(S, Kind, "sizeof(" + N + ")", "0"));
    insertAfterToken(End, ")");
    remark(CE->getBeginLoc(),
           "call of " + Name + " becomes a task; '" + N + "' is its future until first used");
    break;
  }
  case CallShape::FutureInit: {
    std::string N = S.Var->getNameAsString();
    replace(Callee, "(" + abi::open(abi::TaskEntry::FutureSet) + Slot + ", " +
                        head(S, Kind, "sizeof(" + N + ")", "0"));
    insertAfterToken(End, "), (__typeof__(" + N + ")){0})");
    remark(CE->getBeginLoc(),
           "call of " + Name + " becomes a task; '" + N + "' is its future until first used");
    break;
  }
  case CallShape::WritesLhs:
    insertBefore(S.Assign->getLHS()->getBeginLoc(),
                 abi::open(abi::TaskEntry::TaskRelease) +
                     head(S, Kind, "sizeof(" + typeText(S.Target) + ")", "&(",
                          /*ArgsFollow=*/false));
    replace(SourceRange(S.Assign->getOperatorLoc(), lparen(CE)),
            std::string(")") + (CE->getNumArgs() ? ", " : " "));
    insertAfterToken(End, ")");
    remark(CE->getBeginLoc(),
           "call of " + Name + " becomes a task that writes its result to the left side");
    break;
  case CallShape::FeedsTask:
    replace(Callee, abi::open(abi::TaskEntry::FutureSet) + Slot + ", " +
                        head(S, Kind, "sizeof(" + typeText(S.Target) + ")", "0"));
    insertAfterToken(End, "), 0, (" + typeText(S.Target) + "){0}");
    remark(CE->getBeginLoc(),
           "call of " + Name + " becomes a task whose future feeds the enclosing task");
    break;
  case CallShape::Forced:
    if (Ret->isVoidType())
      replace(Callee, "((void)" + abi::open(abi::TaskEntry::FutureForce) + Slot + ", " +
                          head(S, "0", "0", "0"));
    else
      replace(Callee, "(*(" + typeText(Ret) + " *)" +
                          abi::open(abi::TaskEntry::FutureForce) + Slot + ", " +
                          head(S, "0", RetSize, "0"));
    insertAfterToken(End, "))");
    remark(CE->getBeginLoc(), "call of " + Name +
                                  " becomes a task that runs at once: its result is used here");
    break;
  }
  arguments(S);
}

/// Per argument: the future a value may come from, the extent of a pointer.
void FunctionEmitter::arguments(const TaskCall &S) {
  for (unsigned I = 0; I < S.Args.size(); ++I) {
    const TaskArg &A = S.Args[I];
    QualType P = S.F->FD->getParamDecl(I)->getType();
    switch (A.Shape) {
    case ArgShape::Value:
      insertBefore(fileRange(A.Arg).getBegin(), "0, 0, ");
      break;
    case ArgShape::FromFuture: {
      std::string Slot = slot(A.Slot);
      std::string N = cast<VarDecl>(A.Ref->getDecl())->getNameAsString();
      insertBefore(fileRange(A.Arg).getBegin(), Slot + ", 0, ");
      replace(SourceRange(A.Ref->getLocation(), A.Ref->getLocation()),
              "(" + Slot + " ? (__typeof__(" + N + ")){0} : " + N + ")");
      break;
    }
    case ArgShape::ByAddress:
      insertBefore(fileRange(A.Arg).getBegin(), "0, &(");
      insertAfter(fileRange(A.Arg).getEnd(), "), (" + typeText(P) + "){0}");
      break;
    case ArgShape::Extent:
      insertAfter(fileRange(A.Arg).getEnd(), ", " + extentText(A.Extent));
      break;
    case ArgShape::FromTask: // the inner task's text gives all three
    case ArgShape::Clause:
    case ArgShape::Passed:
      break;
    }
  }
}

std::string FunctionEmitter::leaveText() const {
  return abi::scopeLeaveRelease(T.Slots ? "__ppar_f" : "0", T.Slots) + ";";
}

/// The declaration of the variable that keeps a return value while the
/// scope closes: of the function's return type, which is what `return E`
/// converts E to (E may be a bit-field, which __auto_type rejects); a type
/// without a name to print falls back on __auto_type.
std::string FunctionEmitter::returnSlot() const {
  QualType Ty = T.G->getReturnType().getUnqualifiedType();
  const TagDecl *Tag = Ty->getAsTagDecl();
  if (Ty->isVariablyModifiedType() ||
      (Tag && !Tag->getIdentifier() && !Tag->getTypedefNameForAnonDecl()))
    return "__auto_type __ppar_ret";
  std::string S;
  llvm::raw_string_ostream OS(S);
  Ty.print(OS, Policy, "__ppar_ret");
  return S;
}

/// `return E;` keeps E's value, closes the scope, then returns it.
void FunctionEmitter::returnStmt(const ReturnStmt *RS) {
  SourceLocation Semi = lastToken(RS, SM, LO);
  SourceRange Return(RS->getReturnLoc(), RS->getReturnLoc());
  const Expr *E = RS->getRetValue();
  if (!E || E->getType()->isVoidType()) {
    replace(Return, E ? "{ " : "{ " + leaveText() + " return");
    insertAfterToken(Semi, E ? " " + leaveText() + " return; }" : " }");
    return;
  }
  replace(Return, "{ " + returnSlot() + " =");
  insertAfterToken(Semi, " " + leaveText() + " return __ppar_ret; }");
}

void FunctionEmitter::wait(const Wait &W) {
  std::vector<std::string> Calls;
  for (const TaskAccess &A : W.Accesses) {
    auto [Lo, Hi] = extentBounds(A.Root);
    Calls.push_back(abi::waitMemory(Lo, Hi, abi::accessMode(int(A.Mode))));
  }
  SourceLocation Begin = SM.getExpansionLoc(W.At->getBeginLoc());
  std::string Stmts = llvm::join(Calls, "; ") + ";";
  switch (W.Place) {
  case WaitPlace::Before:
    insertBefore(Begin, Stmts + " ");
    break;
  case WaitPlace::BeforeBraced:
    insertBefore(Begin, "{ " + Stmts + " ");
    insertAfterToken(SM.getExpansionLoc(lastToken(W.At, SM, LO)), " }");
    break;
  case WaitPlace::Inside: {
    CharSourceRange Range = fileRange(cast<Expr>(W.At));
    insertBefore(Range.getBegin(), "(" + llvm::join(Calls, ", ") + ", ");
    insertAfter(Range.getEnd(), ")");
    break;
  }
  case WaitPlace::BlockEnd:
    insertBefore(cast<CompoundStmt>(W.At)->getRBracLoc(), Stmts + " ");
    break;
  }
  if (W.Remark)
    remark(W.At->getBeginLoc(), W.Place == WaitPlace::Inside
                                    ? "waits here for the pending tasks this expression's "
                                      "memory accesses depend on"
                                    : "waits here for the pending tasks this statement's "
                                      "memory accesses depend on");
}

/// `size_t __ppar_size_x_3_11; double *x = (__ppar_size_x_3_11 = (n *
/// sizeof *x), malloc(n * sizeof *x));`.
void FunctionEmitter::blockSize(const BlockSize &B) {
  check(B.Alloc->getBeginLoc(), keepBlockSize(Edits, B.V, B.Decl, B.Alloc));
}

bool FunctionEmitter::run(Rewriter &R) {
  for (const FutureUse &U : T.FutureUses)
    futureUse(U);
  for (const TaskCall &S : T.Calls)
    call(S);
  for (const ReturnStmt *RS : T.Returns)
    returnStmt(RS);
  for (const Wait &W : T.Waits)
    wait(W);
  for (const BlockSize &B : T.BlockSizes)
    blockSize(B);
  std::string Enter = abi::scopeEnter() + ";";
  if (T.Slots)
    Enter = abi::taskType() + " *__ppar_f[" + std::to_string(T.Slots) + "] = {0}; " + Enter;
  insertAfterToken(T.Body->getLBracLoc(), " " + Enter);
  if (T.LeaveAtEnd)
    insertBefore(T.Body->getRBracLoc(), leaveText() + " ");
  if (Failed)
    return false;
  Edits.applyTo(R);
  return true;
}

} // namespace

/// `p[0:1] (read and written), q[0:n] (read)`: the clauses ppar made.
static std::string inferredText(const DelayedCallee &F) {
  std::string Out;
  for (unsigned I : F.Inferred) {
    llvm::StringRef Name = F.FD->getParamDecl(I)->getName();
    for (const DataClause &C : F.Ann.Data)
      if (C.Name == Name && C.Sections.size() == 1)
        Out += (Out.empty() ? "" : ", ") + C.Name + "[" + C.Sections[0].Lo + ":" +
               C.Sections[0].Len + "]" +
               (C.Direction == DataDirection::In ? " (read)" : " (read and written)");
  }
  return Out;
}

bool emitDelayed(const DelayedPlan &Plan, ASTContext &Ctx, Rewriter &Main, DiagSink &Sink,
                 bool Report) {
  TopLevel Top(Ctx, Main);
  bool Ok = true;
  for (const FunctionTasks &T : Plan.Functions) {
    for (const CalleeCode &Code : T.Code) {
      const DelayedCallee &F = *Code.F;
      if (Report && F.AnywhereMode) {
        Sink.remark(Code.RemarkAt,
                    "tasks of '" + F.Name + "' are ordered with all memory: it, or a "
                    "function it calls, reaches memory through a pointer ppar cannot "
                    "follow or calls a function whose body it cannot see");
      } else if (Report && !F.Globals.empty()) {
        std::string Names;
        for (const auto &[V, Mode] : F.Globals)
          Names += (Names.empty() ? "'" : ", '") + V->getNameAsString() + "'" +
                   (Mode & 2 ? " (written)" : " (read)");
        Sink.remark(Code.RemarkAt, "tasks of '" + F.Name + "' also touch the globals " +
                                       Names + ", ordered like their arguments");
      }
      if (Report && !F.Inferred.empty())
        Sink.remark(Code.RemarkAt, "tasks of '" + F.Name + "' touch " + inferredText(F) +
                                       " of their pointer arguments, as its body shows; "
                                       "other tasks on other elements run independently");
      Top.place(Code, T.G);
    }
    FunctionEmitter E(T, Ctx, Sink, Report);
    Ok &= E.run(Main);
  }
  return Ok && !Sink.hasErrors();
}

} // namespace ppar
