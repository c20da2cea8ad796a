//===- AnnotationParser.cpp - Parse the text of one ppar annotation -------===//
//
// One parser serves every spelling of an annotation (see Annotation.h). It is
// a hand-written recursive-descent parser over the raw text:
//
//   annotation := DIRECTIVE [ '(' options ')' ]
//   options    := <empty> | option { ',' option }
//   option     := FLAG | KEY '=' VALUE | DATA '(' item { ',' item } ')'
//   item       := IDENT section { section }
//   section    := '[' [lo] ':' len ']'
//
// Diagnostics carry byte offsets into the text so the caller can point at
// the user's line and column. After an error the parser skips to the next
// ',' or ')' at the same nesting level and goes on, so one pass reports
// several mistakes; every step consumes input, so it always terminates.
//
// Only the C++17 standard library is used: the parser is unit-tested and
// fuzzed on its own (test/unit, fuzz/).
//
//===----------------------------------------------------------------------===//

#include "annotations/Annotation.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace ppar {
namespace {

/// More diagnostics than this for one annotation only bury the first one.
constexpr size_t MaxDiags = 10;
constexpr size_t NoPos = std::string::npos;

//===----------------------------------------------------------------------===//
// Character classes
//===----------------------------------------------------------------------===//

bool isSpace(char C) {
  return C == ' ' || C == '\t' || C == '\n' || C == '\r' || C == '\v' ||
         C == '\f';
}
bool isIdentStart(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || C == '_';
}
bool isIdentChar(char C) { return isIdentStart(C) || (C >= '0' && C <= '9'); }
bool isOneOf(char C, std::string_view Set) {
  return Set.find(C) != std::string_view::npos;
}

/// Words (directives, option names, values) are lexed loosely, up to the next
/// space or punctuation of the grammar, so that `fast-math` or `"parallel"`
/// is reported as one unknown word with a suggestion rather than as a syntax
/// error in the middle of it.
bool isWordChar(char C) { return !isSpace(C) && !isOneOf(C, ",=()[]{}"); }

/// Characters that may appear in the C expressions of a section. Everything
/// else (`;`, quotes, `#`, `\`, non-ASCII, NUL) is refused: the text is pasted
/// into generated C code and must not be able to end the expression early.
bool isExprChar(char C) {
  return isIdentChar(C) || isSpace(C) || isOneOf(C, "+-*/%&|^~!<>=?:.,()[]{}");
}
bool isOpener(char C) { return C == '(' || C == '[' || C == '{'; }
bool isCloser(char C) { return C == ')' || C == ']' || C == '}'; }
char closerOf(char Open) {
  return Open == '(' ? ')' : Open == '[' ? ']' : '}';
}

bool isIdentifier(std::string_view S) {
  return !S.empty() && isIdentStart(S[0]) &&
         std::all_of(S.begin(), S.end(), isIdentChar);
}

bool isCKeyword(std::string_view S) {
  static const char *const Keywords[] = {
      "auto",      "break",     "case",          "char",
      "const",     "continue",  "default",       "do",
      "double",    "else",      "enum",          "extern",
      "float",     "for",       "goto",          "if",
      "inline",    "int",       "long",          "register",
      "restrict",  "return",    "short",         "signed",
      "sizeof",    "static",    "struct",        "switch",
      "typedef",   "union",     "unsigned",      "void",
      "volatile",  "while",     "_Alignas",      "_Alignof",
      "_Atomic",   "_Bool",     "_Complex",      "_Generic",
      "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local",
      "alignas",   "alignof",   "bool",          "constexpr",
      "false",     "nullptr",   "static_assert", "thread_local",
      "true",      "typeof",    "typeof_unqual", "_BitInt"};
  for (const char *K : Keywords)
    if (S == K)
      return true;
  return false;
}

//===----------------------------------------------------------------------===//
// Message helpers
//===----------------------------------------------------------------------===//

/// Quotes user text for a message. Control bytes and non-ASCII are escaped
/// and long words cut, so a message is always one short printable line.
std::string quote(std::string_view S) {
  constexpr size_t MaxShown = 32;
  static const char Hex[] = "0123456789abcdef";
  std::string Out = "'";
  for (size_t I = 0; I < S.size() && I < MaxShown; ++I) {
    unsigned char C = static_cast<unsigned char>(S[I]);
    if (C >= 0x20 && C < 0x7f) {
      Out += static_cast<char>(C);
    } else {
      Out += "\\x";
      Out += Hex[C >> 4];
      Out += Hex[C & 15];
    }
  }
  if (S.size() > MaxShown)
    Out += "...";
  return Out + "'";
}

/// "a", "a or b", "a, b or c" (Conj = "or" / "and").
std::string joinList(const std::vector<std::string> &Items, const char *Conj) {
  std::string Out;
  for (size_t I = 0; I < Items.size(); ++I) {
    if (I > 0)
      Out += I + 1 == Items.size() ? std::string(" ") + Conj + " " : ", ";
    Out += Items[I];
  }
  return Out;
}

/// Optimal-string-alignment distance: Levenshtein plus the swap of two
/// neighbouring letters as one edit, the most common typo (`jti`, `cdua`).
size_t editDistance(std::string_view A, std::string_view B) {
  std::vector<std::vector<size_t>> D(A.size() + 1,
                                     std::vector<size_t>(B.size() + 1));
  for (size_t I = 0; I <= A.size(); ++I)
    D[I][0] = I;
  for (size_t J = 0; J <= B.size(); ++J)
    D[0][J] = J;
  for (size_t I = 1; I <= A.size(); ++I) {
    for (size_t J = 1; J <= B.size(); ++J) {
      size_t Cost = A[I - 1] == B[J - 1] ? 0 : 1;
      D[I][J] = std::min({D[I - 1][J] + 1, D[I][J - 1] + 1,
                          D[I - 1][J - 1] + Cost});
      if (I > 1 && J > 1 && A[I - 1] == B[J - 2] && A[I - 2] == B[J - 1])
        D[I][J] = std::min(D[I][J], D[I - 2][J - 2] + 1);
    }
  }
  return D[A.size()][B.size()];
}

bool equalsIgnoringCase(std::string_view A, std::string_view B) {
  auto Lower = [](char C) {
    return C >= 'A' && C <= 'Z' ? static_cast<char>(C - 'A' + 'a') : C;
  };
  if (A.size() != B.size())
    return false;
  for (size_t I = 0; I < A.size(); ++I)
    if (Lower(A[I]) != Lower(B[I]))
      return false;
  return true;
}

/// The candidate to suggest for a misspelt word: one that differs only in
/// case, else the nearest one within 2 edits (and fewer edits than the word
/// has letters, so that `x` does not "mean" `in`).
std::optional<std::string> closest(std::string_view Word,
                                   const std::vector<std::string> &Cands) {
  for (const std::string &C : Cands)
    if (equalsIgnoringCase(Word, C))
      return C;
  std::optional<std::string> Best;
  size_t BestDist = 3;
  for (const std::string &C : Cands) {
    // Cheap length filter first: it also bounds editDistance's table.
    if (Word.size() > C.size() + 2 || C.size() > Word.size() + 2)
      continue;
    size_t Dist = editDistance(Word, C);
    if (Dist < BestDist && Dist < Word.size()) {
      Best = C;
      BestDist = Dist;
    }
  }
  return Best;
}

//===----------------------------------------------------------------------===//
// What each directive accepts
//===----------------------------------------------------------------------===//

const Directive AllDirectives[] = {
#define PPAR_DIRECTIVE(Enum, Spelling, Applies, Options, Pass) Directive::Enum,
#include "Directives.def"
};

/// The options each directive accepts, by its row of Directives.def.
const char *const AcceptedOptions[] = {
#define PPAR_DIRECTIVE(Enum, Spelling, Applies, Options, Pass) Options,
#include "Directives.def"
};

enum class OptKind { Flag, Key, Data };

struct OptionSpec {
  const char *Name;
  OptKind Kind;
};

/// Every option of every directive. The order of the flags is the order of
/// Annotation::str().
const OptionSpec OptionTable[] = {
    {"parallel", OptKind::Flag},     {"nogil", OptKind::Flag},
    {"cache", OptKind::Flag},        {"fastmath", OptKind::Flag},
    {"reproducible", OptKind::Flag}, {"eager", OptKind::Flag},
    {"kernel", OptKind::Flag},
    {"target", OptKind::Key},        {"name", OptKind::Key},
    {"transform", OptKind::Key},
    {"in", OptKind::Data},           {"out", OptKind::Data},
    {"inout", OptKind::Data},
};

const OptionSpec *findOption(std::string_view Name) {
  for (const OptionSpec &S : OptionTable)
    if (Name == S.Name)
      return &S;
  return nullptr;
}

/// Whether D's row of Directives.def lists option S.
bool accepts(const OptionSpec &S, Directive D) {
  std::string_view List = AcceptedOptions[static_cast<unsigned>(D)];
  std::string_view Name = S.Name;
  for (size_t At = 0; At <= List.size();) {
    size_t End = List.find(' ', At);
    if (End == std::string_view::npos)
      End = List.size();
    if (List.substr(At, End - At) == Name)
      return true;
    At = End + 1;
  }
  return false;
}

std::vector<std::string> optionNames(Directive D) {
  std::vector<std::string> Names;
  for (const OptionSpec &S : OptionTable)
    if (accepts(S, D))
      Names.push_back(S.Name);
  return Names;
}

/// "parallel, nogil, ..., target=..., in(...)": how each option is written.
std::string optionSynopsis(Directive D) {
  std::vector<std::string> Forms;
  for (const OptionSpec &S : OptionTable) {
    if (!accepts(S, D))
      continue;
    std::string Form = S.Name;
    if (S.Kind == OptKind::Key)
      Form += "=...";
    else if (S.Kind == OptKind::Data)
      Form += "(...)";
    Forms.push_back(Form);
  }
  return joinList(Forms, "or");
}

std::vector<Target> targetsFor(Directive D) {
  if (D == Directive::Vectorize)
    return {Target::Cpu, Target::Parallel, Target::Cuda, Target::Auto};
  return {Target::Cpu, Target::Cuda, Target::Auto};
}

std::vector<std::string> targetNames(Directive D) {
  std::vector<std::string> Names;
  for (Target T : targetsFor(D))
    Names.push_back(targetName(T));
  return Names;
}

const char *directionName(DataDirection D) {
  switch (D) {
  case DataDirection::In:
    return "in";
  case DataDirection::Out:
    return "out";
  case DataDirection::InOut:
    return "inout";
  }
  return "in";
}

DataDirection directionByName(std::string_view Name) {
  if (Name == "out")
    return DataDirection::Out;
  if (Name == "inout")
    return DataDirection::InOut;
  return DataDirection::In;
}

//===----------------------------------------------------------------------===//
// The parser
//===----------------------------------------------------------------------===//

/// What follows an option's word: nothing, `=value` or `(arguments)`.
enum class Form { Bare, Value, Args };

class Parser {
public:
  Parser(const std::string &Text, Directive Kind) : T(Text), Kind(Kind) {
    A.Kind = Kind;
  }

