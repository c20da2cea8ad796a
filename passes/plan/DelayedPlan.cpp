//===- DelayedPlan.cpp - Calls of delayed functions, classified -----------===//

#include "plan/DelayedPlanner.h"
#include "support/SourceText.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace ppar {

static bool sameType(QualType A, QualType B) {
  return A.getCanonicalType().getUnqualifiedType() ==
         B.getCanonicalType().getUnqualifiedType();
}

FunctionPlanner::FunctionPlanner(ASTContext &Ctx, CalleeTable &Callees, DiagSink &Sink,
                                 FunctionDecl *G)
    : Ctx(Ctx), SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()), Callees(Callees),
      Sink(Sink), G(G), Body(cast<CompoundStmt>(G->getBody())) {
  Out.G = G;
  Out.Body = Body;
}

DynTypedNode FunctionPlanner::parent(const Stmt *S) {
  auto Parents = Ctx.getParents(*S);
  return Parents.empty() ? DynTypedNode() : Parents[0];
}

const Stmt *FunctionPlanner::parentStmt(const Stmt *S) { return parent(S).get<Stmt>(); }

/// E's text in the file, when a macro expansion covers all of E or none of
/// it (`f(N)` with N a macro is fine; `f(ARGS)` is not).
CharSourceRange FunctionPlanner::fileRange(const Expr *E) {
  return Lexer::makeFileCharRange(CharSourceRange::getTokenRange(E->getSourceRange()),
                                  SM, LO);
}

SourceLocation FunctionPlanner::lparen(const CallExpr *CE) {
  std::optional<Token> T = Lexer::findNextToken(CE->getCallee()->getEndLoc(), SM, LO);
  return T && T->is(tok::l_paren) ? T->getLocation() : SourceLocation();
}

bool FunctionPlanner::rewritable(const CallExpr *CE) {
  const auto *Callee = dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreImpCasts());
  if (!Callee)
    return false; // through a pointer or in parentheses: a plain call
  if (CE->getBeginLoc().isMacroID() || CE->getRParenLoc().isMacroID() ||
      Callee->getEndLoc().isMacroID() || lparen(CE).isInvalid())
    return false;
  return llvm::all_of(CE->arguments(), [&](const Expr *A) { return plainArgument(A); });
}

/// True when A's text is its own in the file: written there, or a whole
/// macro expansion (`f(N)`, `f(M(x))`). An argument that is only part of a
/// macro's arguments (`f(TWO(x, y))`) is not: text put in front of it
/// would land inside that macro's argument list.
bool FunctionPlanner::plainArgument(const Expr *A) {
  CharSourceRange R = fileRange(A);
  if (R.isInvalid())
    return false;
  SourceLocation Begin = SM.getExpansionRange(A->getBeginLoc()).getBegin();
  SourceLocation Last = SM.getExpansionRange(A->getEndLoc()).getEnd();
  return Begin == R.getBegin() && Lexer::getLocForEndOfToken(Last, 0, SM, LO) == R.getEnd();
}

void FunctionPlanner::collect(const Stmt *S) {
  if (!S || isa<UnaryExprOrTypeTraitExpr>(S))
    return; // not evaluated
  for (const Stmt *Child : S->children())
    collect(Child);
  const auto *CE = dyn_cast<CallExpr>(S);
  const DelayedCallee *F = CE ? Callees.of(CE->getDirectCallee()) : nullptr;
  if (!F)
    return;
  if (!rewritable(CE)) {
    Sink.warning(CE->getBeginLoc(), "this call of delayed '" + F->Name +
                                        "' is written through a macro or a function pointer; "
                                        "it runs at once, as a plain call");
    return;
  }
  if (CE->getNumArgs() != F->Classes.size()) {
    // Only a function without a prototype can be called so (undefined
    // behaviour in the serial program too).
    Sink.error(CE->getBeginLoc(),
               "this call of delayed '" + F->Name + "' passes " +
                   std::to_string(CE->getNumArgs()) +
                   (CE->getNumArgs() == 1 ? " argument" : " arguments") + ", but '" +
                   F->Name + "' takes " + std::to_string(F->Classes.size()));
    return;
  }
  CallOf[CE] = Out.Calls.size();
  TaskCall New;
  New.Call = CE;
  New.F = F;
  Out.Calls.push_back(New);
}

