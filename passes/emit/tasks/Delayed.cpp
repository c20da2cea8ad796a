//===- Delayed.cpp --------------------------------------------------------===//

#include "emit/tasks/Delayed.h"
#include "analysis/Accesses.h"
#include "analysis/TaskGlobals.h"
#include "analysis/TaskMemory.h"
#include "annotations/Binding.h"
#include "emit/tasks/DelayedCallee.h"
#include "support/SourceText.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <memory>

using namespace clang;

namespace ppar {
namespace {

/// What happens to a delayed call's result.
enum class Use {
  Discard,    ///< a statement of its own: dropped
  Future,     ///< `v = f(...);`: a future in v's slot
  FutureInit, ///< `T v = f(...)`: the same, in a declaration
  Dest,       ///< `lvalue = f(...);`: the task writes the lvalue
  Dep,        ///< an argument of another task: its future feeds it
  Forced      ///< anything else: run at once, the value used in place
};

struct Site {
  const CallExpr *Call;
  DelayedCallee *F;
  Use U = Use::Forced;
  const VarDecl *Var = nullptr;        ///< Future, FutureInit
  const BinaryOperator *Assign = nullptr; ///< Future, Dest
  QualType Target; ///< the type the result is stored as (Dest, Dep)
  int Kind = 0;    ///< __PPAR_RT_STORE kind
  int Slot = -1;
};

/// State shared by the functions of one file.
struct FileState {
  ASTContext &Ctx;
  Rewriter &R;
  DiagSink &Sink;
  bool Report;
  PrintingPolicy Policy;
  Purity Pure;
  TaskGlobals Globals{Pure};
  std::map<const FunctionDecl *, DelayedCallee> Callees; // by canonical decl
  std::map<const FunctionDecl *, bool> NotDelayed;
  /// Places right after a top-level declaration of the main file (its `;`
  /// or `}`), in order: where generated declarations can go.
  std::vector<SourceLocation> Boundaries;