  /// `jit(...)`: the option list ends at the ')' that closes `jit(`.
  ParseResult parseWholeAnnotation();
  /// The attribute spellings: the option list ends at the end of the text.
  ParseResult parseOptionsOnly();

private:
  const std::string &T;
  size_t P = 0; ///< Current position in T.
  Directive Kind;
  Annotation A;
  ParseResult R;
  bool HadError = false;
  bool EndErrorReported = false;
  bool PrangeReported = false;
  size_t CacheOffset = NoPos;
  size_t TargetOffset = NoPos; ///< Of the first target= value.
  size_t NameOffset = NoPos;   ///< Of the first name= value.

  // Diagnostics.
  void report(AnnotationDiag::Severity Level, size_t Offset, size_t Length,
              std::string Message, std::optional<std::string> FixIt);
  void error(size_t Offset, size_t Length, std::string Message,
             std::optional<std::string> FixIt = std::nullopt) {
    report(AnnotationDiag::Error, Offset, Length, std::move(Message),
           std::move(FixIt));
  }
  void warning(size_t Offset, size_t Length, std::string Message) {
    report(AnnotationDiag::Warning, Offset, Length, std::move(Message),
           std::nullopt);
  }
  bool stopped() const { return HadError && R.Diags.size() >= MaxDiags; }
  ParseResult finish();

