// The writer of generated C (passes/support/CText.h): what it prints is
// compiled by clang, so every escape must mean the byte it stands for.
#include "support/CText.h"
#include <cstdio>
#include <string>

static int Failures = 0;

static void expect(const std::string &Got, const std::string &Want, const char *What) {
  if (Got == Want)
    return;
  std::printf("FAIL %s: got [%s], want [%s]\n", What, Got.c_str(), Want.c_str());
  ++Failures;
}

int main() {
  using namespace ppar;
  expect(quoted("dot.c"), "\"dot.c\"", "plain name");
  expect(quoted("a\"b\\c"), "\"a\\\"b\\\\c\"", "quote and backslash");
  // A newline, a tab and UTF-8 bytes become three-digit octal escapes, so a
  // digit after them cannot extend the escape.
  expect(quoted("x\n1"), "\"x\\0121\"", "newline before a digit");
  expect(quoted("\t"), "\"\\011\"", "tab");
  expect(quoted("\xc3\xa9"), "\"\\303\\251\"", "UTF-8");
  expect(quoted(""), "\"\"", "empty");
  expect(callText("f", {}), "f()", "call without arguments");
  expect(callText("__f", {"a", "b + 1"}), "__f(a, b + 1)", "call");
  expect(braced({"lo", "hi", "1"}), "{lo, hi, 1}", "initialiser");
  expect(braced({}), "{}", "empty initialiser");
  expect(lineDirective(12, quoted("f.c")), "\n#line 12 \"f.c\"\n", "#line");
  if (Failures == 0)
    std::printf("ctext: all passed\n");
  return Failures != 0;
}
