//===- Versioning.cpp -----------------------------------------------------===//

#include "Versioning.h"
#include "OpenMPEmit.h"
#include "SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace ppar {

std::string variantName(const FunctionDecl *FD, llvm::StringRef Suffix) {
  return FD->getNameAsString() + "__ppar_" + Suffix.str();
}


/// `static <ret> <name>(<params>)`, in the user's spelling where possible
/// (macros and VLA bounds kept), printed from the AST otherwise.
static std::string prototype(const FunctionDecl *FD, const std::string &Name) {
  const ASTContext &Ctx = FD->getASTContext();
  PrintingPolicy Policy(Ctx.getLangOpts());
  // A return type that is not a plain prefix of the declarator (a pointer
  // to function or array) has no source range of its own: name it through
  // __typeof__, which takes any type name.
  std::string Ret = sourceText(FD->getReturnTypeSourceRange(), Ctx);
  if (Ret.empty())
    Ret = "__typeof__(" + FD->getReturnType().getAsString(Policy) + ")";
  std::string Params;
  for (const ParmVarDecl *P : FD->parameters()) {
    std::string Text = sourceText(P->getSourceRange(), Ctx);
    if (Text.empty()) {
      llvm::raw_string_ostream OS(Text);
      P->getOriginalType().print(OS, Policy, P->getName());
    }
    Params += (Params.empty() ? "" : ", ") + Text;
  }
  return "static " + Ret + " " + Name + "(" + (Params.empty() ? "void" : Params) + ")";
}


/// The start of the attribute list around an attribute name at Loc: steps
/// back over `ppar::`, `[[` or `__attribute__((`. Offsets in Loc's file.
static unsigned attributeListStart(const SourceManager &SM, SourceLocation Loc) {
  auto [FID, Offset] = SM.getDecomposedLoc(Loc);
  llvm::StringRef Opened = SM.getBufferData(FID).substr(0, Offset).rtrim(" \t");
  if (Opened.consume_back("::"))
    Opened = Opened.rtrim(" \t").drop_back(4).rtrim(" \t"); // the `ppar` scope
  if (!Opened.ends_with("[[") && !Opened.ends_with("(("))
    return Offset;
  Opened = Opened.drop_back(2).rtrim(" \t");
  if (!Opened.consume_back("__attribute__"))
    Opened.consume_back("__attribute");
  return Opened.size();
}

/// True when Loc is where a `#pragma` or `_Pragma` starts.
static bool isPragma(const SourceManager &SM, SourceLocation Loc) {
  llvm::StringRef At = SM.getCharacterData(Loc);
  return At.starts_with("#") || At.starts_with("_Pragma");
}

/// Where the forward declarations go: before the function and its
/// attributes, at the start of their line when only blanks precede them.
static SourceLocation declarationPoint(const FunctionDecl *FD) {
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  SourceLocation Earliest = SM.getExpansionLoc(FD->getBeginLoc());
  for (const Attr *A : FD->attrs()) {
    SourceLocation L = SM.getExpansionLoc(A->getLocation());
    if (A->isInherited() || L.isInvalid() || !SM.isWrittenInSameFile(L, Earliest))
      continue;
    if (isPragma(SM, L))
      continue; // a pragma's own line: the declaration comes after it
    if (SM.isBeforeInTranslationUnit(L, Earliest))
      Earliest = L;
  }
  FileID FID = SM.getFileID(Earliest);
  unsigned Start = attributeListStart(SM, Earliest);
  llvm::StringRef Prefix = SM.getBufferData(FID).substr(0, Start);
  size_t LineStart = Prefix.find_last_of('\n') + 1; // npos + 1 == 0
  if (Prefix.substr(LineStart).trim().empty())
    Start = LineStart;
  return SM.getComposedLoc(FID, Start);
}

/// Where a loop's OpenMP directive goes: before the `for`, or before the
/// [[ppar::prange]] attribute list that marks it.
static SourceLocation directivePoint(const SourceManager &SM, const ParallelLoop &L) {
  if (!L.Mark)
    return L.Shape.Loop->getBeginLoc();
  SourceLocation Marker = SM.getExpansionLoc(L.Mark->Loc);
  if (L.Mark->ByAttribute && Marker.isFileID())
    return SM.getComposedLoc(SM.getFileID(Marker), attributeListStart(SM, Marker));
  return L.Shape.Loop->getBeginLoc();
}




static std::string callArgs(const FunctionDecl *FD) {
  std::string Args;
  for (const ParmVarDecl *P : FD->parameters())
    Args += (Args.empty() ? "" : ", ") + P->getNameAsString();
  return Args;
}