  // Lexing.
  bool atEnd() const { return P >= T.size(); }
  bool at(char C) const { return P < T.size() && T[P] == C; }
  void skipSpace() {
    while (!atEnd() && isSpace(T[P]))
      ++P;
  }
  std::string_view readWhile(bool (*Pred)(char));
  std::string_view readWord() { return readWhile(isWordChar); }
  size_t trimmedRestLength() const;
  void skipToSeparator();

  // Grammar.
  void parseParenthesizedOptions(std::string_view DirWord);
  template <class ParseElem>
  void parseList(bool ClosedByParen, const char *What, const char *Plural,
                 ParseElem Elem);
  void parseOption();
  void skipRestOfOption(Form F, size_t WordEnd);
  void unknownDirective(size_t Start, std::string_view Word);
  void unknownOption(size_t Start, std::string_view Word, Form F);
  void parseFlag(const OptionSpec &S, size_t Start, size_t WordEnd, Form F);
  void parseKey(const OptionSpec &S, size_t Start, size_t WordEnd, Form F);
  void setTarget(size_t Start, std::string_view Word, size_t VStart,
                 std::string_view V);
  void setName(size_t Start, std::string_view Word, size_t VStart,
               std::string_view V);
  void parseDataClause(const OptionSpec &S, size_t Start, size_t WordEnd,
                       Form F);
  bool parseItem(DataDirection Dir);
  bool parseSection(DataClause &C);
  bool isStrayParen() const;
  void addDataClause(DataClause C);
  void checkCache();
  bool *flagField(std::string_view Name);
};

void Parser::report(AnnotationDiag::Severity Level, size_t Offset,
                    size_t Length, std::string Message,
                    std::optional<std::string> FixIt) {
  Offset = std::min(Offset, T.size());
  Length = std::min(Length, T.size() - Offset);
  bool IsError = Level == AnnotationDiag::Error;
  // A text cut short leaves several constructs open (`jit(in(x[0:n`); one
  // "expected ..." at the end is enough.
  bool AtEnd = Offset == T.size() && Length == 0;
  if (IsError && AtEnd) {
    if (EndErrorReported)
      return;
    EndErrorReported = true;
  }
  AnnotationDiag D;
  D.Level = Level;
  D.Offset = static_cast<unsigned>(Offset);
  D.Length = static_cast<unsigned>(Length);
  D.Message = std::move(Message);
  D.FixIt = std::move(FixIt);
  if (R.Diags.size() < MaxDiags)
    R.Diags.push_back(std::move(D));
  else if (IsError && !HadError)
    R.Diags.back() = std::move(D); // The list must show why Value is absent.
  HadError |= IsError;
}

ParseResult Parser::finish() {
  checkCache();
  if (!HadError)
    R.Value = A;
  return std::move(R);
}

std::string_view Parser::readWhile(bool (*Pred)(char)) {
  size_t Start = P;
  while (!atEnd() && Pred(T[P]))
    ++P;
  return std::string_view(T).substr(Start, P - Start);
}

/// Length of T[P..] without trailing white space.
size_t Parser::trimmedRestLength() const {
  size_t End = T.size();
  while (End > P && isSpace(T[End - 1]))
    --End;
  return End - P;
}

/// Error recovery: skips to the next ',' or ')' that is not nested in
/// brackets opened after P, or to the end of the text.
void Parser::skipToSeparator() {
  size_t Depth = 0;
  for (; !atEnd(); ++P) {
    char C = T[P];
    if (Depth == 0 && (C == ',' || C == ')'))
      return;
    if (isOpener(C))
      ++Depth;
    else if (isCloser(C) && Depth > 0)
      --Depth;
  }
}

//===----------------------------------------------------------------------===//
// annotation := DIRECTIVE [ '(' options ')' ]
//===----------------------------------------------------------------------===//

ParseResult Parser::parseWholeAnnotation() {
  skipSpace();
  size_t Start = P;
  std::string_view Word = readWord();
  if (Word.empty()) {
    error(P, atEnd() ? 0 : 1,
          "expected a ppar directive: jit, vectorize, delayed or prange");
    return finish();
  }
  std::optional<Directive> D = directiveByName(std::string(Word));
  if (!D) {
    unknownDirective(Start, Word);
    return finish();
  }
  Kind = A.Kind = *D;
  skipSpace();
  if (atEnd())
    return finish();
  if (at('('))
    parseParenthesizedOptions(Word);
  else if (at(')'))
    error(P, 1, "unexpected ')'", "");
  else
    error(P, trimmedRestLength(),
          "extra text after '" + std::string(Word) +
              "'; options go in parentheses, e.g. " + std::string(Word) +
              "(...)");
  return finish();
}

void Parser::parseParenthesizedOptions(std::string_view DirWord) {
  ++P; // '('
  parseList(/*ClosedByParen=*/true, "an option", "options",
            [this] { parseOption(); });
  if (stopped())
    return;
  if (atEnd()) {
    error(P, 0, "expected ')'", ")");
    return;
  }
  ++P; // ')'
  skipSpace();
  if (atEnd())
    return;
  if (at(')'))
    error(P, 1, "unexpected ')'", "");
  else
    error(P, trimmedRestLength(),
          "extra text after '" + std::string(DirWord) + "(...)'");
}

ParseResult Parser::parseOptionsOnly() {
  parseList(/*ClosedByParen=*/false, "an option", "options",
            [this] { parseOption(); });
  return finish();
}

void Parser::unknownDirective(size_t Start, std::string_view Word) {
  std::vector<std::string> Names;
  for (Directive D : AllDirectives)
    Names.push_back(directiveName(D));
  std::optional<std::string> Fix = closest(Word, Names);
  std::string Msg = "unknown ppar directive " + quote(Word);
  if (Fix)
    Msg += "; did you mean " + quote(*Fix) + "?";
  else
    Msg += "; expected " + joinList(Names, "or");
  error(Start, Word.size(), Msg, Fix);
}

//===----------------------------------------------------------------------===//
// elem { ',' elem }, for options and for the items of a data clause
//===----------------------------------------------------------------------===//

/// Parses a comma-separated list up to its end: the ')' that closes it when
/// ClosedByParen (left unconsumed), else the end of the text. Elem parses one
/// element starting at a character that is not space, ',' or ')', and must
/// consume at least one character.
template <class ParseElem>
void Parser::parseList(bool ClosedByParen, const char *What,
                       const char *Plural, ParseElem Elem) {
  bool ExpectElem = true;
  size_t LastComma = NoPos;
  bool LastCommaReported = false;
  size_t LastEnd = P; // End of the last element, where a ',' would go.
  while (!stopped()) {
    skipSpace();
    if (atEnd() || (ClosedByParen && at(')'))) {
      // A trailing comma: `jit(parallel,)`.
      if (ExpectElem && LastComma != NoPos && !LastCommaReported)
        error(LastComma, 1, std::string("expected ") + What, "");
      return;
    }
    if (at(',')) {
      // A leading or doubled comma: `jit(,parallel)`, `jit(a,,b)`.
      LastCommaReported = ExpectElem;
      if (ExpectElem)
        error(P, 1, std::string("expected ") + What, "");
      LastComma = P++;
      ExpectElem = true;
      continue;
    }
    if (at(')')) { // Only in an option list that is not in parentheses.
      error(P++, 1, "unexpected ')'", "");
      continue;
    }
    if (!ExpectElem) {
      if (isWordChar(T[P])) { // `jit(parallel nogil)`: a missing comma.
        error(LastEnd, 0, std::string("expected ',' between ") + Plural, ",");
        ExpectElem = true;
        continue;
      }
      if (isCloser(T[P]))
        error(P, 1, "unexpected " + quote(T.substr(P, 1)), "");
      else
        error(P, 1, ClosedByParen ? "expected ',' or ')'" : "expected ','");
      skipToSeparator();
      continue;
    }
    Elem();
    LastEnd = P;
    ExpectElem = false;
  }
}

//===----------------------------------------------------------------------===//
// option := FLAG | KEY '=' VALUE | DATA '(' item { ',' item } ')'
//===----------------------------------------------------------------------===//

void Parser::parseOption() {
  size_t Start = P;
  std::string_view Word = readWord();
  if (Word.empty()) { // `=`, `(`, `[`, ... where an option should be.
    error(P, 1, "expected an option");
    skipToSeparator();
    return;
  }
  size_t WordEnd = P;
  skipSpace();
  Form F = at('=') ? Form::Value : at('(') ? Form::Args : Form::Bare;

  if (Kind == Directive::Prange) {
    if (!PrangeReported)
      error(Start, Word.size(), "'prange' takes no options");
    PrangeReported = true;
    skipRestOfOption(F, WordEnd);
    return;
  }
  const OptionSpec *S = findOption(Word);
  if (!S || !accepts(*S, Kind)) {
    unknownOption(Start, Word, F);
    skipRestOfOption(F, WordEnd);
    return;
  }
  switch (S->Kind) {
  case OptKind::Flag:
    return parseFlag(*S, Start, WordEnd, F);
  case OptKind::Key:
    return parseKey(*S, Start, WordEnd, F);
  case OptKind::Data:
    return parseDataClause(*S, Start, WordEnd, F);
  }
}

/// After a bad option, skips what belongs to it (`=value`, `(...)`, or the
/// `[...]` of `x[0:n]` written without a data clause) but not a following
/// word, which the list reports as a missing ','.
void Parser::skipRestOfOption(Form F, size_t WordEnd) {
  if (F == Form::Bare && !at('[')) {
    P = WordEnd;
    return;
  }
  skipToSeparator();
}

void Parser::unknownOption(size_t Start, std::string_view Word, Form F) {
  std::string Dir = directiveName(Kind);
  std::vector<std::string> Owners;
  if (const OptionSpec *S = findOption(Word))
    for (Directive D : AllDirectives)
      if (accepts(*S, D))
        Owners.push_back(quote(directiveName(D)));

  // A bare target name (`jit(cuda)`, `vectorize(parallel)`) most likely
  // means target=NAME.
  std::optional<std::string> Fix;
  if (F == Form::Bare)
    for (Target Tg : targetsFor(Kind))
      if (Word == targetName(Tg))
        Fix = std::string("target=") + targetName(Tg);

  std::string Msg;
  if (!Owners.empty()) {
    Msg = "option " + quote(Word) + " is not valid for " + quote(Dir) +
          "; it belongs to " + joinList(Owners, "and");
  } else {
    Msg = "unknown option " + quote(Word) + " for " + quote(Dir);
    if (!Fix)
      Fix = closest(Word, optionNames(Kind));
    if (!Fix && F == Form::Bare && at('[') && Kind != Directive::Vectorize)
      Msg += "; array extents go in a data clause, e.g. in(" +
             std::string(isIdentifier(Word) ? Word : "x") + "[0:n])";
    else if (!Fix)
      Msg += "; expected " + optionSynopsis(Kind);
  }
  if (Fix)
    Msg += "; did you mean " + quote(*Fix) + "?";
  error(Start, Word.size(), Msg, Fix);
}

bool *Parser::flagField(std::string_view Name) {
  if (Name == "parallel")
    return &A.Parallel;
  if (Name == "nogil")
    return &A.Nogil;
  if (Name == "cache")
    return &A.Cache;
  if (Name == "fastmath")
    return &A.Fastmath;
  if (Name == "reproducible")
    return &A.Reproducible;
  if (Name == "kernel")
    return &A.Kernel;
  return &A.Eager;
}

void Parser::parseFlag(const OptionSpec &S, size_t Start, size_t WordEnd,
                       Form F) {
  std::string Name = S.Name;
  if (F == Form::Value) {
    size_t Eq = P++;
    skipSpace();
    std::string_view V = readWord();
    // Removing `=true` keeps the meaning; removing `=false` would not.
    bool Truthy = V == "1" || V == "true" || V == "True" || V == "yes" ||
                  V == "on";
    error(Eq, P - Eq, "option " + quote(Name) + " takes no value",
          Truthy ? std::optional<std::string>("") : std::nullopt);
    skipToSeparator();
    return;
  }
  if (F == Form::Args) {
    error(P, 1, "option " + quote(Name) + " takes no arguments");
    skipToSeparator();
    return;
  }
  bool *Field = flagField(Name);
  if (*Field)
    warning(Start, WordEnd - Start, "option " + quote(Name) + " given twice");
  *Field = true;
  if (Name == "cache" && CacheOffset == NoPos)
    CacheOffset = Start;
  P = WordEnd;
}

void Parser::parseKey(const OptionSpec &S, size_t Start, size_t WordEnd,
                      Form F) {
  std::string Name = S.Name;
  if (F != Form::Value) {
    error(Start, WordEnd - Start,
          "option " + quote(Name) + " needs a value, e.g. " + Name +
              (Name == "target" ? "=cuda" : Name == "transform" ? "=off" : "=f_vec"));
    skipRestOfOption(F, WordEnd);
    return;
  }
  ++P; // '='
  skipSpace();
  size_t VStart = P;
  std::string_view V = readWord();
  if (V.empty()) {
    error(P, 0, "expected a value after '" + Name + "='");
    skipToSeparator();
    return;
  }
  std::string_view Word = std::string_view(T).substr(Start, WordEnd - Start);
  if (Name == "target") {
    setTarget(Start, Word, VStart, V);
  } else if (Name == "transform") {
    // Interchange and tiling for locality (docs/passes/transform.md).
    if (V == "on" || V == "off")
      A.TransformOff = V == "off";
    else
      error(VStart, V.size(), "invalid value " + quote(V) +
                                  " for 'transform'; expected 'on' or 'off'");
  } else
    setName(Start, Word, VStart, V);
}

void Parser::setTarget(size_t Start, std::string_view Word, size_t VStart,
                       std::string_view V) {
  std::optional<Target> Tg;
  for (Target Cand : targetsFor(Kind))
    if (V == targetName(Cand))
      Tg = Cand;
  if (!Tg) {
    std::vector<std::string> Names = targetNames(Kind);
    std::string Msg = "invalid value " + quote(V) + " for 'target' of " +
                      quote(directiveName(Kind));
    // `gpu` is one edit from `cpu`, but means the opposite.
    std::optional<std::string> Fix =
        equalsIgnoringCase(V, "gpu") ? std::optional<std::string>("cuda")
                                     : closest(V, Names);
    if (Fix) {
      Msg += "; did you mean " + quote(*Fix) + "?";
    } else {
      Msg += "; expected " + joinList(Names, "or");
      if (Kind == Directive::Jit && V == "parallel")
        Msg += " (multi-core loops are the 'parallel' option)";
    }
    error(VStart, V.size(), Msg, Fix);
    return;
  }
  if (!A.TargetKind) {
    A.TargetKind = Tg;
    TargetOffset = VStart;
  } else if (*A.TargetKind == *Tg) {
    warning(Start, Word.size(), "option 'target' given twice");
  } else {
    error(VStart, V.size(),
          std::string("conflicting values for 'target': '") +
              targetName(*A.TargetKind) + "' and '" + targetName(*Tg) + "'");
  }
}

void Parser::setName(size_t Start, std::string_view Word, size_t VStart,
                     std::string_view V) {
  std::string Prefix = "invalid value " + quote(V) + " for 'name' of " +
                       quote(directiveName(Kind));
  if (!isIdentifier(V)) {
    error(VStart, V.size(), Prefix + "; expected a C identifier");
    return;
  }
  if (isCKeyword(V)) {
    error(VStart, V.size(), Prefix + "; " + quote(V) + " is a C keyword");
    return;
  }
  if (NameOffset == NoPos) {
    A.Name = std::string(V);
    NameOffset = VStart;
  } else if (A.Name == V) {
    warning(Start, Word.size(), "option 'name' given twice");
  } else {
    error(VStart, V.size(),
          "conflicting values for 'name': " + quote(A.Name) + " and " +
              quote(V));
  }
}

//===----------------------------------------------------------------------===//
// Data clauses: in(x[0:n], y[0:n][0:m])
//===----------------------------------------------------------------------===//

void Parser::parseDataClause(const OptionSpec &S, size_t Start,
                             size_t WordEnd, Form F) {
  std::string Name = S.Name;
  if (F != Form::Args) {
    error(Start, WordEnd - Start,
          "option " + quote(Name) + " needs a list of arrays, e.g. " + Name +
              "(x[0:n])");
    skipRestOfOption(F, WordEnd);
    return;
  }
  DataDirection Dir = directionByName(Name);
  size_t Open = P++;
  skipSpace();
  if (at(')')) {
    error(Open, P + 1 - Open,
          "'" + Name + "(...)' needs at least one array, e.g. " + Name +
              "(x[0:n])");
    ++P;
    return;
  }
  parseList(/*ClosedByParen=*/true, "a variable name", "items", [&] {
    if (!parseItem(Dir))
      skipToSeparator();
  });
  if (stopped())
    return;
  if (atEnd())
    error(P, 0, "expected ')'", ")");
  else
    ++P; // ')'
}

/// item := IDENT [('.' | '->') IDENT] section { section }. Returns false
/// after an error.
bool Parser::parseItem(DataDirection Dir) {
  size_t Start = P;
  std::string_view Name = readWhile(isIdentChar);
  if (Name.empty() || !isIdentStart(Name[0])) {
    P = Start;
    error(P, 1,
          std::string("expected a variable name in '") + directionName(Dir) +
              "(...)'");
    return false;
  }
  if (isCKeyword(Name)) {
    error(Start, Name.size(),
          "expected a variable name, found the C keyword " + quote(Name));
    return false;
  }
  DataClause C;
  C.Direction = Dir;
  C.Name = std::string(Name);
  C.Offset = static_cast<unsigned>(Start);
  // A member: `s.grid[0:s.n]`, `p->grid[0:p->n]`, through embedded structs
  // (`p->a.grid[0:n]`: `.` after the first).
  size_t Before = P;
  skipSpace();
  bool First = true;
  for (;;) {
    bool Dot = at('.'), Arrow = First && at('-') && P + 1 < T.size() && T[P + 1] == '>';
    if (!Dot && !Arrow)
      break;
    P += Dot ? 1 : 2;
    skipSpace();
    size_t FieldAt = P;
    std::string_view Field = readWhile(isIdentChar);
    if (Field.empty() || !isIdentStart(Field[0])) {
      P = FieldAt;
      error(P, 1, "expected a member name after '" + C.Name + (Dot ? "." : "->") + "'");
      return false;
    }
    C.Name += (Dot ? "." : "->") + std::string(Field);
    First = false;
    Before = P;
    skipSpace();
  }
  P = Before;
  size_t End = P;
  skipSpace();
  if (!at('[')) {
    error(End, 0, "expected '[lo:len]' after " + quote(C.Name));
    return false;
  }
  while (at('[')) {
    if (!parseSection(C))
      return false;
    End = P;
    skipSpace();
  }
  P = End; // Leave the space to the list, which reports a missing ','.
  addDataClause(std::move(C));
  return true;
}

/// After a ')' at depth 0 of a section: is it a stray ')' (a ']' follows
/// before any '[', as in `x[0:n)]`) rather than a missing ']' (`x[0:n)`)?
bool Parser::isStrayParen() const {
  for (size_t I = P + 1; I < T.size(); ++I) {
    if (T[I] == ']')
      return true;
    if (T[I] == '[')
      return false;
  }
  return false;
}

std::string trim(std::string_view S) {
  size_t B = 0, E = S.size();
  while (B < E && isSpace(S[B]))
    ++B;
  while (E > B && isSpace(S[E - 1]))
    --E;
  return std::string(S.substr(B, E - B));
}

/// section := '[' [lo] ':' len ']'. lo and len are C expressions, split at the
/// first ':' that is at depth 0 and does not belong to a `?:` (whose '?'
/// comes first). Returns false after an error.
bool Parser::parseSection(DataClause &C) {
  std::string Of = " in the section of " + quote(C.Name);
  size_t Open = P++;
  std::vector<size_t> Nest; // Positions of the open brackets inside.
  size_t Colon = NoPos;
  size_t PendingQuestions = 0; // '?' at depth 0 still waiting for their ':'.
  for (;; ++P) {
    if (stopped())
      return false;
    if (atEnd()) {
      error(P, 0, "expected ']' to end the section of " + quote(C.Name),
            Nest.empty() ? std::optional<std::string>("]") : std::nullopt);
      return false;
    }
    char Ch = T[P];
    if (!isExprChar(Ch)) {
      error(P, 1, "unexpected character " + quote(T.substr(P, 1)) + Of);
      return false;
    }
    if (isOpener(Ch)) {
      Nest.push_back(P);
      continue;
    }
    if (isCloser(Ch)) {
      if (!Nest.empty()) {
        if (closerOf(T[Nest.back()]) != Ch) {
          error(Nest.back(), 1,
                "unbalanced " + quote(T.substr(Nest.back(), 1)) + Of);
          ++P; // The wrong closer belongs to this section: skip past it.
          return false;
        }
        Nest.pop_back();
        continue;
      }
      if (Ch == ']')
        break;
      if (Ch == ')' && !isStrayParen()) {
        error(P, 0, "expected ']' to end the section of " + quote(C.Name),
              "]");
        return false;
      }
      // A stray ')' or '}': report it and read on to the ']'.
      error(P, 1, "unexpected " + quote(T.substr(P, 1)) + Of);
      continue;
    }
    if (!Nest.empty())
      continue;
    if (Ch == ',') { // `in(x[0:n, y[0:n])`: the ']' was forgotten.
      error(P, 0, "expected ']' to end the section of " + quote(C.Name), "]");
      return false;
    }
    if (Ch == '?') {
      ++PendingQuestions;
    } else if (Ch == ':') {
      if (PendingQuestions > 0) {
        --PendingQuestions;
      } else if (Colon == NoPos) {
        Colon = P;
      } else {
        error(P, 1, "unexpected ':'" + Of);
        return false;
      }
    }
  }
  size_t Close = P++;
  std::string_view Inner =
      std::string_view(T).substr(Open + 1, Close - Open - 1);
  if (Colon == NoPos) {
    std::string Expr = trim(Inner);
    error(Open, Close + 1 - Open,
          "expected ':' in the section of " + quote(C.Name) + " (write " +
              C.Name + "[lo:len])",
          Expr.empty() ? std::nullopt
                       : std::optional<std::string>("[0:" + Expr + "]"));
    return false;
  }
  Section S;
  S.Lo = trim(std::string_view(T).substr(Open + 1, Colon - Open - 1));
  S.Len = trim(std::string_view(T).substr(Colon + 1, Close - Colon - 1));
  if (S.Len.empty()) {
    error(Close, 0, "empty length" + Of);
    return false;
  }
  if (S.Lo.empty()) // `x[:n]` starts at 0, as in OpenMP.
    S.Lo = "0";
  C.Sections.push_back(std::move(S));
  return true;
}

void Parser::addDataClause(DataClause C) {
  for (const DataClause &Old : A.Data) {
    if (Old.Name != C.Name)
      continue;
    if (Old.Direction == C.Direction)
      error(C.Offset, C.Name.size(),
            quote(C.Name) + " appears twice in data clauses");
    else
      error(C.Offset, C.Name.size(),
            quote(C.Name) + " appears in both '" +
                directionName(Old.Direction) + "' and '" +
                directionName(C.Direction) + "'; use inout(" + C.Name +
                "[...]) instead");
    return;
  }
  A.Data.push_back(std::move(C));
}

/// `cache` keeps compiled GPU kernels; with a CPU target there are none. The
/// flag is dropped so that str() reads back without this warning.
void Parser::checkCache() {
  if (!A.Cache || !A.TargetKind)
    return;
  if (*A.TargetKind != Target::Cpu && *A.TargetKind != Target::Parallel)
    return;
  warning(CacheOffset, 5,
          std::string("'cache' has no effect with target=") +
              targetName(*A.TargetKind) + "; it caches GPU kernels only");
  A.Cache = false;
}

} // namespace