  FileState(ASTContext &Ctx, Rewriter &R, DiagSink &Sink, bool Report)
      : Ctx(Ctx), R(R), Sink(Sink), Report(Report), Policy(Ctx.getPrintingPolicy()) {
    Policy.SuppressTagKeyword = false;
    Policy.Bool = true;
  }
  const SourceManager &sm() const { return Ctx.getSourceManager(); }
  DelayedCallee *callee(const FunctionDecl *FD);
  void insertBefore(const FunctionDecl *G, const std::string &Text);
};

DelayedCallee *FileState::callee(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  FD = FD->getCanonicalDecl();
  if (auto It = Callees.find(FD); It != Callees.end())
    return &It->second;
  if (NotDelayed.count(FD))
    return nullptr;
  const Annotation *Ann = nullptr;
  std::vector<FoundAnnotation> Found = annotationsOf(FD->getMostRecentDecl());
  for (const FoundAnnotation &A : Found)
    if (A.Ann.Kind == Directive::Delayed)
      Ann = &A.Ann;
  std::string Name = FD->getNameAsString();
  bool Ok = Ann != nullptr;
  if (Ann && FD->isVariadic()) {
    Sink.error(FD->getLocation(), "'delayed' cannot be applied to the variadic "
                                  "function '" + Name + "'");
    Ok = false;
  }
  // The task's code goes after the first declaration and takes its
  // parameters: `int f();` there is fine before a definition `int f() {...}`
  // or `int f(void) {...}`, not before one with parameters.
  const FunctionDecl *Sig = FD->getDefinition() ? FD->getDefinition() : FD;
  if (Ann) {
    std::string Problem = oldStyleDefinitionError(Sig, "delayed");
    SourceLocation At = Sig->getLocation();
    if (Problem.empty() && FD->isImplicit()) {
      // C89's implicit declaration at a call: nowhere to put the task's code.
      Problem = "delayed '" + Name + "' is called before it is declared; "
                "declare it above this call: " + prototypeText(Sig) + ";";
      At = FD->getLocation();
    } else if (Problem.empty() && Sig->getNumParams() != FD->getNumParams()) {
      Problem = "the first declaration of delayed '" + Name + "' has no "
                "prototype; write its parameters there: " + prototypeText(Sig);
      At = FD->getLocation();
    }
    if (!Problem.empty()) {
      Sink.error(At, Problem);
      Ok = false;
    }
  }
  if (!Ok) {
    NotDelayed[FD] = true;
    return nullptr;
  }
  DelayedCallee C{FD->getFirstDecl(), *Ann, Name, {}, {}, false, {}, 0};
  for (const ParmVarDecl *P : FD->parameters()) {
    C.Classes.push_back(DelayedCallee::classify(P->getType()));
    bool Clause = false;
    for (const DataClause &D : Ann->Data)
      Clause |= D.Name == P->getName();
    C.HasClause.push_back(Clause);
  }
  for (const DataClause &D : Ann->Data) {
    const ParmVarDecl *Param = nullptr;
    for (const ParmVarDecl *P : FD->parameters())
      if (P->getName() == D.Name)
        Param = P;
    if (!Param || !Param->getType()->isPointerType()) {
      Sink.error(FD->getLocation(), "'" + D.Name + "' in a data clause of '" +
                                        Name + "' is not one of its pointer parameters");
      NotDelayed[FD] = true;
      return nullptr;
    }
  }
  // A delayed function defined elsewhere: what it touches besides its
  // arguments is the user's to give (docs/delayed.md).
  static const GlobalEffects Elsewhere;
  const GlobalEffects &E = FD->hasBody() ? Globals.of(FD) : Elsewhere;
  C.AnywhereMode = E.Anywhere;
  if (E.Anywhere)
    for (const auto &[V, Mode] : E.Vars)
      C.AnywhereMode |= Mode;
  for (const auto &[V, Mode] : E.Vars)
    C.Globals.push_back({V, Mode});
  std::sort(C.Globals.begin(), C.Globals.end(), [&](const auto &A, const auto &B) {
    return sm().isBeforeInTranslationUnit(A.first->getLocation(), B.first->getLocation());
  });
  return &Callees.emplace(FD, std::move(C)).first->second;
}

/// Is there a preprocessor directive on a line that starts in [From, To)
/// of FID's text?
static bool directiveBetween(StringRef Buf, size_t From, size_t To) {
  for (size_t I = From; I < To && I < Buf.size(); ++I)
    if ((I == 0 || Buf[I - 1] == '\n') && Buf.substr(I, To - I).ltrim(" \t").starts_with("#"))
      return true;
  return false;
}

/// Puts Text before G, where every declaration G's text sees is visible
/// and never in front of a preprocessor directive on its line: after the
/// previous top-level declaration when no directive lies between (one may
/// declare a type G uses), else at the start of G's first line. When that
/// line is a directive (a `#pragma ppar` whose annotation starts G), Text
/// goes on a line of its own above it, and `#line` gives the directive its
/// number back.
void FileState::insertBefore(const FunctionDecl *G, const std::string &Text) {
  const SourceManager &SM = sm();
  SourceLocation Begin = SM.getExpansionLoc(G->getSourceRange().getBegin());
  auto LineStart = [&](SourceLocation L) {
    auto [FID, Off] = SM.getDecomposedLoc(L);
    StringRef Buf = SM.getBufferData(FID);
    size_t NL = Buf.rfind('\n', Off ? Off - 1 : 0);
    size_t Start = NL == StringRef::npos || Off == 0 ? 0 : NL + 1;
    return std::make_pair(SM.getLocForStartOfFile(FID).getLocWithOffset(Start),
                          Buf.substr(Start));
  };
  for (const Attr *A : G->attrs()) {
    SourceLocation L = SM.getExpansionLoc(A->getLocation());
    if (L.isInvalid() || !SM.isWrittenInMainFile(L) ||
        LineStart(L).second.ltrim().starts_with("#"))
      continue; // a pragma's line stays whole
    if (SM.isBeforeInTranslationUnit(L, Begin))
      Begin = L;
  }
  SourceLocation Best;
  for (SourceLocation B : Boundaries)
    if (SM.isBeforeInTranslationUnit(B, Begin))
      Best = B;
  auto [Start, Line] = LineStart(Begin);
  // Tokens a pragma injects may carry the location of an earlier line: the
  // function's first line is past any directive but its own `#pragma ppar`.
  SourceLocation Name = SM.getExpansionLoc(G->getLocation());
  auto IsPpar = [](StringRef L) {
    L = L.ltrim(" \t").drop_front().ltrim(" \t");
    if (!L.consume_front("pragma"))
      return false;
    return L.ltrim(" \t").starts_with("ppar");
  };
  while (Line.ltrim(" \t").starts_with("#") && !IsPpar(Line)) {
    size_t End = 0;
    do // the directive's line, continuations included
      End = Line.find('\n', End) + 1;
    while (End > 1 && Line[End - 2] == '\\');
    SourceLocation Next = Start.getLocWithOffset(End);
    if (End == 0 || !SM.isBeforeInTranslationUnit(Next, Name))
      break;
    Start = Next;
    Line = Line.substr(End);
  }
  FileID FID = SM.getFileID(Begin);
  if (Best.isValid() && SM.getFileID(Best) == FID &&
      !directiveBetween(SM.getBufferData(FID), SM.getFileOffset(Best),
                        SM.getFileOffset(Start))) {
    R.InsertTextAfterToken(Best, " " + Text);
    return;
  }
  if (!Line.ltrim(" \t").starts_with("#")) {
    R.InsertTextBefore(Start, Text + " ");
    return;
  }
  PresumedLoc P = SM.getPresumedLoc(Start);
  R.InsertTextBefore(Start, Text + "\n#line " + std::to_string(P.getLine()) + " " +
                                quoted(P.getFilename()) + "\n");
}

/// The rewrite of one function that calls delayed functions.
class FunctionRewrite {
public:
  FunctionRewrite(FileState &FS, FunctionDecl *G)
      : FS(FS), SM(FS.sm()), LO(FS.Ctx.getLangOpts()), G(G),
        Body(cast<CompoundStmt>(G->getBody())) {}
  /// False after an error.
  bool run(bool Skip);

private:
  void collect(const Stmt *S);
  bool rewritable(const CallExpr *CE);
  bool plainArgument(const clang::Expr *A);
  void classify(Site &S);
  bool statementLevel(const Expr *E);
  const Stmt *parentStmt(const Stmt *S);
  DynTypedNode parent(const Stmt *S);
  SourceLocation lparen(const CallExpr *CE);
  CharSourceRange fileRange(const Expr *E);
  bool isFutureVar(const VarDecl *V) const { return FutureSlot.count(V); }
  bool futureCandidate(const VarDecl *V);

  void rewriteFutureUses();
  void rewriteSite(const Site &S);
  void rewriteArguments(const Site &S);
  /// `__ppar_spawn_f(__FILE__, line, kind, size, dst` and, when the call's
  /// own arguments follow right after, `, `.
  std::string head(const Site &S, const std::string &Kind,
                   const std::string &Size, const std::string &Dst,
                   bool ArgsFollow = true);
  void rewriteReturns(const Stmt *S);
  void emitSupport();
  void placeWaits(const Stmt *S);
  void waitBefore(const Stmt *S, const Stmt *At = nullptr);
  void waitAround(const Expr *E);
  std::string waitText(const std::vector<Touch> &Touches, SourceRange Unit);
  bool containsTask(const Stmt *S);
  void insertBefore(const Stmt *S, const std::string &Text);
  bool keepBlockLocalsAlive();
  void recordBlockSizes();
  const Stmt *declarationOf(const VarDecl *V);
  std::string leaveText() const;
  std::string returnSlot() const;
  void remark(SourceLocation L, const std::string &Msg) {
    if (FS.Report)
      FS.Sink.remark(L, Msg);
  }