bool emitVersions(Rewriter &Main, const FunctionPlan &P, DiagSink &Sink) {
  if (!P.hasCpuVariant())
    return true;
  const FunctionDecl *FD = P.F.FD;
  const ASTContext &Ctx = FD->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Body = cast<CompoundStmt>(FD->getBody());
  if (Body->getLBracLoc().isMacroID() || Body->getRBracLoc().isMacroID() ||
      FD->getLocation().isMacroID()) {
    Sink.error(FD->getLocation(), "'" + FD->getNameAsString() +
                                      "' is defined by a macro expansion, "
                                      "which ppar cannot rewrite");
    return false;
  }

  std::string Cpu = variantName(FD, "cpu");
  std::string Proto = prototype(FD, Cpu);
  PresumedLoc Def = SM.getPresumedLoc(FD->getLocation());
  PresumedLoc Open = SM.getPresumedLoc(Body->getLBracLoc());
  PresumedLoc Close = SM.getPresumedLoc(Body->getRBracLoc());

  // 1. The variant's declaration, on the function's first line.
  Main.InsertTextBefore(declarationPoint(FD), Proto + "; ");

  // 2. The dispatcher, right after the opening brace.
  std::string Site = "static struct __ppar_rt_fn __ppar_fn = {" +
                     quoted(FD->getName()) + ", " + quoted(Def.getFilename()) +
                     ", " + std::to_string(Def.getLine()) +
                     ", 1u << __PPAR_RT_CPU, 0};";
  std::string Call = Cpu + "(" + callArgs(FD) + ")";
  std::string Run = FD->getReturnType()->isVoidType()
                        ? "{ " + Call + "; return; }"
                        : "return " + Call + ";";
  Main.InsertTextAfterToken(Body->getLBracLoc(),
                            " " + Site + " if (__ppar_rt_choose(&__ppar_fn) == "
                            "__PPAR_RT_CPU) " + Run);

  // 3. The CPU variant: the body with OpenMP directives before its loops.
  Rewriter Variant(const_cast<SourceManager &>(SM), Ctx.getLangOpts());
  std::string File = quoted(Open.getFilename());
  for (const ParallelLoop &L : P.Loops) {
    SourceLocation At = directivePoint(SM, L);
    for (const SimdLoop &S : L.Simd)
      Variant.InsertTextBefore(S.Shape.Loop->getBeginLoc(),
                               "_Pragma(\"" + simdDirective(S) + "\") ");
    if (L.Checks.empty()) {
      Variant.InsertTextBefore(At, openMPPragmaText(L));
      continue;
    }
    // Loop versioning: the parallel loop when the pointers do not overlap,
    // else a serial copy; both under #line so they keep the user's lines.
    SourceLocation End = lastToken(L.Shape.Loop, SM, Ctx.getLangOpts());
    Rewriter Copy(const_cast<SourceManager &>(SM), Ctx.getLangOpts());
    dropComments(Copy, SourceRange(At, End));
    std::string Serial = Copy.getRewrittenText(SourceRange(At, End));
    std::string Cond;
    for (const std::string &C : L.Checks)
      Cond += (Cond.empty() ? "" : " && ") + C;
    PresumedLoc Begin = SM.getPresumedLoc(At);
    PresumedLoc Last = SM.getPresumedLoc(
        Lexer::getLocForEndOfToken(End, 0, SM, Ctx.getLangOpts()));
    Variant.InsertTextBefore(At, "if (" + Cond + ") { " + openMPPragmaText(L));
    Variant.InsertTextAfterToken(
        End, " } else\n#line " + std::to_string(Begin.getLine()) + " " + File +
                 "\n" + std::string(Begin.getColumn() - 1, ' ') + Serial +
                 "\n#line " + std::to_string(Last.getLine()) + " " + File +
                 "\n" + padding(SM, End, Last));
  }
  dropComments(Variant, Body->getSourceRange());
  std::string BodyText = Variant.getRewrittenText(Body->getSourceRange());

  // Duplicated user code would repeat the user's warnings; the original
  // body already shows them once.
  std::string Text = "\n#pragma clang diagnostic push\n"
                     "#pragma clang diagnostic ignored \"-Weverything\"\n"
                     "#line " + std::to_string(Open.getLine()) + " " + File +
                     "\n" + Proto + " " + BodyText +
                     "\n#pragma clang diagnostic pop\n"
                     "#line " + std::to_string(Close.getLine()) + " " + File +
                     "\n";
  Text += padding(SM, Body->getRBracLoc(), SM.getPresumedLoc(
                                              Body->getRBracLoc().getLocWithOffset(1)));
  Main.InsertTextAfterToken(Body->getRBracLoc(), Text);
  return true;
}

} // namespace ppar
