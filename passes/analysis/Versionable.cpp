//===- Versionable.cpp ----------------------------------------------------===//

#include "analysis/Versionable.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace ppar {

std::string whyNotVersionable(const FunctionDecl *FD) {
  const ASTContext &Ctx = FD->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  if (FD->isInlineSpecified() && FD->getStorageClass() != SC_Static)
    return "it is an inline function with external linkage, which may not "
           "use the static data a dispatcher needs; make it 'static inline'";
  for (const ParmVarDecl *P : FD->parameters()) {
    QualType T = P->getType();
    while (T->isPointerType() || T->isArrayType())
      T = T->isPointerType() ? T->getPointeeType()
                             : QualType(T->getArrayElementTypeNoTypeQual(), 0);
    if (const TagDecl *Tag = T->getAsTagDecl();
        Tag && Tag->getLexicalDeclContext()->isFunctionOrMethod())
      return "its parameter list declares '" + T.getAsString() +
             "'; declare the type before the function";
  }
  // The copy is compiled after the body: macros the body changes, and
  // __COUNTER__, would not be the same there.
  SourceRange Body = FD->getBody()->getSourceRange();
  auto [FID, Begin] = SM.getDecomposedLoc(SM.getExpansionLoc(Body.getBegin()));
  unsigned End = SM.getFileOffset(SM.getExpansionLoc(Body.getEnd()));
  llvm::StringRef Buffer = SM.getBufferData(FID);
  Lexer Lex(SM.getLocForStartOfFile(FID), Ctx.getLangOpts(), Buffer.begin(),
            Buffer.begin() + Begin, Buffer.end());
  Token Tok;
  bool LineStart = false;
  while (!Lex.LexFromRawLexer(Tok) && SM.getFileOffset(Tok.getLocation()) < End) {
    if (Tok.is(tok::raw_identifier) && Tok.getRawIdentifier() == "__COUNTER__")
      return "its body uses __COUNTER__";
    if (Tok.is(tok::hash) && Tok.isAtStartOfLine()) {
      LineStart = true;
      continue;
    }
    if (LineStart && Tok.is(tok::raw_identifier)) {
      llvm::StringRef D = Tok.getRawIdentifier();
      if (D == "define" || D == "undef" || D == "include" || D == "line")
        return "its body contains '#" + D.str() + "' (line " +
               std::to_string(SM.getPresumedLineNumber(Tok.getLocation())) +
               "); move it out of the function";
    }
    LineStart = false;
  }
  return "";
}

} // namespace ppar