  FileState &FS;
  const SourceManager &SM;
  const LangOptions &LO;
  FunctionDecl *G;
  const CompoundStmt *Body;
  std::vector<Site> Sites; // inner calls before outer ones
  std::map<const CallExpr *, size_t> SiteOf;
  std::map<const VarDecl *, int> FutureSlot;
  std::set<const DeclRefExpr *> DepRefs; // future variables passed as a dep
  int Slots = 0;
  TaskSites Tasks;
  std::set<MemRoot> TaskRoots, DestRoots; // variables and malloc blocks
  std::set<const VarDecl *> Escaped;
  bool MemoryTasks = false, AnywhereTasks = false;
  bool Failed = false;
  std::unique_ptr<Accesses> BodyAccesses; // of Body, made on first use
};

DynTypedNode FunctionRewrite::parent(const Stmt *S) {
  auto Parents = FS.Ctx.getParents(*S);
  return Parents.empty() ? DynTypedNode() : Parents[0];
}

const Stmt *FunctionRewrite::parentStmt(const Stmt *S) {
  return parent(S).get<Stmt>();
}

/// E's text in the file, when a macro expansion covers all of E or none of
/// it (`f(N)` with N a macro is fine; `f(ARGS)` is not).
CharSourceRange FunctionRewrite::fileRange(const Expr *E) {
  return Lexer::makeFileCharRange(CharSourceRange::getTokenRange(E->getSourceRange()),
                                  SM, LO);
}

SourceLocation FunctionRewrite::lparen(const CallExpr *CE) {
  std::optional<Token> T =
      Lexer::findNextToken(CE->getCallee()->getEndLoc(), SM, LO);
  return T && T->is(tok::l_paren) ? T->getLocation() : SourceLocation();
}

bool FunctionRewrite::rewritable(const CallExpr *CE) {
  const auto *Callee = dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreImpCasts());
  if (!Callee)
    return false; // through a pointer or in parentheses: a plain call
  if (CE->getBeginLoc().isMacroID() || CE->getRParenLoc().isMacroID() ||
      Callee->getEndLoc().isMacroID() || lparen(CE).isInvalid())
    return false;
  for (const Expr *A : CE->arguments())
    if (!plainArgument(A))
      return false;
  return true;
}

/// True when A's text is its own in the file: written there, or a whole
/// macro expansion (`f(N)`, `f(M(x))`). An argument that is only part of a
/// macro's arguments (`f(TWO(x, y))`) is not: text put in front of it
/// would land inside that macro's argument list.
bool FunctionRewrite::plainArgument(const Expr *A) {
  CharSourceRange R = fileRange(A);
  if (R.isInvalid())
    return false;
  SourceLocation Begin = SM.getExpansionRange(A->getBeginLoc()).getBegin();
  SourceLocation Last = SM.getExpansionRange(A->getEndLoc()).getEnd();
  return Begin == R.getBegin() &&
         Lexer::getLocForEndOfToken(Last, 0, SM, LO) == R.getEnd();
}

void FunctionRewrite::collect(const Stmt *S) {
  if (!S || isa<UnaryExprOrTypeTraitExpr>(S))
    return;
  for (const Stmt *Child : S->children())
    collect(Child);
  const auto *CE = dyn_cast<CallExpr>(S);
  DelayedCallee *F = CE ? FS.callee(CE->getDirectCallee()) : nullptr;
  if (!F)
    return;
  if (!rewritable(CE)) {
    FS.Sink.warning(CE->getBeginLoc(),
                    "this call of delayed '" + F->Name +
                        "' is written through a macro or a function pointer; "
                        "it runs at once, as a plain call");
    return;
  }
  if (CE->getNumArgs() != F->Classes.size()) {
    // Only a function without a prototype can be called so (undefined
    // behaviour in the serial program too).
    FS.Sink.error(CE->getBeginLoc(),
                  "this call of delayed '" + F->Name + "' passes " +
                      std::to_string(CE->getNumArgs()) +
                      (CE->getNumArgs() == 1 ? " argument" : " arguments") +
                      ", but '" + F->Name + "' takes " +
                      std::to_string(F->Classes.size()));
    return;
  }
  SiteOf[CE] = Sites.size();
  Site New;
  New.Call = CE;
  New.F = F;
  Sites.push_back(New);
}

/// True when E is evaluated for its effect alone, as a statement.
bool FunctionRewrite::statementLevel(const Expr *E) {
  const Stmt *P = parentStmt(E);
  if (!P || isa<Expr>(P) || isa<ReturnStmt>(P))
    return false;
  if (const auto *I = dyn_cast<IfStmt>(P))
    return I->getCond() != E;
  if (const auto *W = dyn_cast<WhileStmt>(P))
    return W->getCond() != E;
  if (const auto *D = dyn_cast<DoStmt>(P))
    return D->getCond() != E;
  if (const auto *Sw = dyn_cast<SwitchStmt>(P))
    return Sw->getCond() != E;
  if (const auto *F = dyn_cast<ForStmt>(P))
    return F->getCond() != E;
  if (const auto *C = dyn_cast<CaseStmt>(P))
    return C->getSubStmt() == E;
  return true;
}

/// A local that can hold a future: the runtime reads and writes its slot,
/// so the variable's address must never be taken (else the task writes the
/// variable itself, as for any other left side).
bool FunctionRewrite::futureCandidate(const VarDecl *V) {
  if (!BodyAccesses)
    BodyAccesses = std::make_unique<Accesses>(collectAccesses(Body));
  QualType T = V->getType();
  return !BodyAccesses->Vars.lookup(V).escapes() && V->isLocalVarDeclOrParm() && !V->isStaticLocal() &&
         V->getStorageClass() != SC_Register && V->getDeclContext() == G &&
         !T->isArrayType() && !T->isVariablyModifiedType() &&
         !T.isConstQualified() && !T.isVolatileQualified() &&
         !T->isIncompleteType();
}

void FunctionRewrite::classify(Site &S) {
  QualType R = S.F->FD->getReturnType();
  const Expr *Top = S.Call;
  DynTypedNode P = parent(Top);
  while (const auto *IC = P.get<ImplicitCastExpr>()) {
    Top = IC;
    P = parent(Top);
  }
  if (const auto *BO = P.get<BinaryOperator>();
      BO && BO->getOpcode() == BO_Assign && BO->getRHS() == Top &&
      statementLevel(BO) && !BO->getOperatorLoc().isMacroID() &&
      !BO->getLHS()->getBeginLoc().isMacroID() &&
      !BO->getLHS()->getEndLoc().isMacroID()) {
    const Expr *L = BO->getLHS();
    const auto *DRE = dyn_cast<DeclRefExpr>(L);
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    int K = resultKind(R, L->getType());
    if (V && futureCandidate(V) && K >= 0) {
      S.U = Use::Future, S.Var = V, S.Assign = BO, S.Kind = K;
      return;
    }
    if (K >= 0 && !L->refersToBitField() && !(V && V->getStorageClass() == SC_Register)) {
      S.U = Use::Dest, S.Assign = BO, S.Kind = K, S.Target = L->getType();
      return;
    }
  }
  if (const auto *V = P.get<VarDecl>();
      V && V->getInit() && V->getInit()->IgnoreImpCasts() == S.Call &&
      V->getInitStyle() == VarDecl::CInit && futureCandidate(V) &&
      resultKind(R, V->getType()) >= 0) {
    S.U = Use::FutureInit, S.Var = V, S.Kind = resultKind(R, V->getType());
    return;
  }
  if (const auto *Outer = P.get<CallExpr>(); Outer && SiteOf.count(Outer)) {
    DelayedCallee *OF = Sites[SiteOf[Outer]].F;
    for (unsigned I = 0; I < Outer->getNumArgs() && I < OF->Classes.size(); ++I)
      if (Outer->getArg(I) == Top && OF->Classes[I] == ParamClass::Value) {
        QualType T = OF->FD->getParamDecl(I)->getType();
        if (resultKind(R, T) >= 0) {
          S.U = Use::Dep, S.Target = T, S.Kind = resultKind(R, T);
          return;
        }
      }
  }
  if (statementLevel(Top)) {
    S.U = Use::Discard;
    return;
  }
  if (const auto *Cast = P.get<CStyleCastExpr>();
      Cast && Cast->getType()->isVoidType() && statementLevel(Cast)) {
    S.U = Use::Discard;
    return;
  }
  S.U = Use::Forced;
}

/// Every other read or write of a future variable resolves it first.
void FunctionRewrite::rewriteFutureUses() {
  std::set<unsigned> Done; // a macro may use one spelled argument twice
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    for (const Stmt *Child : S->children())
      Walk(Child);
    const auto *DRE = dyn_cast<DeclRefExpr>(S);
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!V || !isFutureVar(V) || DepRefs.count(DRE) ||
        Tasks.FutureLhs.count(DRE))
      return;
    SourceLocation L = DRE->getLocation();
    if (L.isMacroID()) {
      if (!SM.isMacroArgExpansion(L)) {
        FS.Sink.error(L, "'" + V->getNameAsString() +
                             "' holds the result of a delayed call and is used "
                             "inside a macro's body, where ppar cannot resolve it; "
                             "pass it to the macro as an argument");
        Failed = true;
        return;
      }
      L = SM.getSpellingLoc(L);
    }
    if (!Done.insert(SM.getFileOffset(L)).second)
      return;
    std::string N = V->getNameAsString();
    FS.R.ReplaceText(L, N.size(),
                     "(*(__typeof__(" + N + ") *)__ppar_rt_future_get(&__ppar_f[" +
                         std::to_string(FutureSlot[V]) + "], &" + N +
                         ", sizeof(" + N + ")))");
  };
  Walk(Body);
}