//===----------------------------------------------------------------------===//
// Public interface
//===----------------------------------------------------------------------===//

ParseResult parseAnnotation(const std::string &Text) {
  return Parser(Text, Directive::Jit).parseWholeAnnotation();
}

ParseResult parseOptions(Directive Kind, const std::string &Options) {
  return Parser(Options, Kind).parseOptionsOnly();
}

std::string Annotation::str() const {
  std::vector<std::string> Parts;
  const std::pair<bool, const char *> Flags[] = {{Parallel, "parallel"},
                                                 {Nogil, "nogil"},
                                                 {Cache, "cache"},
                                                 {Fastmath, "fastmath"},
                                                 {Reproducible, "reproducible"},
                                                 {Eager, "eager"},
                                                 {Kernel, "kernel"}};
  for (const auto &[Set, Flag] : Flags)
    if (Set)
      Parts.push_back(Flag);
  if (TargetKind)
    Parts.push_back(std::string("target=") + targetName(*TargetKind));
  if (!Name.empty())
    Parts.push_back("name=" + Name);
  if (TransformOff)
    Parts.push_back("transform=off");
  for (const DataClause &C : Data) {
    std::string Item = std::string(directionName(C.Direction)) + "(" + C.Name;
    for (const Section &S : C.Sections)
      Item += "[" + S.Lo + ":" + S.Len + "]";
    Parts.push_back(Item + ")");
  }
  std::string Out = directiveName(Kind);
  if (Parts.empty())
    return Out;
  Out += "(";
  for (size_t I = 0; I < Parts.size(); ++I)
    Out += (I ? ", " : "") + Parts[I];
  return Out + ")";
}

