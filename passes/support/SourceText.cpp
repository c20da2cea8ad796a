//===- SourceText.cpp -----------------------------------------------------===//

#include "support/SourceText.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <cctype>
#include <cstring>

using namespace clang;

namespace ppar {

/// The user's text of R when it lies in one file outside macros, else "".
std::string sourceText(SourceRange R, const ASTContext &Ctx) {
  if (R.isInvalid() || R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return "";
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R),
                              Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

/// The last token of statement S: its `}` or its `;`.
SourceLocation lastToken(const Stmt *S, const SourceManager &SM,
                                const LangOptions &LO) {
  if (const auto *C = dyn_cast<CompoundStmt>(S))
    return C->getRBracLoc();
  if (const auto *F = dyn_cast<ForStmt>(S))
    return lastToken(F->getBody(), SM, LO);
  if (const auto *W = dyn_cast<WhileStmt>(S))
    return lastToken(W->getBody(), SM, LO);
  if (const auto *I = dyn_cast<IfStmt>(S))
    return lastToken(I->getElse() ? I->getElse() : I->getThen(), SM, LO);
  if (const auto *L = dyn_cast<LabelStmt>(S))
    return lastToken(L->getSubStmt(), SM, LO);
  if (const auto *Sw = dyn_cast<SwitchStmt>(S))
    return lastToken(Sw->getBody(), SM, LO);
  if (isa<DeclStmt>(S) || isa<NullStmt>(S))
    return S->getEndLoc();
  // An expression, return, do-while...: the `;` after it.
  std::optional<Token> Next = Lexer::findNextToken(S->getEndLoc(), SM, LO);
  if (Next && Next->is(tok::semi))
    return Next->getLocation();
  return S->getEndLoc();
}

/// Spaces that put what follows token Tok on its line back at its column
/// (After: the place right after Tok), after text was inserted before it.
std::string padding(const SourceManager &SM, SourceLocation Tok,
                           PresumedLoc After) {
  const char *P = SM.getCharacterData(Tok);
  llvm::StringRef Rest(P, std::strlen(P));
  Rest = Rest.substr(Rest.find_first_of(";}") + 1);
  if (Rest.substr(0, Rest.find('\n')).trim().empty())
    return "";
  return std::string(After.getColumn() - 1, ' ');
}

bool mentionsName(llvm::StringRef Text, llvm::StringRef Name) {
  for (size_t At = Text.find(Name); At != llvm::StringRef::npos; At = Text.find(Name, At + 1)) {
    auto Ident = [](char C) { return isalnum((unsigned char)C) || C == '_'; };
    bool Before = At > 0 && Ident(Text[At - 1]);
    bool After = At + Name.size() < Text.size() && Ident(Text[At + Name.size()]);
    if (!Before && !After)
      return true;
  }
  return false;
}

} // namespace ppar