std::string FunctionRewrite::head(const Site &S, const std::string &Kind,
                                  const std::string &Size,
                                  const std::string &Dst, bool ArgsFollow) {
  unsigned Line = SM.getPresumedLineNumber(SM.getExpansionLoc(S.Call->getBeginLoc()));
  return S.F->spawnName() + "(__FILE__, " + std::to_string(Line) + "u, " + Kind +
         ", " + Size + ", " + Dst + (!ArgsFollow ? "" : S.Call->getNumArgs() ? ", " : " ");
}

static std::string typeText(QualType T, const PrintingPolicy &P) {
  return T.getUnqualifiedType().getAsString(P);
}

void FunctionRewrite::rewriteSite(const Site &S) {
  Rewriter &R = FS.R;
  const CallExpr *CE = S.Call;
  SourceRange Callee(CE->getCallee()->getBeginLoc(), lparen(CE));
  SourceLocation End = CE->getRParenLoc();
  QualType Ret = S.F->FD->getReturnType();
  std::string RetSize = Ret->isVoidType() ? "0" : "sizeof(" + typeText(Ret, FS.Policy) + ")";
  std::string Slot = "&__ppar_f[" + std::to_string(S.Slot) + "]";
  std::string Name = "'" + S.F->Name + "'";
  switch (S.U) {
  case Use::Discard:
    R.ReplaceText(Callee, "__ppar_rt_task_release(" + head(S, "0", RetSize, "0"));
    R.InsertTextAfterToken(End, ")");
    remark(CE->getBeginLoc(), "call of " + Name + " becomes a task; its result is dropped");
    break;
  case Use::Future: {
    std::string N = S.Var->getNameAsString();
    R.ReplaceText(SourceRange(S.Assign->getLHS()->getBeginLoc(), lparen(CE)),
                  "__ppar_rt_future_set(" + Slot + ", " +
                      head(S, std::to_string(S.Kind), "sizeof(" + N + ")", "0"));
    R.InsertTextAfterToken(End, ")");
    remark(CE->getBeginLoc(), "call of " + Name + " becomes a task; '" + N +
                                  "' is its future until first used");
    break;
  }
  case Use::FutureInit: {
    std::string N = S.Var->getNameAsString();
    R.ReplaceText(Callee, "(__ppar_rt_future_set(" + Slot + ", " +
                              head(S, std::to_string(S.Kind), "sizeof(" + N + ")", "0"));
    R.InsertTextAfterToken(End, "), (__typeof__(" + N + ")){0})");
    remark(CE->getBeginLoc(), "call of " + Name + " becomes a task; '" + N +
                                  "' is its future until first used");
    break;
  }
  case Use::Dest: {
    const Expr *L = S.Assign->getLHS();
    R.InsertTextBefore(L->getBeginLoc(),
                       "__ppar_rt_task_release(" +
                           head(S, std::to_string(S.Kind),
                                "sizeof(" + typeText(S.Target, FS.Policy) + ")",
                                "&(", /*ArgsFollow=*/false));
    R.ReplaceText(SourceRange(S.Assign->getOperatorLoc(), lparen(CE)),
                  std::string(")") + (CE->getNumArgs() ? ", " : " "));
    R.InsertTextAfterToken(End, ")");
    remark(CE->getBeginLoc(), "call of " + Name +
                                  " becomes a task that writes its result to the left side");
    break;
  }
  case Use::Dep:
    R.ReplaceText(Callee, "__ppar_rt_future_set(" + Slot + ", " +
                              head(S, std::to_string(S.Kind),
                                   "sizeof(" + typeText(S.Target, FS.Policy) + ")", "0"));
    R.InsertTextAfterToken(End, "), 0, (" + typeText(S.Target, FS.Policy) + "){0}");
    remark(CE->getBeginLoc(), "call of " + Name +
                                  " becomes a task whose future feeds the enclosing task");
    break;
  case Use::Forced:
    if (Ret->isVoidType())
      R.ReplaceText(Callee, "((void)__ppar_rt_future_force(" + Slot + ", " +
                                head(S, "0", "0", "0"));
    else
      R.ReplaceText(Callee, "(*(" + typeText(Ret, FS.Policy) +
                                " *)__ppar_rt_future_force(" + Slot + ", " +
                                head(S, "0", RetSize, "0"));
    R.InsertTextAfterToken(End, "))");
    remark(CE->getBeginLoc(), "call of " + Name +
                                  " becomes a task that runs at once: its result is used here");
    break;
  }
  rewriteArguments(S);
}