/// True when E is evaluated for its effect alone, as a statement.
bool FunctionPlanner::statementLevel(const Expr *E) {
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
bool FunctionPlanner::futureCandidate(const VarDecl *V) {
  if (!BodyAccesses)
    BodyAccesses = std::make_unique<Accesses>(collectAccesses(Body));
  QualType T = V->getType();
  return !BodyAccesses->Vars.lookup(V).escapes() && V->isLocalVarDeclOrParm() &&
         !V->isStaticLocal() && V->getStorageClass() != SC_Register &&
         V->getDeclContext() == G && !T->isArrayType() && !T->isVariablyModifiedType() &&
         !T.isConstQualified() && !T.isVolatileQualified() && !T->isIncompleteType();
}

void FunctionPlanner::classify(TaskCall &S) {
  QualType R = S.F->FD->getReturnType();
  const Expr *Top = S.Call;
  DynTypedNode P = parent(Top);
  while (const auto *IC = P.get<ImplicitCastExpr>()) {
    Top = IC;
    P = parent(Top);
  }
  if (const auto *BO = P.get<BinaryOperator>();
      BO && BO->getOpcode() == BO_Assign && BO->getRHS() == Top && statementLevel(BO) &&
      !BO->getOperatorLoc().isMacroID() && !BO->getLHS()->getBeginLoc().isMacroID() &&
      !BO->getLHS()->getEndLoc().isMacroID()) {
    const Expr *L = BO->getLHS();
    const auto *DRE = dyn_cast<DeclRefExpr>(L);
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    int K = resultKind(R, L->getType());
    if (V && futureCandidate(V) && K >= 0) {
      S.Shape = CallShape::Future, S.Var = V, S.Assign = BO, S.Kind = K;
      return;
    }
    if (K >= 0 && !L->refersToBitField() && !(V && V->getStorageClass() == SC_Register)) {
      S.Shape = CallShape::WritesLhs, S.Assign = BO, S.Kind = K, S.Target = L->getType();
      return;
    }
  }
  if (const auto *V = P.get<VarDecl>();
      V && V->getInit() && V->getInit()->IgnoreImpCasts() == S.Call &&
      V->getInitStyle() == VarDecl::CInit && futureCandidate(V) &&
      resultKind(R, V->getType()) >= 0) {
    S.Shape = CallShape::FutureInit, S.Var = V, S.Kind = resultKind(R, V->getType());
    return;
  }
  if (const auto *Outer = P.get<CallExpr>(); Outer && CallOf.count(Outer)) {
    const DelayedCallee *OF = Out.Calls[CallOf[Outer]].F;
    for (unsigned I = 0; I < Outer->getNumArgs() && I < OF->Classes.size(); ++I)
      if (Outer->getArg(I) == Top && OF->Classes[I] == ParamClass::Value &&
          !OF->SizesExtent[I]) {
        QualType T = OF->FD->getParamDecl(I)->getType();
        if (resultKind(R, T) >= 0) {
          S.Shape = CallShape::FeedsTask, S.Target = T, S.Kind = resultKind(R, T);
          return;
        }
      }
  }
  const auto *Cast = P.get<CStyleCastExpr>();
  if (statementLevel(Top) || (Cast && Cast->getType()->isVoidType() && statementLevel(Cast)))
    S.Shape = CallShape::Dropped;
  else
    S.Shape = CallShape::Forced;
}

/// How a task touches what pointer parameter I of F points into: as its
/// clauses say, else read for a pointer to const, else read and write.
static TaskAccessMode pointerMode(const DelayedCallee &F, unsigned I) {
  const ParmVarDecl *P = F.FD->getParamDecl(I);
  if (!F.HasClause[I])
    return P->getType()->getPointeeType().isConstQualified() ? TaskAccessMode::Read
                                                              : TaskAccessMode::ReadWrite;
  int Bits = 0;
  for (const DataClause &C : F.Ann.Data)
    if (C.Name == P->getName())
      Bits |= C.Direction == DataDirection::In    ? 1
              : C.Direction == DataDirection::Out ? 2
                                                  : 3;
  return TaskAccessMode(Bits);
}

/// What the tasks touch: slots for futures, the memory their arguments,
/// destinations and callees' globals reach.
void FunctionPlanner::memoryOfTasks() {
  std::vector<TaskCall> &Calls = Out.Calls;
  for (TaskCall &S : Calls) {
    Tasks.Calls.insert(S.Call);
    // What the task touches besides its arguments: statements here that
    // touch it wait, as for memory given to the task.
    for (const auto &[V, Mode] : S.F->Globals) {
      MemoryTasks = true;
      S.Accesses.push_back({{MemRoot::Var, V}, TaskAccessMode(Mode)});
      for (const VarDecl *R : V->redecls())
        TaskRoots.insert({MemRoot::Var, R});
    }
    if (S.F->AnywhereMode) {
      MemoryTasks = AnywhereTasks = true;
      S.Accesses.push_back({MemRoot(), TaskAccessMode(S.F->AnywhereMode)});
    }
    if (S.Shape == CallShape::Future || S.Shape == CallShape::FutureInit) {
      if (!FutureSlot.count(S.Var))
        FutureSlot[S.Var] = Out.Slots++;
      S.Slot = FutureSlot[S.Var];
      if (S.Assign)
        Tasks.FutureLhs.insert(S.Assign->getLHS());
    } else if (S.Shape == CallShape::FeedsTask || S.Shape == CallShape::Forced) {
      S.Slot = Out.Slots++;
    }
    if (S.Shape == CallShape::WritesLhs) {
      Tasks.DestLhs.insert(S.Assign->getLHS());
      MemRoot Root = lvalueRoot(S.Assign->getLHS());
      MemoryTasks = true;
      S.Accesses.push_back({Root, TaskAccessMode::Write});
      if (Root.K == MemRoot::Var || Root.K == MemRoot::Block) {
        TaskRoots.insert(Root);
        DestRoots.insert(Root);
      }
      AnywhereTasks |= Root.K != MemRoot::Var && Root.K != MemRoot::Block;
    }
    for (unsigned I = 0; I < S.Call->getNumArgs(); ++I) {
      if (S.F->Classes[I] != ParamClass::Pointer)
        continue;
      MemoryTasks = true;
      MemRoot Root = pointeeRoot(S.Call->getArg(I));
      S.Accesses.push_back({Root, pointerMode(*S.F, I)});
      if (Root.K == MemRoot::Temporary) {
        Sink.error(S.Call->getArg(I)->getBeginLoc(),
                   "a compound literal given by pointer to delayed '" + S.F->Name +
                       "' may change or end before the task runs; use a variable");
        Failed = true;
      }
      if (Root.K == MemRoot::Var || Root.K == MemRoot::Block)
        TaskRoots.insert(Root);
      AnywhereTasks |= Root.K == MemRoot::Anywhere;
    }
  }
  // An element a task writes, passed by value to another task: read when
  // that task runs, ordered by memory, instead of waited for now.
  for (const TaskCall &S : Calls)
    for (unsigned I = 0; I < S.Call->getNumArgs(); ++I) {
      const Expr *A = S.Call->getArg(I);
      const auto *Load = dyn_cast<ImplicitCastExpr>(A->IgnoreParens());
      if (S.F->Classes[I] != ParamClass::Value || !Load ||
          Load->getCastKind() != CK_LValueToRValue)
        continue;
      const Expr *L = Load->getSubExpr();
      MemRoot Root = lvalueRoot(L);
      if ((Root.K == MemRoot::Var || Root.K == MemRoot::Block) && DestRoots.count(Root) &&
          !L->refersToBitField() &&
          sameType(L->getType(), S.F->FD->getParamDecl(I)->getType()))
        Tasks.ByAddress.insert(A);
    }
  TouchFinder All(Tasks, Callees.Pure);
  All.stmt(Body);
  for (const Touch &T : All.Touches)
    if (T.Escape && T.Root.K == MemRoot::Var)
      Escaped.insert(T.Root.V);
}

/// Is argument I of S a future variable whose slot the task takes (Ref)?
bool FunctionPlanner::feedsFromFuture(const TaskCall &S, unsigned I,
                                      const DeclRefExpr *&Ref) {
  if (S.F->Classes[I] != ParamClass::Value || S.F->SizesExtent[I])
    return false;
  Ref = dyn_cast<DeclRefExpr>(S.Call->getArg(I)->IgnoreParenImpCasts());
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return V && isFutureVar(V) && !Ref->getLocation().isMacroID() &&
         sameType(V->getType(), S.F->FD->getParamDecl(I)->getType());
}

/// Per argument: the future a value may come from, the extent of a pointer.
void FunctionPlanner::planArguments(TaskCall &S) {
  for (unsigned I = 0; I < S.Call->getNumArgs(); ++I) {
    const Expr *A = S.Call->getArg(I);
    TaskArg Arg{ArgShape::Value, A, nullptr, -1, MemRoot()};
    const DeclRefExpr *Ref = nullptr;
    switch (S.F->Classes[I]) {
    case ParamClass::Value:
      if (const auto *CE = dyn_cast<CallExpr>(A->IgnoreImpCasts());
          CE && CallOf.count(CE) && Out.Calls[CallOf[CE]].Shape == CallShape::FeedsTask)
        Arg.Shape = ArgShape::FromTask;
      else if (feedsFromFuture(S, I, Ref))
        Arg.Shape = ArgShape::FromFuture, Arg.Ref = Ref,
        Arg.Slot = FutureSlot[cast<VarDecl>(Ref->getDecl())];
      else if (Tasks.ByAddress.count(A))
        Arg.Shape = ArgShape::ByAddress;
      break;
    case ParamClass::Pointer:
      Arg.Shape = S.F->HasClause[I] ? ArgShape::Clause : ArgShape::Extent;
      Arg.Extent = pointeeRoot(A);
      break;
    case ParamClass::Other:
      Arg.Shape = ArgShape::Passed;
      break;
    }
    S.Args.push_back(Arg);
  }
}

/// Every other read or write of a future variable resolves it first.
void FunctionPlanner::findFutureUses() {
  for (const TaskCall &S : Out.Calls)
    for (unsigned I = 0; I < S.Call->getNumArgs(); ++I)
      if (const DeclRefExpr *Ref = nullptr; feedsFromFuture(S, I, Ref))
        DepRefs.insert(Ref);
  struct Finder : RecursiveASTVisitor<Finder> {
    FunctionPlanner &P;
    std::set<unsigned> Done; // a macro may use one spelled argument twice
    explicit Finder(FunctionPlanner &P) : P(P) {}
    bool shouldVisitImplicitCode() const { return true; }
    bool VisitDeclRefExpr(DeclRefExpr *DRE) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!V || !P.isFutureVar(V) || P.DepRefs.count(DRE) || P.Tasks.FutureLhs.count(DRE))
        return true;
      SourceLocation L = DRE->getLocation();
      if (L.isMacroID()) {
        if (!P.SM.isMacroArgExpansion(L)) {
          P.Sink.error(L, "'" + V->getNameAsString() +
                              "' holds the result of a delayed call and is used "
                              "inside a macro's body, where ppar cannot resolve it; "
                              "pass it to the macro as an argument");
          P.Failed = true;
          return true;
        }
        L = P.SM.getSpellingLoc(L);
      }
      if (Done.insert(P.SM.getFileOffset(L)).second)
        P.Out.FutureUses.push_back({V, L, P.FutureSlot[V]});
      return true;
    }
  } F(*this);
  F.TraverseStmt(const_cast<CompoundStmt *>(Body));
}

