//===- CText.cpp ----------------------------------------------------------===//

#include "support/CText.h"
#include "llvm/ADT/StringExtras.h"

namespace ppar {

std::string quoted(llvm::StringRef S) {
  std::string Q = "\"";
  for (unsigned char C : S) {
    if (C == '"' || C == '\\') {
      Q += '\\';
      Q += C;
    } else if (C < 0x20 || C >= 0x7f) {
      // Octal, never hex: a hex escape would swallow a following digit.
      Q += '\\';
      Q += char('0' + (C >> 6));
      Q += char('0' + ((C >> 3) & 7));
      Q += char('0' + (C & 7));
    } else {
      Q += C;
    }
  }
  return Q + "\"";
}

std::string callText(llvm::StringRef Fn, llvm::ArrayRef<std::string> Args) {
  return (Fn + "(" + llvm::join(Args, ", ") + ")").str();
}

std::string braced(llvm::ArrayRef<std::string> Items) {
  return "{" + llvm::join(Items, ", ") + "}";
}

std::string lineDirective(unsigned Line, llvm::StringRef QuotedFile) {
  return ("\n#line " + llvm::Twine(Line) + " " + QuotedFile + "\n").str();
}

} // namespace ppar