/// Per argument: the future a value may come from, the extent of a pointer.
void FunctionRewrite::rewriteArguments(const Site &S) {
  Rewriter &R = FS.R;
  for (unsigned I = 0; I < S.Call->getNumArgs() && I < S.F->Classes.size(); ++I) {
    const Expr *A = S.Call->getArg(I);
    switch (S.F->Classes[I]) {
    case ParamClass::Value: {
      const Expr *Inner = A->IgnoreImpCasts();
      if (const auto *CE = dyn_cast<CallExpr>(Inner);
          CE && SiteOf.count(CE) && Sites[SiteOf[CE]].U == Use::Dep)
        break; // the inner task's text gives all three
      const auto *DRE = dyn_cast<DeclRefExpr>(A->IgnoreParenImpCasts());
      const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      QualType P = S.F->FD->getParamDecl(I)->getType();
      if (V && isFutureVar(V) && !DRE->getLocation().isMacroID() &&
          V->getType().getCanonicalType().getUnqualifiedType() ==
              P.getCanonicalType().getUnqualifiedType()) {
        std::string Slot = "__ppar_f[" + std::to_string(FutureSlot[V]) + "]";
        std::string N = V->getNameAsString();
        R.InsertTextBefore(fileRange(A).getBegin(), Slot + ", 0, ");
        R.ReplaceText(DRE->getLocation(), N.size(),
                      "(" + Slot + " ? (__typeof__(" + N + ")){0} : " + N + ")");
        break;
      }
      if (Tasks.ByAddress.count(A)) {
        R.InsertTextBefore(fileRange(A).getBegin(), "0, &(");
        R.InsertText(fileRange(A).getEnd(), "), (" + typeText(P, FS.Policy) + "){0}");
        break;
      }
      R.InsertTextBefore(fileRange(A).getBegin(), "0, 0, ");
      break;
    }
    case ParamClass::Pointer:
      if (!S.F->HasClause[I])
        R.InsertText(fileRange(A).getEnd(), ", " + extentText(pointeeRoot(A)));
      break;
    case ParamClass::Other:
      break;
    }
  }
}

std::string FunctionRewrite::leaveText() const {
  return Slots ? "__ppar_rt_scope_leave_release(__ppar_f, " + std::to_string(Slots) + ");"
               : "__ppar_rt_scope_leave_release(0, 0);";
}

/// The declaration of the variable that keeps a return value while the
/// scope closes: of the function's return type, which is what `return E`
/// converts E to (E may be a bit-field, which __auto_type rejects); a type
/// without a name to print falls back on __auto_type.
std::string FunctionRewrite::returnSlot() const {
  QualType T = G->getReturnType().getUnqualifiedType();
  const TagDecl *Tag = T->getAsTagDecl();
  if (T->isVariablyModifiedType() || (Tag && !Tag->getIdentifier() &&
                                      !Tag->getTypedefNameForAnonDecl()))
    return "__auto_type __ppar_ret";
  std::string S;
  llvm::raw_string_ostream OS(S);
  T.print(OS, FS.Policy, "__ppar_ret");
  return S;
}

/// `return E;` keeps E's value, closes the scope, then returns it.
void FunctionRewrite::rewriteReturns(const Stmt *S) {
  if (!S)
    return;
  for (const Stmt *Child : S->children())
    rewriteReturns(Child);
  const auto *RS = dyn_cast<ReturnStmt>(S);
  if (!RS)
    return;
  SourceLocation Semi = lastToken(RS, SM, LO);
  if (RS->getReturnLoc().isMacroID() || Semi.isMacroID()) {
    FS.Sink.error(RS->getReturnLoc(), "this return is written through a macro; ppar "
                                      "must finish the function's tasks before it");
    Failed = true;
    return;
  }
  const Expr *E = RS->getRetValue();
  if (!E || E->getType()->isVoidType()) {
    FS.R.ReplaceText(RS->getReturnLoc(), 6, E ? "{ " : "{ " + leaveText() + " return");
    FS.R.InsertTextAfterToken(Semi, E ? " " + leaveText() + " return; }" : " }");
    return;
  }
  FS.R.ReplaceText(RS->getReturnLoc(), 6, "{ " + returnSlot() + " =");
  FS.R.InsertTextAfterToken(Semi, " " + leaveText() + " return __ppar_ret; }");
}

