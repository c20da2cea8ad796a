//===- DelayedPlanner.h - The planner of `delayed` calls, inside ---------===//
//
// The classes behind planDelayed (DelayedPlan.h), shared by its files:
// DelayedCallees.cpp (the table of delayed functions), DelayedPlan.cpp
// (calls, shapes, futures, arguments), TaskWaits.cpp (waits).
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_PLAN_DELAYEDPLANNER_H
#define PPAR_PASSES_PLAN_DELAYEDPLANNER_H

#include "analysis/Accesses.h"
#include "analysis/TaskGlobals.h"
#include "plan/DelayedPlan.h"
#include "clang/AST/ASTTypeTraits.h"
#include <map>
#include <memory>
#include <set>

namespace ppar {

/// The delayed functions of a file, each checked once (signature, clauses)
/// and summarised (TaskGlobals).
class CalleeTable {
public:
  CalleeTable(const clang::SourceManager &SM, DiagSink &Sink, DelayedPlan &Plan)
      : SM(SM), Sink(Sink), Callees(Plan.Callees) {}
  /// FD's entry when it is a delayed function fit for tasks, else null
  /// (with an error when the annotation cannot apply).
  const DelayedCallee *of(const clang::FunctionDecl *FD);
  /// True the first time F's generated code is asked for.
  bool firstUse(const DelayedCallee *F) { return Placed.insert(F).second; }
  Purity Pure;

private:
  void inferClauses(DelayedCallee &C, const clang::FunctionDecl *FD);

  const clang::SourceManager &SM;
  DiagSink &Sink;
  TaskGlobals Globals{Pure};
  std::map<const clang::FunctionDecl *, DelayedCallee> &Callees;
  std::set<const clang::FunctionDecl *> NotDelayed;
  std::set<const DelayedCallee *> Placed;
};

/// Plans the tasks of one function (DelayedPlan.cpp, TaskWaits.cpp).
class FunctionPlanner {
public:
  FunctionPlanner(clang::ASTContext &Ctx, CalleeTable &Callees, DiagSink &Sink,
                  clang::FunctionDecl *G);
  /// False after an error. Skip: calls stay plain, with a warning.
  bool run(bool Skip);
  FunctionTasks Out;

private:
  // Calls and their shapes (DelayedPlan.cpp).
  void collect(const clang::Stmt *S);
  bool rewritable(const clang::CallExpr *CE);
  bool plainArgument(const clang::Expr *A);
  void classify(TaskCall &S);
  bool statementLevel(const clang::Expr *E);
  bool futureCandidate(const clang::VarDecl *V);
  bool isFutureVar(const clang::VarDecl *V) const { return FutureSlot.count(V); }
  bool feedsFromFuture(const TaskCall &S, unsigned I, const clang::DeclRefExpr *&Ref);
  void memoryOfTasks();
  void planArguments(TaskCall &S);
  void findFutureUses();
  void findReturns();
  void placeCalleeCode();
  clang::CharSourceRange fileRange(const clang::Expr *E);
  clang::SourceLocation lparen(const clang::CallExpr *CE);
  const clang::Stmt *parentStmt(const clang::Stmt *S);
  clang::DynTypedNode parent(const clang::Stmt *S);

  // Waits (TaskWaits.cpp).
  void placeWaits(const clang::Stmt *S);
  void waitBefore(const clang::Stmt *S, const clang::Stmt *At = nullptr);
  void waitAround(const clang::Expr *E);
  std::vector<TaskAccess> waitAccesses(const std::vector<Touch> &Touches,
                                       clang::SourceRange Unit);
  void addWait(WaitPlace Place, const clang::Stmt *At, std::vector<TaskAccess> Accesses,
               bool Remark);
  WaitPlace before(const clang::Stmt *S);
  bool containsTask(const clang::Stmt *S);
  bool keepBlockLocalsAlive();
  void recordBlockSizes();
  const clang::Stmt *declarationOf(const clang::VarDecl *V);

  clang::ASTContext &Ctx;
  const clang::SourceManager &SM;
  const clang::LangOptions &LO;
  CalleeTable &Callees;
  DiagSink &Sink;
  clang::FunctionDecl *G;
  const clang::CompoundStmt *Body;
  std::map<const clang::CallExpr *, size_t> CallOf;
  std::map<const clang::VarDecl *, int> FutureSlot;
  std::set<const clang::DeclRefExpr *> DepRefs; // future variables passed as a dep
  TaskSites Tasks;
  std::set<MemRoot> TaskRoots, DestRoots; // variables and malloc blocks
  std::set<const clang::VarDecl *> Escaped;
  bool MemoryTasks = false, AnywhereTasks = false;
  bool Failed = false;
  std::unique_ptr<Accesses> BodyAccesses; // of Body, made on first use
};

} // namespace ppar

#endif
