//===- TopLevel.cpp -------------------------------------------------------===//

#include "emit/tasks/TopLevel.h"
#include "emit/tasks/DelayedCallee.h"
#include "support/CText.h"
#include "clang/AST/Attr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace ppar {

/// The places right after each top-level declaration of the main file.
static std::vector<SourceLocation> boundaries(ASTContext &Ctx) {
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

TopLevel::TopLevel(ASTContext &Ctx, Rewriter &R)
    : Ctx(Ctx), R(R), Policy(taskPolicy(Ctx)), Boundaries(boundaries(Ctx)) {}

/// Is there a preprocessor directive on a line that starts in [From, To)
/// of FID's text?
static bool directiveBetween(StringRef Buf, size_t From, size_t To) {
  for (size_t I = From; I < To && I < Buf.size(); ++I)
    if ((I == 0 || Buf[I - 1] == '\n') && Buf.substr(I, To - I).ltrim(" \t").starts_with("#"))
      return true;
  return false;
}

/// Is Line a `#pragma ppar` directive?
static bool isPparPragma(StringRef Line) {
  Line = Line.ltrim(" \t").drop_front().ltrim(" \t");
  return Line.consume_front("pragma") && Line.ltrim(" \t").starts_with("ppar");
}

/// Puts Text before G, where every declaration G's text sees is visible
/// and never in front of a preprocessor directive on its line: after the
/// previous top-level declaration when no directive lies between (one may
/// declare a type G uses), else at the start of G's first line. When that
/// line is a directive (a `#pragma ppar` whose annotation starts G), Text
/// goes on a line of its own above it, and `#line` gives the directive its
/// number back.
void TopLevel::insertBefore(const FunctionDecl *G, const std::string &Text) {
  const SourceManager &SM = Ctx.getSourceManager();
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
  while (Line.ltrim(" \t").starts_with("#") && !isPparPragma(Line)) {
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
  R.InsertTextBefore(Start, Text + lineDirective(P.getLine(), quoted(P.getFilename())));
}

void TopLevel::place(const CalleeCode &Code, const FunctionDecl *G) {
  const SourceManager &SM = Ctx.getSourceManager();
  const DelayedCallee &F = *Code.F;
  // Where every file-scope variable is declared: the end of the file.
  if (std::string Globs = calleeGlobals(F); !Globs.empty())
    R.InsertTextAfter(SM.getLocForEndOfFile(SM.getMainFileID()), "\n" + Globs + "\n");
  switch (Code.Where) {
  case CalleeCode::BeforeCaller:
    insertBefore(G, calleePrototypes(F, Policy) + " " + calleeDefinitions(F, Policy));
    break;
  case CalleeCode::Split:
    insertBefore(G, calleePrototypes(F, Policy));
    R.InsertTextAfterToken(Code.After, " " + calleeDefinitions(F, Policy));
    break;
  case CalleeCode::AfterDeclaration:
    R.InsertTextAfterToken(Code.After, " " + calleePrototypes(F, Policy) + " " +
                                           calleeDefinitions(F, Policy));
    break;
  }
}

} // namespace ppar