/// The generated code of each delayed function called here, once per file:
/// right after the function's first declaration; before this function when
/// that declaration is in a header; split around this function when it is
/// the first declaration itself (a recursive delayed function).
void FunctionRewrite::emitSupport() {
  for (Site &S : Sites) {
    DelayedCallee &F = *S.F;
    if (F.Emitted)
      continue;
    F.Emitted = true;
    if (F.AnywhereMode) {
      remark(S.Call->getBeginLoc(),
             "tasks of '" + F.Name + "' are ordered with all memory: it, or a function it "
             "calls, reaches memory through a pointer ppar cannot follow or calls a "
             "function whose body it cannot see");
    } else if (!F.Globals.empty()) {
      std::string Names;
      for (const auto &[V, Mode] : F.Globals)
        Names += (Names.empty() ? "'" : ", '") + V->getNameAsString() + "'" +
                 (Mode & 2 ? " (written)" : " (read)");
      remark(S.Call->getBeginLoc(), "tasks of '" + F.Name + "' also touch the globals " +
                                        Names + ", ordered like their arguments");
    }
    // Where every file-scope variable is declared: the end of the file.
    if (std::string Globs = F.globalsText(); !Globs.empty()) {
      FileID Main = SM.getMainFileID();
      FS.R.InsertTextAfter(SM.getLocForEndOfFile(Main), "\n" + Globs + "\n");
    }
    const FunctionDecl *First = F.FD;
    if (!SM.isWrittenInMainFile(SM.getExpansionLoc(First->getLocation()))) {
      FS.insertBefore(G, F.prototypes(FS.Policy) + " " + F.definitions(FS.Policy));
      continue;
    }
    SourceLocation After;
    if (First->doesThisDeclarationHaveABody())
      After = SM.getExpansionLoc(First->getBody()->getEndLoc());
    else if (std::optional<Token> T = Lexer::findNextToken(
                 SM.getExpansionLoc(First->getEndLoc()), SM, LO);
             T && T->is(tok::semi))
      After = T->getLocation();
    if (After.isInvalid()) {
      FS.Sink.error(First->getLocation(), "cannot find the end of the declaration "
                                          "of delayed '" + F.Name + "'");
      Failed = true;
      continue;
    }
    if (First == G) {
      FS.insertBefore(G, F.prototypes(FS.Policy));
      FS.R.InsertTextAfterToken(After, " " + F.definitions(FS.Policy));
    } else {
      FS.R.InsertTextAfterToken(After, " " + F.prototypes(FS.Policy) + " " +
                                           F.definitions(FS.Policy));
    }
  }
}

bool FunctionRewrite::containsTask(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S); CE && Tasks.Calls.count(CE))
    return true;
  for (const Stmt *Child : S->children())
    if (containsTask(Child))
      return true;
  return false;
}

/// S holds a place that control can enter without passing S's start: a
/// label (a goto's target), or a case of a switch outside S. A wait before
/// S would be jumped over.
static bool hasEntry(const Stmt *S, bool InOwnSwitch = false) {
  if (!S)
    return false;
  if (isa<LabelStmt>(S) || (isa<SwitchCase>(S) && !InOwnSwitch))
    return true;
  for (const Stmt *Child : S->children())
    if (hasEntry(Child, InOwnSwitch || isa<SwitchStmt>(S)))
      return true;
  return false;
}

std::string FunctionRewrite::waitText(const std::vector<Touch> &Touches,
                                      SourceRange Unit) {
  int Anywhere = 0;
  std::map<const VarDecl *, int> Vars, Blocks;
  for (const Touch &T : Touches) {
    if (T.Root.K == MemRoot::Anywhere) {
      if (MemoryTasks)
        Anywhere |= T.Mode;
      continue;
    }
    if (T.Root.K != MemRoot::Var && T.Root.K != MemRoot::Block)
      continue;
    const VarDecl *V = T.Root.V;
    SourceLocation D = SM.getExpansionLoc(V->getLocation());
    if (!V->hasGlobalStorage() && !SM.isBeforeInTranslationUnit(D, Unit.getBegin()))
      continue; // declared in the unit itself
    if (T.Root.K == MemRoot::Block) {
      if (TaskRoots.count(T.Root))
        Blocks[V] |= T.Mode;
      continue;
    }
    if (TaskRoots.count(T.Root) ||
        (AnywhereTasks && (V->hasGlobalStorage() || Escaped.count(V))))
      Vars[V] |= T.Mode;
  }
  std::string Text;
  if (Anywhere) {
    for (auto &[V, M] : Vars)
      Anywhere |= M;
    for (auto &[V, M] : Blocks)
      Anywhere |= M;
    return "__ppar_rt_wait_memory(" + extentText({}) + ", " +
           std::to_string(Anywhere) + ");";
  }
  for (auto &[V, M] : Vars)
    Text += (Text.empty() ? "" : " ") + std::string("__ppar_rt_wait_memory(") +
            extentText({MemRoot::Var, V}) + ", " + std::to_string(M) + ");";
  for (auto &[V, M] : Blocks)
    Text += (Text.empty() ? "" : " ") + std::string("__ppar_rt_wait_memory(") +
            extentText({MemRoot::Block, V}) + ", " + std::to_string(M) + ");";
  return Text;
}

/// Text before statement S; braces keep S and the text one statement where
/// S is the body of an if, a loop or a label.
void FunctionRewrite::insertBefore(const Stmt *S, const std::string &Text) {
  const Stmt *P = parentStmt(S);
  if (!P || isa<CompoundStmt>(P) || isa<DeclStmt>(S)) {
    FS.R.InsertTextBefore(SM.getExpansionLoc(S->getBeginLoc()), Text + " ");
    return;
  }
  FS.R.InsertTextBefore(SM.getExpansionLoc(S->getBeginLoc()), "{ " + Text + " ");
  FS.R.InsertTextAfterToken(SM.getExpansionLoc(lastToken(S, SM, LO)), " }");
}

/// Waits for what S touches, placed before At (S itself, or the loop whose
/// init S is).
void FunctionRewrite::waitBefore(const Stmt *S, const Stmt *At) {
  At = At ? At : S;
  TouchFinder TF(Tasks, FS.Pure);
  TF.stmt(S);
  std::string Text = waitText(TF.Touches, At->getSourceRange());
  if (Text.empty())
    return;
  insertBefore(At, Text);
  remark(At->getBeginLoc(), "waits here for the pending tasks this statement's "
                           "memory accesses depend on");
}

/// A condition evaluated again and again: the wait goes inside it.
void FunctionRewrite::waitAround(const Expr *E) {
  if (!E)
    return;
  TouchFinder TF(Tasks, FS.Pure);
  TF.expr(E);
  std::string Text = waitText(TF.Touches, E->getSourceRange());
  if (Text.empty())
    return;
  CharSourceRange Range = fileRange(E);
  if (Range.isInvalid()) {
    FS.Sink.error(E->getBeginLoc(), "this expression, written through a macro, "
                                    "reads memory that tasks of this function "
                                    "write; ppar cannot order it after them");
    Failed = true;
    return;
  }
  Text.pop_back(); // statements joined by commas: one expression
  for (size_t P; (P = Text.find("); ")) != std::string::npos;)
    Text.replace(P, 3, "), ");
  FS.R.InsertTextBefore(Range.getBegin(), "(" + Text + ", ");
  FS.R.InsertText(Range.getEnd(), ")");
  remark(E->getBeginLoc(), "waits here for the pending tasks this expression's "
                           "memory accesses depend on");
}

