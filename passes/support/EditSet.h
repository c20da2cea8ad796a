//===- EditSet.h - Text edits of one function body that cannot collide ---===//
//
// A variant of an annotated function is its body's text with edits: text
// inserted before or after a token, a statement replaced. Edits applied one
// by one to a clang::Rewriter collide silently: a replaced loop whose
// comments are then removed loses characters of the replacement instead,
// and a replacement that ends between `#if` and `#endif` leaves half a
// conditional behind. An EditSet is the one place a body's edits are
// collected, and it refuses, with a reason, every edit that could collide:
//
//  - an insertion strictly inside a replaced range, or two replaced ranges
//    that share a character;
//  - an edit at a place inside a macro expansion, or outside the body;
//  - a replaced range that crosses a preprocessor conditional (`#if`,
//    `#else`, `#endif`... not balanced inside it) or holds any other
//    directive but `#pragma`.
//
// The text is then built in one pass over the user's buffer: the original
// text between edits with its comments dropped (line breaks kept), the
// edits' text as given.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_EDITSET_H
#define PPAR_PASSES_EDITSET_H

#include "clang/Basic/LangOptions.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Basic/SourceManager.h"
#include <string>
#include <vector>

namespace clang {
class Rewriter;
}

namespace ppar {

class EditSet {
public:
  /// Edits of the text of Scope (a token range: a function body).
  EditSet(const clang::SourceManager &SM, const clang::LangOptions &LO,
          clang::SourceRange Scope);

  /// Text that goes before what starts at Loc (before text inserted there
  /// earlier, as clang::Rewriter::InsertTextBefore does). Returns "" when
  /// the edit is accepted, else why not (the set is then unchanged).
  std::string insertBefore(clang::SourceLocation Loc, std::string Text);
  /// Text that goes right after the token at Tok (after text inserted
  /// there earlier).
  std::string insertAfterToken(clang::SourceLocation Tok, std::string Text);
  /// Text that replaces the token range R.
  std::string replace(clang::SourceRange R, std::string Text);
  /// Text that goes at Loc, after text inserted there earlier (as
  /// clang::Rewriter::InsertTextAfter does).
  std::string insertAfter(clang::SourceLocation Loc, std::string Text);

  /// The edits made on R, in order of arrival, for a pass whose output is
  /// the user's file itself (diagnostics keep pointing into it).
  void applyTo(clang::Rewriter &R) const;

  /// The scope's text with every edit, comments dropped.
  std::string text() const { return text(Begin, End); }
  /// The same for the token range R inside the scope (edits inside R only).
  std::string text(clang::SourceRange R) const;
  /// Why the token range R cannot be copied on its own (it cuts a
  /// preprocessor conditional in two, or holds a directive other than
  /// `#pragma`), or "".
  std::string copyProblem(clang::SourceRange R) const;

  /// Text of the user's buffer with its comments replaced by their line
  /// breaks (a block comment on one line by a space).
  static std::string withoutComments(llvm::StringRef Text, const clang::LangOptions &LO);

private:
  struct Edit {
    unsigned Begin, End; ///< offsets in the file; Begin == End: an insertion
    bool Before;         ///< an insertion bound to what follows it
    unsigned Seq;        ///< order of arrival
    std::string Text;
  };
  /// Offset of Loc in the scope's file, or why it has none.
  std::string offsetOf(clang::SourceLocation Loc, unsigned &Offset) const;
  std::string insert(unsigned Offset, bool Before, std::string Text);
  /// Why the original text [B, E) may not be replaced, or "".
  std::string directiveProblem(unsigned B, unsigned E) const;
  std::string text(unsigned B, unsigned E) const;

  const clang::SourceManager &SM;
  const clang::LangOptions &LO;
  clang::FileID FID;
  unsigned Begin = 0, End = 0; ///< the scope, in offsets
  std::vector<Edit> Edits;
};

} // namespace ppar

#endif