const char *directiveName(Directive Kind) {
  static const char *const Names[] = {
#define PPAR_DIRECTIVE(Enum, Spelling, Applies, Options, Pass) Spelling,
#include "Directives.def"
  };
  return Names[static_cast<unsigned>(Kind)];
}

bool appliesToLoop(Directive Kind) {
  enum Applies { Function, Loop };
  static const Applies Table[] = {
#define PPAR_DIRECTIVE(Enum, Spelling, Applies, Options, Pass) Applies,
#include "Directives.def"
  };
  return Table[static_cast<unsigned>(Kind)] == Loop;
}

std::optional<Directive> directiveByName(const std::string &Name) {
  for (Directive D : AllDirectives)
    if (Name == directiveName(D))
      return D;
  return std::nullopt;
}

const char *targetName(Target T) {
  switch (T) {
  case Target::Cpu:
    return "cpu";
  case Target::Parallel:
    return "parallel";
  case Target::Cuda:
    return "cuda";
  case Target::Auto:
    return "auto";
  }
  return "cpu";
}

void clauseBounds(const DataClause &C, std::string &Lo, std::string &Hi) {
  std::string First = "(" + C.Name + ")", Last = First;
  for (const Section &S : C.Sections) {
    First += "[" + S.Lo + "]";
    Last += "[(" + S.Lo + ") + (" + S.Len + ") - 1]";
  }
  Lo = "(const void *)&" + First;
  Hi = "(const void *)(&" + Last + " + 1)";
}

} // namespace ppar
