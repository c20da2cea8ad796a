//===- PragmaHandler.cpp --------------------------------------------------===//

#include "PragmaHandler.h"
#include "AnnotationDiags.h"
#include "annotations/PragmaTable.h"
#include "clang/Lex/Preprocessor.h"
#include <vector>

using namespace clang;

namespace ppar {

namespace {
/// A token's place in the rebuilt pragma text.
struct Piece {
  unsigned Offset;
  SourceLocation Loc;
};
} // namespace

void PparPragmaHandler::HandlePragma(Preprocessor &PP,
                                     PragmaIntroducer Introducer,
                                     Token &FirstToken) {
  const SourceManager &SM = PP.getSourceManager();
  // Rebuild the text token by token, keeping the user's spacing where the
  // tokens are contiguous in a file, so an offset maps back to a column.
  std::string Text;
  std::vector<Piece> Pieces;
  SourceLocation PrevEnd;
  Token Tok;
  for (PP.Lex(Tok); Tok.isNot(tok::eod) && Tok.isNot(tok::eof); PP.Lex(Tok)) {
    if (!Text.empty()) {
      unsigned Gap = 1;
      if (PrevEnd.isFileID() && Tok.getLocation().isFileID() &&
          SM.getFileID(PrevEnd) == SM.getFileID(Tok.getLocation())) {
        int D = (int)SM.getFileOffset(Tok.getLocation()) -
                (int)SM.getFileOffset(PrevEnd);
        Gap = D > 0 ? (unsigned)D : 0;
      }
      Text.append(Gap, ' ');
    }
    Pieces.push_back({(unsigned)Text.size(), Tok.getLocation()});
    Text += PP.getSpelling(Tok);
    PrevEnd = Tok.getLocation().getLocWithOffset(Tok.getLength());
  }

  SourceLocation AfterName =
      FirstToken.getLocation().getLocWithOffset(FirstToken.getLength() + 1);
  auto Locate = [&](unsigned Offset) -> SourceLocation {
    if (Pieces.empty())
      return AfterName;
    const Piece *P = &Pieces.front();
    for (const Piece &Q : Pieces)
      if (Q.Offset <= Offset)
        P = &Q;
    if (!P->Loc.isFileID()) // from a macro: point at its expansion
      return SM.getExpansionLoc(P->Loc);
    return P->Loc.getLocWithOffset(Offset - P->Offset);
  };

  ParseResult R = parseAnnotation(Text);
  reportAnnotationDiags(PP.getDiagnostics(), SM, R, Locate);
  if (!R.Value)
    return;
  PragmaRecord Rec;
  Rec.Loc = SM.getExpansionLoc(Introducer.Loc);
  Rec.Ann = std::move(*R.Value);
  PragmaTable::of(PP).Records.push_back(std::move(Rec));
}

} // namespace ppar
