//===- EditSet.cpp --------------------------------------------------------===//

#include "support/EditSet.h"
#include "clang/Lex/Lexer.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include <algorithm>

using namespace clang;

namespace ppar {

EditSet::EditSet(const SourceManager &SM, const LangOptions &LO, SourceRange Scope)
    : SM(SM), LO(LO) {
  SourceLocation B = SM.getExpansionLoc(Scope.getBegin());
  SourceLocation E = SM.getExpansionLoc(Scope.getEnd());
  std::tie(FID, Begin) = SM.getDecomposedLoc(B);
  End = SM.getFileOffset(E) + Lexer::MeasureTokenLength(E, SM, LO);
}

std::string EditSet::offsetOf(SourceLocation Loc, unsigned &Offset) const {
  if (Loc.isInvalid())
    return "it has no place in the source";
  if (Loc.isMacroID())
    return "it lies inside a macro expansion";
  auto [F, O] = SM.getDecomposedLoc(Loc);
  if (F != FID || O < Begin || O > End)
    return "it lies outside the function's body";
  Offset = O;
  return "";
}

std::string EditSet::insert(unsigned Offset, bool Before, std::string Text) {
  for (const Edit &E : Edits)
    if (E.Begin < Offset && Offset < E.End)
      return "it falls inside text that another edit replaces";
  Edits.push_back({Offset, Offset, Before, (unsigned)Edits.size(), std::move(Text)});
  return "";
}

std::string EditSet::insertBefore(SourceLocation Loc, std::string Text) {
  // The start of a macro expansion is the start of its invocation's text.
  SourceLocation At;
  if (Loc.isMacroID() && Lexer::isAtStartOfMacroExpansion(Loc, SM, LO, &At))
    Loc = At;
  unsigned Offset;
  if (std::string Why = offsetOf(Loc, Offset); !Why.empty())
    return Why;
  return insert(Offset, true, std::move(Text));
}

std::string EditSet::insertAfterToken(SourceLocation Tok, std::string Text) {
  SourceLocation At;
  if (Tok.isMacroID() && Lexer::isAtEndOfMacroExpansion(Tok, SM, LO, &At))
    Tok = At;
  unsigned Offset;
  if (std::string Why = offsetOf(Tok, Offset); !Why.empty())
    return Why;
  return insert(Offset + Lexer::MeasureTokenLength(Tok, SM, LO), false, std::move(Text));
}

std::string EditSet::insertAfter(SourceLocation Loc, std::string Text) {
  unsigned Offset;
  if (std::string Why = offsetOf(Loc, Offset); !Why.empty())
    return Why;
  return insert(Offset, false, std::move(Text));
}

void EditSet::applyTo(Rewriter &R) const {
  SourceLocation Start = SM.getLocForStartOfFile(FID);
  for (const Edit &E : Edits) {
    SourceLocation At = Start.getLocWithOffset(E.Begin);
    if (E.Begin != E.End)
      R.ReplaceText(At, E.End - E.Begin, E.Text);
    else if (E.Before)
      R.InsertTextBefore(At, E.Text);
    else
      R.InsertTextAfter(At, E.Text);
  }
}

std::string EditSet::replace(SourceRange R, std::string Text) {
  SourceLocation B = R.getBegin(), E = R.getEnd(), At;
  if (B.isMacroID() && Lexer::isAtStartOfMacroExpansion(B, SM, LO, &At))
    B = At;
  if (E.isMacroID() && Lexer::isAtEndOfMacroExpansion(E, SM, LO, &At))
    E = At;
  unsigned From, To;
  if (std::string Why = offsetOf(B, From); !Why.empty())
    return Why;
  if (std::string Why = offsetOf(E, To); !Why.empty())
    return Why;
  To += Lexer::MeasureTokenLength(E, SM, LO);
  if (To <= From || To > End)
    return "its text is not one range of the function's body";
  for (const Edit &Ed : Edits) {
    bool Inside = Ed.Begin == Ed.End ? From < Ed.Begin && Ed.Begin < To
                                     : Ed.Begin < To && From < Ed.End;
    if (Inside)
      return "it overlaps another edit of the same text";
  }
  if (std::string Why = directiveProblem(From, To); !Why.empty())
    return Why;
  Edits.push_back({From, To, false, (unsigned)Edits.size(), std::move(Text)});
  return "";
}

std::string EditSet::directiveProblem(unsigned B, unsigned E) const {
  llvm::StringRef Buffer = SM.getBufferData(FID);
  Lexer Lex(SM.getLocForStartOfFile(FID), LO, Buffer.begin(), Buffer.begin() + B,
            Buffer.end());
  Token Tok;
  int Depth = 0;
  bool Hash = false;
  while (!Lex.LexFromRawLexer(Tok) && SM.getFileOffset(Tok.getLocation()) < E) {
    if (Tok.is(tok::hash) && Tok.isAtStartOfLine()) {
      Hash = true;
      continue;
    }
    if (Hash && Tok.is(tok::raw_identifier)) {
      llvm::StringRef D = Tok.getRawIdentifier();
      unsigned Line = SM.getPresumedLineNumber(Tok.getLocation());
      std::string Where = "the '#" + D.str() + "' at line " + std::to_string(Line);
      if (D == "if" || D == "ifdef" || D == "ifndef")
        ++Depth;
      else if (D == "endif" || D.starts_with("el")) {
        if (Depth == 0)
          return "it would cut the conditional of " + Where + " in two";
        if (D == "endif")
          --Depth;
      } else if (D != "pragma")
        return "the text it replaces holds " + Where;
    }
    Hash = false;
  }
  if (Depth != 0)
    return "it would cut a preprocessor conditional in two";
  return "";
}

std::string EditSet::withoutComments(llvm::StringRef Text, const LangOptions &LO) {
  std::string Buf = Text.str(); // the lexer wants a terminating null
  Lexer Lex(SourceLocation(), LO, Buf.c_str(), Buf.c_str(), Buf.c_str() + Buf.size());
  Lex.SetCommentRetentionState(true);
  std::string Out;
  const char *Copied = Buf.c_str();
  Token Tok;
  for (bool More = true; More;) {
    More = !Lex.LexFromRawLexer(Tok);
    if (Tok.is(tok::eof))
      break;
    if (Tok.isNot(tok::comment))
      continue;
    const char *Start = Lex.getBufferLocation() - Tok.getLength();
    llvm::StringRef Comment(Start, Tok.getLength());
    Out.append(Copied, Start);
    size_t Lines = Comment.count('\n');
    // a/**/b is two tokens: a space where nothing else separates them.
    const char *After = Start + Tok.getLength();
    bool Glued = Start > Buf.c_str() && !isspace((unsigned char)Start[-1]) && *After &&
                 !isspace((unsigned char)*After);
    Out += Lines ? std::string(Lines, '\n') : Glued ? " " : "";
    Copied = Start + Tok.getLength();
  }
  Out.append(Copied, Buf.c_str() + Buf.size());
  return Out;
}

/// The file offsets [B, E) of token range R, macro invocations whole.
static std::pair<unsigned, unsigned> offsets(const SourceManager &SM, const LangOptions &LO,
                                             SourceRange R) {
  SourceLocation B = SM.getExpansionRange(R.getBegin()).getBegin();
  SourceLocation E = SM.getExpansionRange(R.getEnd()).getEnd();
  return {SM.getFileOffset(B), SM.getFileOffset(E) + Lexer::MeasureTokenLength(E, SM, LO)};
}

std::string EditSet::text(SourceRange R) const {
  auto [B, E] = offsets(SM, LO, R);
  return text(B, E);
}

std::string EditSet::copyProblem(SourceRange R) const {
  auto [B, E] = offsets(SM, LO, R);
  return directiveProblem(B, E);
}

std::string EditSet::text(unsigned B, unsigned E) const {
  std::vector<const Edit *> In;
  for (const Edit &Ed : Edits)
    if (Ed.Begin >= B && Ed.End <= E)
      In.push_back(&Ed);
  // At one place: insertions after the token before it (in order), then
  // those before what follows (the latest first), then a replacement.
  auto Rank = [](const Edit *Ed) { return Ed->Begin != Ed->End ? 2 : Ed->Before ? 1 : 0; };
  std::sort(In.begin(), In.end(), [&](const Edit *X, const Edit *Y) {
    if (X->Begin != Y->Begin)
      return X->Begin < Y->Begin;
    if (Rank(X) != Rank(Y))
      return Rank(X) < Rank(Y);
    return Rank(X) == 1 ? X->Seq > Y->Seq : X->Seq < Y->Seq;
  });
  llvm::StringRef Buffer = SM.getBufferData(FID);
  std::string Out;
  unsigned At = B;
  for (const Edit *Ed : In) {
    if (Ed->Begin < At) // cannot happen: replace() refuses overlaps
      continue;
    Out += withoutComments(Buffer.slice(At, Ed->Begin), LO) + Ed->Text;
    At = Ed->End;
  }
  return Out + withoutComments(Buffer.slice(At, E), LO);
}

} // namespace ppar