void FunctionRewrite::placeWaits(const Stmt *S) {
  if (!S)
    return;
  // A statement without tasks waits once, before it, unless control can
  // jump into it: then its parts wait, each after the label that starts it.
  if (!containsTask(S) && !hasEntry(S)) {
    if (!isa<CompoundStmt>(S) || S != Body)
      waitBefore(S);
    return;
  }
  if (const auto *C = dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *Child : C->body())
      placeWaits(Child);
  } else if (const auto *L = dyn_cast<LabelStmt>(S)) {
    placeWaits(L->getSubStmt());
  } else if (const auto *Case = dyn_cast<SwitchCase>(S)) {
    placeWaits(Case->getSubStmt());
  } else if (const auto *I = dyn_cast<IfStmt>(S)) {
    waitAround(I->getCond());
    placeWaits(I->getThen());
    placeWaits(I->getElse());
  } else if (const auto *W = dyn_cast<WhileStmt>(S)) {
    waitAround(W->getCond());
    placeWaits(W->getBody());
  } else if (const auto *D = dyn_cast<DoStmt>(S)) {
    placeWaits(D->getBody());
    waitAround(D->getCond());
  } else if (const auto *F = dyn_cast<ForStmt>(S)) {
    if (F->getInit())
      waitBefore(F->getInit(), F);
    waitAround(F->getCond());
    waitAround(F->getInc());
    placeWaits(F->getBody());
  } else if (const auto *Sw = dyn_cast<SwitchStmt>(S)) {
    waitAround(Sw->getCond());
    placeWaits(Sw->getBody());
  } else if (const auto *DS = dyn_cast<DeclStmt>(S); DS && !DS->isSingleDecl()) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D))
        waitAround(V->getInit());
  } else {
    waitBefore(S);
  }
}

/// The statement of the body that declares V, or null.
const Stmt *FunctionRewrite::declarationOf(const VarDecl *V) {
  const Stmt *DS = nullptr;
  std::function<void(const Stmt *)> Find = [&](const Stmt *S) {
    if (!S || DS)
      return;
    if (const auto *D = dyn_cast<DeclStmt>(S))
      for (const Decl *X : D->decls())
        if (X == V)
          DS = S;
    for (const Stmt *Child : S->children())
      Find(Child);
  };
  Find(Body);
  return DS;
}

/// The size of each malloc block tasks touch, kept where the block is made:
/// `size_t __ppar_size_x_3_11; double *x = (__ppar_size_x_3_11 = (n * sizeof
/// *x), malloc(n * sizeof *x));`.
void FunctionRewrite::recordBlockSizes() {
  std::vector<const VarDecl *> Blocks; // in source order, for stable text
  for (const MemRoot &Root : TaskRoots)
    if (Root.K == MemRoot::Block)
      Blocks.push_back(Root.V);
  std::sort(Blocks.begin(), Blocks.end(), [&](const VarDecl *A, const VarDecl *B) {
    return SM.isBeforeInTranslationUnit(A->getLocation(), B->getLocation());
  });
  for (const VarDecl *V : Blocks) {
    const CallExpr *Alloc = mallocBlock(V);
    const Stmt *DS = declarationOf(V);
    std::string Size = blockSizeName(V);
    FS.R.InsertText(SM.getExpansionLoc(DS->getBeginLoc()), "__SIZE_TYPE__ " + Size + "; ");
    FS.R.InsertTextBefore(Alloc->getBeginLoc(), "(" + Size + " = " + blockSizeText(Alloc) + ", ");
    FS.R.InsertTextAfterToken(Alloc->getEndLoc(), ")");
  }
}

/// A local of an inner block that a task points to must outlive the task:
/// wait for its tasks where the block ends or is left.
bool FunctionRewrite::keepBlockLocalsAlive() {
  for (const MemRoot &Root : TaskRoots) {
    const VarDecl *V = Root.V;
    // A heap block outlives its pointer variable: the task has its address.
    if (Root.K != MemRoot::Var || V->hasGlobalStorage() || isa<ParmVarDecl>(V))
      continue;
    const Stmt *DS = declarationOf(V);
    const Stmt *Block = DS ? parentStmt(DS) : nullptr;
    if (Block == Body)
      continue;
    const auto *C = dyn_cast_or_null<CompoundStmt>(Block);
    if (!C) {
      FS.Sink.error(V->getLocation(), "'" + V->getNameAsString() +
                                          "' is given to a task but may end before "
                                          "the task runs; declare it in a block");
      return false;
    }
    std::string Wait = "__ppar_rt_wait_memory(" + extentText({MemRoot::Var, V}) + ", 3);";
    FS.R.InsertTextBefore(C->getRBracLoc(), Wait + " ");
    std::function<void(const Stmt *)> Exits = [&](const Stmt *S) {
      if (!S)
        return;
      if ((isa<BreakStmt>(S) || isa<ContinueStmt>(S) || isa<GotoStmt>(S)) &&
          SM.isBeforeInTranslationUnit(V->getLocation(), S->getBeginLoc()))
        insertBefore(S, Wait);
      for (const Stmt *Child : S->children())
        Exits(Child);
    };
    Exits(C);
  }
  return true;
}

