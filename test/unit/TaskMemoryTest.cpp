//===- TaskMemoryTest.cpp - What tasks and statements touch ---------------===//
//
// Parses small C functions and checks the task analyses directly: what an
// expression points into (TaskMemory's roots, malloc blocks), what a
// statement touches as it runs (TouchFinder over the shared MemoryWalk),
// what a function touches besides its arguments (TaskGlobals), and the
// typed builders of the task group of the ABI.
//
// Prints one line per failure and "N passed, M failed"; exits 1 on failure.
//
//===----------------------------------------------------------------------===//

#include "analysis/TaskGlobals.h"
#include "analysis/TaskMemory.h"
#include "emit/abi/Tasks.h"
#include "plan/DelayedPlan.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "Check.h"
#include <cstdio>
#include <memory>
#include <string>

using namespace clang;
using namespace ppar;

namespace {


/// A parsed C text; its functions and statements found by name.
struct Code {
  explicit Code(const std::string &Text)
      : AST(tooling::buildASTFromCodeWithArgs(Text, {"-xc", "-std=gnu11"}, "t.c")) {}
  FunctionDecl *function(llvm::StringRef Name) {
    for (Decl *D : AST->getASTContext().getTranslationUnitDecl()->decls())
      if (auto *FD = dyn_cast<FunctionDecl>(D); FD && FD->getName() == Name && FD->hasBody())
        return FD;
    return nullptr;
  }
  /// The N-th statement of function F's body.
  const Stmt *stmt(llvm::StringRef F, unsigned N) {
    return *(cast<CompoundStmt>(function(F)->getBody())->body_begin() + N);
  }
  std::unique_ptr<ASTUnit> AST;
};

std::string name(const MemRoot &R) {
  switch (R.K) {
  case MemRoot::Var: return "var " + R.V->getNameAsString();
  case MemRoot::Block: return "block " + R.V->getNameAsString();
  case MemRoot::Anywhere: return "anywhere";
  case MemRoot::Temporary: return "temporary";
  case MemRoot::None: return "none";
  }
  return "";
}

/// "var a:1 anywhere:3+" ... one item per touch, + when the address escapes.
std::string touches(const std::vector<Touch> &Ts) {
  std::string S;
  for (const Touch &T : Ts)
    S += (S.empty() ? "" : " ") + name(T.Root) + ":" + std::to_string(T.Mode) +
         (T.Escape ? "+" : "");
  return S;
}

void roots() {
  Code C("#include <stdlib.h>\n"
         "struct S { int f[4]; } s; int g[8]; double *h;\n"
         "void f(int n) { double *p = malloc(n * sizeof *p); double *q = p;\n"
         "  (void)&g[2]; (void)(p + 1); (void)&s.f[1]; (void)h; (void)(int[]){1}; }\n");
  const auto *Body = cast<CompoundStmt>(C.function("f")->getBody());
  auto Arg = [&](unsigned N) {
    return cast<CStyleCastExpr>(Body->body_begin()[N])->getSubExpr();
  };
  CHECK_EQ(name(pointeeRoot(Arg(2))), std::string("var g"));
  CHECK_EQ(name(pointeeRoot(Arg(3))), std::string("block p"));
  CHECK_EQ(name(pointeeRoot(Arg(4))), std::string("var s"));
  CHECK_EQ(name(pointeeRoot(Arg(5))), std::string("anywhere"));
  CHECK_EQ(name(lvalueRoot(cast<ImplicitCastExpr>(Arg(6))->getSubExpr())),
           std::string("temporary"));
  const auto *Q = cast<VarDecl>(cast<DeclStmt>(Body->body_begin()[1])->getSingleDecl());
  CHECK(mallocBlock(Q) == nullptr); // not initialised by an allocation
}

void touchesNow() {
  Code C("int g; void sink(int *); int pure(int x) { return x + 1; }\n"
         "void f(int *p, int i) { int a[4]; g = a[i]; p[i] += 1; sink(&g);\n"
         "  a[0] = sizeof(g); int s = pure(g); }\n");
  Purity Pure;
  TaskSites None;
  auto Of = [&](unsigned N) {
    TouchFinder TF(None, Pure);
    TF.stmt(C.stmt("f", N));
    return touches(TF.Touches);
  };
  CHECK_EQ(Of(1), std::string("var g:2 var a:1 var i:1"));
  CHECK_EQ(Of(2), std::string("anywhere:3 var p:1 var i:1")); // p[i]: through p
  CHECK_EQ(Of(3), std::string("anywhere:3+ var g:3+"));
  CHECK_EQ(Of(4), std::string("var a:2")); // sizeof reads nothing
  CHECK_EQ(Of(5), std::string("var g:1"));
}

void globalsOfFunctions() {
  Code C("int g, h; const int k = 1; static int count(int *p) { return *p + k; }\n"
         "void writer(int n) { static int calls; g = n; calls++; }\n"
         "int reader(void) { return count(&h); }\n"
         "int rec(int n) { return n ? rec(n - 1) : g; }\n");
  Purity Pure;
  TaskGlobals TG(Pure);
  auto Vars = [](const GlobalEffects &E) {
    std::string S;
    for (const auto &[V, M] : E.Vars)
      S += (S.empty() ? "" : " ") + V->getNameAsString() + ":" + std::to_string(M);
    return S + (E.Anywhere ? " anywhere:" + std::to_string(E.Anywhere) : "");
  };
  CHECK_EQ(Vars(TG.of(C.function("writer"))), std::string("g:2 anywhere:3")); // static local
  CHECK_EQ(Vars(TG.of(C.function("reader"))), std::string("h:1"));
  CHECK_EQ(Vars(TG.of(C.function("rec"))), std::string("g:1"));
  CHECK(TG.of(C.function("count")).Params.count(0));
}

/// Keeps the messages of the passes as "line: text".
struct Messages : DiagSink {
  const SourceManager *SM = nullptr;
  std::string All;
  void report(Level, SourceLocation Loc, llvm::StringRef Message,
              llvm::ArrayRef<FixItHint>) override {
    All += std::to_string(SM->getPresumedLineNumber(Loc)) + ": " + Message.str() + "\n";
  }
};

/// The plan of the calls of a delayed function: each call's shape and
/// slot, the task's accesses, the waits.
void plan() {
  Code C("#define DELAYED __attribute__((annotate(\"ppar.delayed()\")))\n"
         "DELAYED double load(int part);\n"
         "DELAYED void fill(double *v, int n);\n"
         "DELAYED double sum(const double *v, int n);\n"
         "double run(int n) {\n"
         "  double a = load(0), buf[8];\n"
         "  fill(buf, 8);\n"
         "  buf[1] = sum(buf, load(1));\n"
         "  return a + buf[1];\n"
         "}\n");
  Messages M;
  M.SM = &C.AST->getSourceManager();
  DelayedPlan P;
  CHECK(planDelayed(C.AST->getASTContext(), M, {}, P));
  CHECK_EQ(M.All, std::string(""));
  CHECK(P.Functions.size() == 1);
  if (P.Functions.size() != 1)
    return;
  const FunctionTasks &T = P.Functions[0];
  std::string Shapes;
  for (const TaskCall &S : T.Calls) {
    static const char *const Names[] = {"dropped", "future",    "future-init",
                                        "writes",  "feeds-task", "forced"};
    Shapes += S.F->Name + ":" + Names[int(S.Shape)] + "/" + std::to_string(S.Slot);
    for (const TaskAccess &A : S.Accesses)
      Shapes += " " + name(A.Root) + ":" + std::to_string(int(A.Mode));
    Shapes += ";";
  }
  // load(0) a future in slot 0; fill writes buf; load(1) feeds sum (slot
  // 1); sum reads buf and writes buf[1].
  CHECK_EQ(Shapes, std::string("load:future-init/0;fill:dropped/-1 var buf:3;"
                               "load:feeds-task/1;sum:writes/-1 var buf:2 var buf:1;"));
  CHECK(T.Slots == 2);
  CHECK(T.FutureUses.size() == 1); // `a` in the return
  CHECK(T.Returns.size() == 1 && !T.LeaveAtEnd);
  CHECK(T.Waits.size() == 1 && T.Waits[0].Place == WaitPlace::Before &&
        T.Waits[0].Accesses.size() == 1 &&
        T.Waits[0].Accesses[0].Mode == TaskAccessMode::Read);
}

void builders() {
  using namespace abi;
  CHECK_EQ(waitMemory("a", "b", AccessMode::Read),
           std::string("__ppar_rt_wait_memory(a, b, __PPAR_RT_ACCESS_READ)"));
  CHECK_EQ(access("lo", "hi", accessMode(3)),
           std::string("{lo, hi, __PPAR_RT_ACCESS_READWRITE}"));
  CHECK_EQ(flagsText(TaskNogil | TaskEager),
           std::string("0u | __PPAR_RT_TASK_NOGIL | __PPAR_RT_TASK_EAGER"));
  CHECK_EQ(flagsText(TaskEager | TaskGpu),
           std::string("0u | __PPAR_RT_TASK_EAGER | __PPAR_RT_TASK_GPU"));
  CHECK_EQ(scopeLeaveRelease("0", 0), std::string("__ppar_rt_scope_leave_release(0, 0)"));
  CHECK_EQ(open(TaskEntry::FutureSet), std::string("__ppar_rt_future_set("));
  CHECK_EQ(taskCreate("\"f\"", "file", "1u", "fn", "&a", "sizeof a", "8", "acc", 2, "0", 0,
                      TaskNoFlags),
           std::string("__ppar_rt_task_create(\"f\", file, 1u, fn, &a, sizeof a, 8, acc, "
                       "2, 0, 0, 0u)"));
}

} // namespace

int main() {
  roots();
  touchesNow();
  globalsOfFunctions();
  plan();
  builders();
  return unit::finish();
}