void FunctionPlanner::findReturns() {
  struct Finder : RecursiveASTVisitor<Finder> {
    FunctionPlanner &P;
    explicit Finder(FunctionPlanner &P) : P(P) {}
    bool VisitReturnStmt(ReturnStmt *RS) {
      if (RS->getReturnLoc().isMacroID() || lastToken(RS, P.SM, P.LO).isMacroID()) {
        P.Sink.error(RS->getReturnLoc(), "this return is written through a macro; ppar "
                                         "must finish the function's tasks before it");
        P.Failed = true;
      } else {
        P.Out.Returns.push_back(RS);
      }
      return true;
    }
  } F(*this);
  F.TraverseStmt(const_cast<CompoundStmt *>(Body));
  Out.LeaveAtEnd = Body->body_empty() || !isa<ReturnStmt>(Body->body_back());
}

/// The generated code of each delayed function called here, once per file:
/// right after the function's first declaration; before this function when
/// that declaration is in a header; split around this function when it is
/// the first declaration itself (a recursive delayed function).
void FunctionPlanner::placeCalleeCode() {
  for (const TaskCall &S : Out.Calls) {
    const DelayedCallee &F = *S.F;
    if (!Callees.firstUse(&F))
      continue;
    CalleeCode Code{CalleeCode::AfterDeclaration, &F, {}, S.Call->getBeginLoc()};
    const FunctionDecl *First = F.FD;
    if (!SM.isWrittenInMainFile(SM.getExpansionLoc(First->getLocation()))) {
      Code.Where = CalleeCode::BeforeCaller;
      Out.Code.push_back(Code);
      continue;
    }
    if (First->doesThisDeclarationHaveABody())
      Code.After = SM.getExpansionLoc(First->getBody()->getEndLoc());
    else if (std::optional<Token> T =
                 Lexer::findNextToken(SM.getExpansionLoc(First->getEndLoc()), SM, LO);
             T && T->is(tok::semi))
      Code.After = T->getLocation();
    if (Code.After.isInvalid()) {
      Sink.error(First->getLocation(), "cannot find the end of the declaration "
                                       "of delayed '" + F.Name + "'");
      Failed = true;
      continue;
    }
    if (First == G)
      Code.Where = CalleeCode::Split;
    Out.Code.push_back(Code);
  }
}