bool FunctionRewrite::run(bool Skip) {
  collect(Body);
  if (Sites.empty())
    return true;
  if (Skip) {
    for (const Site &S : Sites)
      FS.Sink.warning(S.Call->getBeginLoc(),
                      "calls of delayed '" + S.F->Name + "' inside the jit function '" +
                          G->getNameAsString() + "' run at once, as plain calls");
    return true;
  }
  if (G->getBody()->getBeginLoc().isMacroID() || Body->getRBracLoc().isMacroID()) {
    FS.Sink.error(G->getLocation(), "the body of '" + G->getNameAsString() +
                                        "' is written through a macro; ppar cannot "
                                        "make tasks in it");
    return false;
  }
  for (Site &S : Sites)
    classify(S);
  for (Site &S : Sites) {
    Tasks.Calls.insert(S.Call);
    // What the task touches besides its arguments: statements here that
    // touch it wait, as for memory given to the task.
    for (const auto &[V, Mode] : S.F->Globals) {
      MemoryTasks = true;
      for (const VarDecl *R : V->redecls())
        TaskRoots.insert({MemRoot::Var, R});
    }
    if (S.F->AnywhereMode)
      MemoryTasks = AnywhereTasks = true;
    if (S.U == Use::Future || S.U == Use::FutureInit) {
      if (!FutureSlot.count(S.Var))
        FutureSlot[S.Var] = Slots++;
      S.Slot = FutureSlot[S.Var];
      if (S.Assign)
        Tasks.FutureLhs.insert(S.Assign->getLHS());
    } else if (S.U == Use::Dep || S.U == Use::Forced) {
      S.Slot = Slots++;
    }
    if (S.U == Use::Dest) {
      Tasks.DestLhs.insert(S.Assign->getLHS());
      MemRoot Root = lvalueRoot(S.Assign->getLHS());
      MemoryTasks = true;
      if (Root.K == MemRoot::Var || Root.K == MemRoot::Block) {
        TaskRoots.insert(Root);
        DestRoots.insert(Root);
      }
      AnywhereTasks |= Root.K != MemRoot::Var && Root.K != MemRoot::Block;
    }
    for (unsigned I = 0; I < S.Call->getNumArgs() && I < S.F->Classes.size(); ++I) {
      if (S.F->Classes[I] != ParamClass::Pointer)
        continue;
      MemoryTasks = true;
      MemRoot Root = pointeeRoot(S.Call->getArg(I));
      if (Root.K == MemRoot::Temporary) {
        FS.Sink.error(S.Call->getArg(I)->getBeginLoc(),
                      "a compound literal given by pointer to delayed '" + S.F->Name +
                          "' may change or end before the task runs; use a variable");
        Failed = true;
      }
      if (Root.K == MemRoot::Var || Root.K == MemRoot::Block)
        TaskRoots.insert(Root);
      AnywhereTasks |= Root.K == MemRoot::Anywhere;
    }
  }
  if (Failed)
    return false;
  // An element a task writes, passed by value to another task: read when
  // that task runs, ordered by memory, instead of waited for now.
  for (const Site &S : Sites)
    for (unsigned I = 0; I < S.Call->getNumArgs() && I < S.F->Classes.size(); ++I) {
      const Expr *A = S.Call->getArg(I);
      const auto *Load = dyn_cast<ImplicitCastExpr>(A->IgnoreParens());
      if (S.F->Classes[I] != ParamClass::Value || !Load ||
          Load->getCastKind() != CK_LValueToRValue)
        continue;
      const Expr *L = Load->getSubExpr();
      MemRoot Root = lvalueRoot(L);
      QualType P = S.F->FD->getParamDecl(I)->getType();
      if ((Root.K == MemRoot::Var || Root.K == MemRoot::Block) && DestRoots.count(Root) &&
          !L->refersToBitField() &&
          L->getType().getCanonicalType().getUnqualifiedType() ==
              P.getCanonicalType().getUnqualifiedType())
        Tasks.ByAddress.insert(A);
    }

  TouchFinder All(Tasks, FS.Pure);
  All.stmt(Body);
  for (const Touch &T : All.Touches)
    if (T.Escape && T.Root.K == MemRoot::Var)
      Escaped.insert(T.Root.V);

  // Dep positions first: rewriteFutureUses must skip them.
  for (const Site &S : Sites)
    for (unsigned I = 0; I < S.Call->getNumArgs() && I < S.F->Classes.size(); ++I)
      if (S.F->Classes[I] == ParamClass::Value)
        if (const auto *DRE = dyn_cast<DeclRefExpr>(S.Call->getArg(I)->IgnoreParenImpCasts()))
          if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
              V && isFutureVar(V) && !DRE->getLocation().isMacroID() &&
              V->getType().getCanonicalType().getUnqualifiedType() ==
                  S.F->FD->getParamDecl(I)->getType().getCanonicalType().getUnqualifiedType())
            DepRefs.insert(DRE);
  rewriteFutureUses();
  if (Failed)
    return false;
  emitSupport();
  for (const Site &S : Sites)
    rewriteSite(S);
  rewriteReturns(Body);
  if (MemoryTasks) {
    placeWaits(Body);
    if (!keepBlockLocalsAlive())
      return false;
    recordBlockSizes();
  }
  if (Failed)
    return false;
  std::string Entry = Slots ? " struct __ppar_rt_task *__ppar_f[" + std::to_string(Slots) +
                                  "] = {0}; __ppar_rt_scope_enter();"
                            : " __ppar_rt_scope_enter();";
  FS.R.InsertTextAfterToken(Body->getLBracLoc(), Entry);
  if (Body->body_empty() || !isa<ReturnStmt>(Body->body_back()))
    FS.R.InsertTextBefore(Body->getRBracLoc(), leaveText() + " ");
  return true;
}

/// The places right after each top-level declaration of the main file.
std::vector<SourceLocation> boundaries(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<SourceLocation> Out;
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    SourceLocation End = SM.getExpansionLoc(D->getEndLoc());
    if (End.isInvalid() || !SM.isWrittenInMainFile(End))
      continue;
    if (const auto *FD = dyn_cast<FunctionDecl>(D); FD && FD->doesThisDeclarationHaveABody()) {
      Out.push_back(End);
      continue;
    }
    std::optional<Token> T = Lexer::findNextToken(End, SM, Ctx.getLangOpts());
    if (T && T->is(tok::semi))
      Out.push_back(T->getLocation());
  }
  return Out;
}

} // namespace

bool rewriteDelayedCalls(ASTContext &Ctx, Rewriter &Main, DiagSink &Sink,
                         const std::set<const FunctionDecl *> &Skip, bool Report) {
  FileState FS(Ctx, Main, Sink, Report);
  FS.Boundaries = boundaries(Ctx);
  bool Ok = true;
  const SourceManager &SM = Ctx.getSourceManager();
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    auto *G = dyn_cast<FunctionDecl>(D);
    if (!G || !G->doesThisDeclarationHaveABody() ||
        !SM.isWrittenInMainFile(SM.getExpansionLoc(G->getLocation())))
      continue;
    FunctionRewrite FR(FS, G);
    Ok &= FR.run(Skip.count(G) != 0);
  }
  return Ok && !Sink.hasErrors();
}

} // namespace ppar
