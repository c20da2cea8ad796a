//===- AnnotationParserFuzz.cpp - libFuzzer target for the option parser --===//
//
// Feeds arbitrary bytes to parseAnnotation, and (the first byte choosing the
// directive) the rest to parseOptions, and aborts when a promise is broken:
//  - no crash, hang or sanitizer report (built with address,undefined);
//  - every diagnostic lies inside the text, has a printable message, and
//    there are at most 10 of them;
//  - Value is present exactly when no diagnostic is an Error;
//  - a Value's str() parses again with no diagnostics to the same str().
//
// Built and run by `cmake --build build --target fuzz` (see CMakeLists.txt).
//
//===----------------------------------------------------------------------===//

#include "annotations/Annotation.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace ppar;

static void check(bool Ok, const char *What, const std::string &Text) {
  if (Ok)
    return;
  std::fprintf(stderr, "broken promise: %s\ninput (%zu bytes): %s\n", What,
               Text.size(), Text.c_str());
  std::abort();
}

static void checkResult(const std::string &Text, const ParseResult &R,
                        const Directive *Kind) {
  check(R.Diags.size() <= 10, "more than 10 diagnostics", Text);
  bool HasError = false;
  for (const AnnotationDiag &D : R.Diags) {
    HasError |= D.Level == AnnotationDiag::Error;
    check(D.Offset <= Text.size() && D.Length <= Text.size() - D.Offset,
          "diagnostic range outside the text", Text);
    check(!D.Message.empty(), "empty message", Text);
    for (char C : D.Message)
      check(C >= 0x20 && C <= 0x7e, "unprintable message", Text);
  }
  check(HasError != R.Value.has_value(), "Value present iff no error", Text);
  if (!R.Value)
    return;
  if (Kind)
    check(R.Value->Kind == *Kind, "parseOptions changed the directive", Text);
  std::string S = R.Value->str();
  ParseResult Again = parseAnnotation(S);
  check(Again.Value.has_value(), "str() does not parse", S);
  check(Again.Diags.empty(), "str() parses with diagnostics", S);
  check(Again.Value->str() == S, "str() does not read back the same", S);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  checkResult(Text, parseAnnotation(Text), nullptr);
  if (Size > 0) {
    Directive Kind = static_cast<Directive>(Data[0] % 4);
    std::string Options = Text.substr(1);
    checkResult(Options, parseOptions(Kind, Options), &Kind);
  }
  return 0;
}
