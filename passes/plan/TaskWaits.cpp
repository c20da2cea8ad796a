//===- TaskWaits.cpp - Where statements wait for the tasks they touch -----===//
//
// A statement that is not a task and touches memory a pending task of the
// function may touch waits for those tasks first: once before it, or, for
// a condition evaluated again and again, inside it. A local of an inner
// block given to a task is waited for where the block ends or is left.
//
//===----------------------------------------------------------------------===//

#include "plan/DelayedPlanner.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <algorithm>

using namespace clang;

namespace ppar {

bool FunctionPlanner::containsTask(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *CE = dyn_cast<CallExpr>(S); CE && Tasks.Calls.count(CE))
    return true;
  return llvm::any_of(S->children(), [&](const Stmt *C) { return containsTask(C); });
}

/// S holds a place that control can enter without passing S's start: a
/// label (a goto's target), or a case of a switch outside S. A wait before
/// S would be jumped over.
static bool hasEntry(const Stmt *S, bool InOwnSwitch = false) {
  if (!S)
    return false;
  if (isa<LabelStmt>(S) || (isa<SwitchCase>(S) && !InOwnSwitch))
    return true;
  return llvm::any_of(S->children(), [&](const Stmt *C) {
    return hasEntry(C, InOwnSwitch || isa<SwitchStmt>(S));
  });
}

/// The memory of Touches that pending tasks may touch: variables and
/// blocks by name, or all of memory. Variables declared inside Unit itself
/// are new to it.
std::vector<TaskAccess> FunctionPlanner::waitAccesses(const std::vector<Touch> &Touches,
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
  std::vector<TaskAccess> Out;
  if (Anywhere) {
    for (auto &[V, M] : Vars)
      Anywhere |= M;
    for (auto &[V, M] : Blocks)
      Anywhere |= M;
    Out.push_back({MemRoot(), TaskAccessMode(Anywhere)});
    return Out;
  }
  for (auto &[V, M] : Vars)
    Out.push_back({{MemRoot::Var, V}, TaskAccessMode(M)});
  for (auto &[V, M] : Blocks)
    Out.push_back({{MemRoot::Block, V}, TaskAccessMode(M)});
  return Out;
}

/// Before statement S: braced with it where S is the body of an if, a loop
/// or a label.
WaitPlace FunctionPlanner::before(const Stmt *S) {
  const Stmt *P = parentStmt(S);
  return !P || isa<CompoundStmt>(P) || isa<DeclStmt>(S) ? WaitPlace::Before
                                                        : WaitPlace::BeforeBraced;
}

void FunctionPlanner::addWait(WaitPlace Place, const Stmt *At,
                              std::vector<TaskAccess> Accesses, bool Remark) {
  if (!Accesses.empty())
    Out.Waits.push_back({Place, At, std::move(Accesses), Remark});
}

/// Waits for what S touches, placed before At (S itself, or the loop whose
/// init S is).
void FunctionPlanner::waitBefore(const Stmt *S, const Stmt *At) {
  At = At ? At : S;
  TouchFinder TF(Tasks, Callees.Pure);
  TF.stmt(S);
  addWait(before(At), At, waitAccesses(TF.Touches, At->getSourceRange()), true);
}

/// A condition evaluated again and again: the wait goes inside it.
void FunctionPlanner::waitAround(const Expr *E) {
  if (!E)
    return;
  TouchFinder TF(Tasks, Callees.Pure);
  TF.expr(E);
  std::vector<TaskAccess> Accesses = waitAccesses(TF.Touches, E->getSourceRange());
  if (Accesses.empty())
    return;
  if (fileRange(E).isInvalid()) {
    Sink.error(E->getBeginLoc(), "this expression, written through a macro, "
                                 "reads memory that tasks of this function "
                                 "write; ppar cannot order it after them");
    Failed = true;
    return;
  }
  addWait(WaitPlace::Inside, E, std::move(Accesses), true);
}

void FunctionPlanner::placeWaits(const Stmt *S) {
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

/// The statement that declares V, or null.
const Stmt *FunctionPlanner::declarationOf(const VarDecl *V) {
  auto Parents = Ctx.getParents(*V);
  return Parents.empty() ? nullptr : Parents[0].get<DeclStmt>();
}

/// The size of each malloc block tasks touch, kept where the block is made.
void FunctionPlanner::recordBlockSizes() {
  for (const MemRoot &Root : TaskRoots)
    if (Root.K == MemRoot::Block)
      Out.BlockSizes.push_back({Root.V, mallocBlock(Root.V), declarationOf(Root.V)});
  std::sort(Out.BlockSizes.begin(), Out.BlockSizes.end(),
            [&](const BlockSize &A, const BlockSize &B) {
              return SM.isBeforeInTranslationUnit(A.V->getLocation(), B.V->getLocation());
            });
}

/// The statements that leave block C early (break, continue, goto), in
/// order.
static std::vector<const Stmt *> exitsOf(const CompoundStmt *C) {
  struct Finder : RecursiveASTVisitor<Finder> {
    std::vector<const Stmt *> Found;
    bool VisitBreakStmt(BreakStmt *S) { return add(S); }
    bool VisitContinueStmt(ContinueStmt *S) { return add(S); }
    bool VisitGotoStmt(GotoStmt *S) { return add(S); }
    bool add(const Stmt *S) {
      Found.push_back(S);
      return true;
    }
  } F;
  F.TraverseStmt(const_cast<CompoundStmt *>(C));
  return F.Found;
}

/// A local of an inner block that a task points to must outlive the task:
/// wait for its tasks where the block ends or is left.
bool FunctionPlanner::keepBlockLocalsAlive() {
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
      Sink.error(V->getLocation(), "'" + V->getNameAsString() +
                                       "' is given to a task but may end before "
                                       "the task runs; declare it in a block");
      return false;
    }
    std::vector<TaskAccess> Whole = {{Root, TaskAccessMode::ReadWrite}};
    addWait(WaitPlace::BlockEnd, C, Whole, false);
    for (const Stmt *Exit : exitsOf(C))
      if (SM.isBeforeInTranslationUnit(V->getLocation(), Exit->getBeginLoc()))
        addWait(before(Exit), Exit, Whole, false);
  }
  return true;
}

} // namespace ppar
