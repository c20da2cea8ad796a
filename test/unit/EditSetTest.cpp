//===- EditSetTest.cpp - The edits of a body can never collide ------------===//
//
// Builds a source manager over small C texts and checks EditSet's rules
// directly: insertions and replacements compose in the order documented,
// comments go with the user's text, never with an edit's, and every edit
// that could garble the text is refused with a reason: overlaps, an
// insertion inside a replacement, a place inside a macro expansion, a range
// that cuts a preprocessor conditional in two or holds a directive.
//
// Prints one line per failure and "N passed, M failed"; exits 1 on failure.
//
//===----------------------------------------------------------------------===//

#include "support/EditSet.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/MemoryBuffer.h"
#include "Check.h"
#include <cstdio>
#include <memory>
#include <string>

using namespace clang;
using namespace ppar;

namespace {

void checkRefused(const std::string &Got, const std::string &Sub, int Line, const char *What) {
  unit::check(!Got.empty() && Got.find(Sub) != std::string::npos, __FILE__, Line,
        std::string(What) + " gave '" + Got + "', expected a refusal with '" + Sub + "'");
}
// Each argument is evaluated once: an edit is made once.
#define CHECK_REFUSED(A, Sub) checkRefused((A), (Sub), __LINE__, #A)

/// A source manager over one C text; places are found by the text at them.
class Source {
public:
  explicit Source(const std::string &Text)
      : Diags(new DiagnosticIDs, new DiagnosticOptions), Files(FileSystemOptions()),
        SM(Diags, Files), Text(Text) {
    FID = SM.createFileID(llvm::MemoryBuffer::getMemBufferCopy(Text, "t.c"));
    SM.setMainFileID(FID);
  }
  /// The place of the N-th (from 0) occurrence of Piece.
  SourceLocation at(const std::string &Piece, unsigned N = 0) const {
    size_t Off = Text.find(Piece);
    while (N-- && Off != std::string::npos)
      Off = Text.find(Piece, Off + 1);
    return SM.getLocForStartOfFile(FID).getLocWithOffset(Off);
  }
  /// The range from the token at Begin to the token at End.
  SourceRange range(const std::string &Begin, const std::string &End) const {
    return SourceRange(at(Begin), at(End));
  }
  EditSet edits() const { return EditSet(SM, LO, range("{", "}END")); }

  LangOptions LO;
  DiagnosticsEngine Diags;
  FileManager Files;
  SourceManager SM;
  std::string Text;
  FileID FID;
};

void composition() {
  Source S("void f(int *x) {\n  for (;;) { x[0] = 1; /* gone */ }\n  return; // gone\n}END");
  EditSet E = S.edits();
  CHECK_EQ(E.insertAfterToken(S.at("{"), " A;"), "");
  CHECK_EQ(E.replace(S.range("for", "}"), "LAUNCH;"), "");
  CHECK_EQ(E.insertBefore(S.at("for"), "B1 "), "");
  CHECK_EQ(E.insertBefore(S.at("for"), "B2 "), ""); // the latest first
  CHECK_EQ(E.insertAfterToken(S.at("}"), " C;"), "");
  CHECK_EQ(E.text(), "{ A;\n  B2 B1 LAUNCH; C;\n  return; \n}");
}

void comments() {
  // A comment inside the replaced loop goes with it; one glued between two
  // tokens leaves a space; a block comment keeps its line breaks.
  Source S("{ int a/**/=1; /* two\nlines */ for (;;) { // in the loop\n a++; } }END");
  EditSet E = S.edits();
  CHECK_EQ(E.replace(S.range("for", "}"), "L;"), "");
  CHECK_EQ(E.text(), "{ int a =1; \n L; }");
  CHECK_EQ(EditSet::withoutComments("a // x\nb /* y */ c", S.LO), "a \nb  c");
}

void refusals() {
  Source S("#define M(x) x + 1\nvoid f(int *p) {\n  int a = M(2);\n  for (;;) {\n"
           "#ifdef X\n  }\n#else\n  }\n#endif\n  p[0] = a; p[1] = a;\n}END");
  EditSet E = S.edits();
  // An insertion inside a replacement, and overlapping replacements.
  CHECK_EQ(E.replace(S.range("p[0]", "a;"), "R;"), "");
  CHECK_REFUSED(E.insertBefore(S.at("= a;"), "X"), "inside text that another edit replaces");
  CHECK_REFUSED(E.replace(S.range("a;", "p[1]"), "R;"), "overlaps another edit");
  CHECK_EQ(E.insertAfterToken(S.at("a;", 0).getLocWithOffset(1), " after"), "");
  // A range that ends between #else and #endif.
  SourceRange Cut(S.at("for"), S.at("}\n#endif"));
  CHECK_REFUSED(E.replace(Cut, "L;"), "cut a preprocessor conditional in two");
  CHECK_REFUSED(E.copyProblem(Cut), "cut a preprocessor conditional in two");
  // Outside the scope.
  CHECK_REFUSED(E.insertBefore(S.at("void"), "X"), "outside the function's body");
}

void directives() {
  Source S("{\n  for (;;) {\n#if 1\n    a();\n#endif\n#pragma unroll\n  }\n"
           "  for (;;) {\n#define Q 1\n  }\n}END");
  EditSet E = S.edits();
  CHECK_EQ(E.copyProblem(SourceRange(S.at("for"), S.at("}"))), "");
  CHECK_EQ(E.replace(SourceRange(S.at("for"), S.at("}")), "L1;"), "");
  CHECK_REFUSED(E.replace(SourceRange(S.at("for", 1), S.at("}", 1)), "L2;"),
                "holds the '#define' at line 9");
}

} // namespace

int main() {
  composition();
  comments();
  refusals();
  directives();
  return unit::finish();
}
