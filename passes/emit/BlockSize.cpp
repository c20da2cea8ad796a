//===- BlockSize.cpp ------------------------------------------------------===//

#include "emit/BlockSize.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace ppar {

std::string blockSizeName(const VarDecl *V) {
  const SourceManager &SM = V->getASTContext().getSourceManager();
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(V->getLocation()));
  return "__ppar_size_" + V->getNameAsString() + "_" + std::to_string(P.getLine()) + "_" +
         std::to_string(P.getColumn());
}

std::string blockSizeText(const CallExpr *Alloc) {
  const ASTContext &Ctx = Alloc->getCalleeDecl()->getASTContext();
  auto Text = [&](const Expr *E) {
    CharSourceRange R = Ctx.getSourceManager().getExpansionRange(E->getSourceRange());
    return "(" + Lexer::getSourceText(R, Ctx.getSourceManager(), Ctx.getLangOpts()).str() +
           ")";
  };
  // malloc(size), calloc(count, size), aligned_alloc(alignment, size)
  llvm::StringRef Name = Alloc->getDirectCallee()->getName();
  Name.consume_front("__builtin_");
  if (Name == "malloc")
    return Text(Alloc->getArg(0));
  if (Name == "calloc")
    return Text(Alloc->getArg(0)) + " * " + Text(Alloc->getArg(1));
  return Text(Alloc->getArg(1));
}

std::string keepBlockSize(EditSet &E, const VarDecl *V, const Stmt *Decl,
                          const CallExpr *Alloc) {
  const SourceManager &SM = V->getASTContext().getSourceManager();
  std::string Size = blockSizeName(V);
  std::string Why = E.insertAfter(SM.getExpansionLoc(Decl->getBeginLoc()),
                                  "__SIZE_TYPE__ " + Size + "; ");
  if (Why.empty())
    Why = E.insertBefore(Alloc->getBeginLoc(), "(" + Size + " = " + blockSizeText(Alloc) + ", ");
  if (Why.empty())
    Why = E.insertAfterToken(Alloc->getEndLoc(), ")");
  return Why;
}

} // namespace ppar