bool FunctionPlanner::run(bool Skip) {
  collect(Body);
  if (Out.Calls.empty())
    return true;
  if (Skip) {
    for (const TaskCall &S : Out.Calls)
      Sink.warning(S.Call->getBeginLoc(), "calls of delayed '" + S.F->Name +
                                              "' inside the jit function '" +
                                              G->getNameAsString() +
                                              "' run at once, as plain calls");
    Out.Calls.clear();
    return true;
  }
  if (G->getBody()->getBeginLoc().isMacroID() || Body->getRBracLoc().isMacroID()) {
    Sink.error(G->getLocation(), "the body of '" + G->getNameAsString() +
                                     "' is written through a macro; ppar cannot "
                                     "make tasks in it");
    return false;
  }
  for (TaskCall &S : Out.Calls)
    classify(S);
  memoryOfTasks();
  if (Failed)
    return false;
  findFutureUses();
  if (Failed)
    return false;
  placeCalleeCode();
  for (TaskCall &S : Out.Calls)
    planArguments(S);
  findReturns();
  if (MemoryTasks) {
    placeWaits(Body);
    if (!keepBlockLocalsAlive())
      return false;
    recordBlockSizes();
  }
  return !Failed;
}

bool planDelayed(ASTContext &Ctx, DiagSink &Sink, const std::set<const FunctionDecl *> &Skip,
                 DelayedPlan &Out) {
  CalleeTable Callees(Ctx.getSourceManager(), Sink, Out);
  const SourceManager &SM = Ctx.getSourceManager();
  bool Ok = true;
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    auto *G = dyn_cast<FunctionDecl>(D);
    if (!G || !G->doesThisDeclarationHaveABody() ||
        !SM.isWrittenInMainFile(SM.getExpansionLoc(G->getLocation())))
      continue;
    FunctionPlanner P(Ctx, Callees, Sink, G);
    bool Planned = P.run(Skip.count(G) != 0);
    Ok &= Planned;
    if (Planned && !P.Out.Calls.empty())
      Out.Functions.push_back(std::move(P.Out));
  }
  return Ok && !Sink.hasErrors();
}

} // namespace ppar
