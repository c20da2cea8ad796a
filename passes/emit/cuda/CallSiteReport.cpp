//===- CallSiteReport.cpp -------------------------------------------------===//

#include "emit/cuda/CallSiteReport.h"
#include "analysis/Accesses.h"
#include "emit/cuda/CudaVariant.h"
#include "emit/cuda/TransferReport.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace ppar {

namespace {

/// The innermost loop around S in its function, or null.
const Stmt *enclosingLoop(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  while (!Parents.empty()) {
    const Stmt *P = Parents[0].get<Stmt>();
    if (!P)
      return nullptr; // a declaration: the function, or a variable's initializer
    if (isa<ForStmt, WhileStmt, DoStmt>(P))
      return P;
    Parents = Ctx.getParents(*P);
  }
  return nullptr;
}

/// The function whose body holds S.
const FunctionDecl *enclosingFunction(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  while (!Parents.empty()) {
    if (const auto *FD = Parents[0].get<FunctionDecl>())
      return FD;
    if (const auto *P = Parents[0].get<Stmt>())
      Parents = Ctx.getParents(*P);
    else if (const auto *D = Parents[0].get<Decl>())
      Parents = Ctx.getParents(*D);
    else
      return nullptr;
  }
  return nullptr;
}

/// True when FD calls ppar_to_device on memory that E's variables name.
bool madeResident(const FunctionDecl *FD, const Expr *E) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const Accesses &Arg;
    bool Found = false;
    explicit Finder(const Accesses &Arg) : Arg(Arg) {}
    bool VisitCallExpr(CallExpr *C) {
      const FunctionDecl *Callee = C->getDirectCallee();
      if (Callee && Callee->getName() == "ppar_to_device" && C->getNumArgs() > 0)
        for (const auto &[V, A] : collectAccesses(C->getArg(0)).Vars)
          Found |= Arg.Vars.count(V) != 0;
      return !Found;
    }
  };
  Accesses Arg = collectAccesses(E);
  Finder F(Arg);
  F.TraverseStmt(FD->getBody());
  return F.Found;
}

class CallFinder : public RecursiveASTVisitor<CallFinder> {
public:
  CallFinder(const llvm::DenseMap<const FunctionDecl *, const FunctionPlan *> &Gpu,
             ASTContext &Ctx, DiagSink &Sink)
      : Gpu(Gpu), Ctx(Ctx), SM(Ctx.getSourceManager()), Sink(Sink) {}

  bool VisitCallExpr(CallExpr *C) {
    const FunctionDecl *Callee = C->getDirectCallee();
    auto It = Callee ? Gpu.find(Callee->getCanonicalDecl()) : Gpu.end();
    if (It == Gpu.end() || !SM.isInMainFile(SM.getExpansionLoc(C->getBeginLoc())))
      return true;
    const Stmt *Loop = enclosingLoop(C, Ctx);
    const FunctionDecl *Caller = Loop ? enclosingFunction(Loop, Ctx) : nullptr;
    if (!Caller)
      return true;
    Accesses InLoop = collectAccesses(Loop);
    std::vector<std::pair<unsigned, std::string>> Args; // in argument order
    bool Back = false;
    for (const TransferSummary &T : summarizeTransfers(It->second->Gpu->Plan)) {
      const auto *PV = dyn_cast<ParmVarDecl>(T.Var);
      if (!PV || PV->getFunctionScopeIndex() >= C->getNumArgs())
        continue;
      const Expr *Arg = C->getArg(PV->getFunctionScopeIndex());
      bool Invariant = true;
      for (const auto &[V, A] : collectAccesses(Arg).Vars)
        Invariant &= !InLoop.Vars.lookup(V).written();
      if (!Invariant || madeResident(Caller, Arg))
        continue;
      std::string Text = "'" + std::string(Lexer::getSourceText(
                                   CharSourceRange::getTokenRange(Arg->getSourceRange()), SM,
                                   Ctx.getLangOpts())) + "'";
      Args.push_back({PV->getFunctionScopeIndex(), Text});
      Back |= T.Direction != TransferDirection::In;
    }
    if (Args.empty())
      return true;
    llvm::sort(Args);
    std::vector<std::string> Copied;
    for (auto &[Index, Text] : Args)
      Copied.push_back(Text);
    unsigned Line = SM.getPresumedLineNumber(SM.getExpansionLoc(Loop->getBeginLoc()));
    Sink.remark(C->getBeginLoc(),
                "'" + Callee->getNameAsString() + "' copies " + llvm::join(Copied, ", ") +
                    " to the GPU" + (Back ? " and back" : "") +
                    " at every iteration of the loop at line " + std::to_string(Line) +
                    "; ppar_to_device before the loop keeps " +
                    (Copied.size() == 1 ? "it" : "them") + " on the GPU between calls" +
                    (Back ? ", and ppar_to_host after it brings the results back" : ""));
    return true;
  }

private:
  const llvm::DenseMap<const FunctionDecl *, const FunctionPlan *> &Gpu;
  ASTContext &Ctx;
  const SourceManager &SM;
  DiagSink &Sink;
};

} // namespace

void reportCopiesInLoops(const std::vector<FunctionPlan *> &Plans, ASTContext &Ctx,
                         DiagSink &Sink) {
  llvm::DenseMap<const FunctionDecl *, const FunctionPlan *> Gpu;
  for (const FunctionPlan *P : Plans)
    if (P->Gpu && !P->Gpu->Plan.Transfers.empty())
      Gpu[P->F.FD->getCanonicalDecl()] = P;
  if (Gpu.empty())
    return;
  CallFinder F(Gpu, Ctx, Sink);
  F.TraverseDecl(Ctx.getTranslationUnitDecl());
}

} // namespace ppar
