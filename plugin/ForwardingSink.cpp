//===- ForwardingSink.cpp -------------------------------------------------===//

#include "ForwardingSink.h"
#include "AnnotationDiags.h"

using namespace clang;

namespace ppar {

ForwardingSink::Place ForwardingSink::place(SourceLocation Loc) const {
  Place P;
  if (Loc.isInvalid())
    return P;
  auto [FID, Offset] = From.getDecomposedLoc(From.getExpansionLoc(Loc));
  P.Valid = true;
  P.InMain = FID == From.getMainFileID();
  P.File = From.getFileEntryRefForID(FID);
  P.Offset = Offset;
  P.ShowAfter = Offset;
  P.Valid = P.InMain || P.File;
  return P;
}

void ForwardingSink::report(Level L, SourceLocation Loc, llvm::StringRef Message,
                            llvm::ArrayRef<FixItHint> FixIts) {
  Kept K{L, place(Loc), Message.str(), {}, {}};
  for (const FixItHint &F : FixIts) {
    K.FixRanges.push_back({place(F.RemoveRange.getBegin()),
                           place(F.RemoveRange.getEnd())});
    K.FixTexts.push_back(F.CodeToInsert);
  }
  Diags.push_back(std::move(K));
}

void ForwardingSink::remapMainFile(llvm::StringRef Text, llvm::StringRef Name,
                                   llvm::function_ref<unsigned(unsigned)> Map) {
  Original = Text.str();
  OriginalName = Name.str();
  for (Kept &K : Diags)
    if (K.At.Valid && K.At.InMain)
      K.At.ShowAfter = Map(K.At.Offset);
}

SourceLocation ForwardingSink::locate(const Place &P, SourceManager &To) {
  if (!P.Valid)
    return SourceLocation();
  if (P.InMain && Original) {
    if (OriginalID.isInvalid())
      OriginalID = To.createFileID(
          llvm::MemoryBuffer::getMemBufferCopy(*Original, OriginalName));
    return To.getLocForStartOfFile(OriginalID).getLocWithOffset(P.Offset);
  }
  if (P.InMain)
    return To.getLocForStartOfFile(To.getMainFileID()).getLocWithOffset(P.Offset);
  FileID FID = To.getOrCreateFileID(*P.File, SrcMgr::C_User);
  return To.getLocForStartOfFile(FID).getLocWithOffset(P.Offset);
}

void ForwardingSink::flush(DiagnosticsEngine &Engine, SourceManager &To,
                           std::optional<unsigned> Upto) {
  auto Due = [&](const Kept &K) {
    return !Upto || !K.At.Valid || !K.At.InMain || K.At.ShowAfter < *Upto;
  };
  // A note belongs to the diagnostic before it: they go out together.
  size_t Shown = 0;
  while (Shown < Diags.size() && Due(Diags[Shown])) {
    bool Dropped = false; // a warning under -w takes its notes with it
    do {
      const Kept &K = Diags[Shown++];
      DiagnosticsEngine::Level Level = effectiveLevel(Engine, K.L);
      Dropped = Level == DiagnosticsEngine::Ignored ||
                (Dropped && K.L == DiagnosticsEngine::Note);
      if (Dropped)
        continue;
      unsigned ID = Engine.getCustomDiagID(Level, "%0");
      DiagnosticBuilder B = Engine.Report(locate(K.At, To), ID);
      B << K.Message;
      for (size_t I = 0; I < K.FixRanges.size(); ++I) {
        SourceLocation Begin = locate(K.FixRanges[I].first, To);
        SourceLocation End = locate(K.FixRanges[I].second, To);
        if (Begin.isValid() && End.isValid())
          B << FixItHint::CreateReplacement(
              CharSourceRange::getCharRange(Begin, End), K.FixTexts[I]);
      }
    } while (Shown < Diags.size() && Diags[Shown].L == DiagnosticsEngine::Note);
  }
  Diags.erase(Diags.begin(), Diags.begin() + Shown);
}

} // namespace ppar
