//===- Attributes.cpp -----------------------------------------------------===//

#include "Attributes.h"
#include "AnnotationDiags.h"
#include "annotations/Binding.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/Sema/ParsedAttr.h"
#include "clang/Sema/Sema.h"
#include <algorithm>

using namespace clang;

namespace ppar {

DirectiveAttrInfo::DirectiveAttrInfo(Directive K) : Kind(K) {
  std::string Name = directiveName(K);
  Names[0] = "ppar_" + Name;
  Names[1] = "ppar::" + Name;
  // clang 19 drops the arguments of a scoped C23 plugin attribute unless the
  // unscoped name is registered too; a bare [[jit]] is rejected below.
  Names[2] = Name;
  SpellingStore[0] = {AttributeCommonInfo::AS_GNU, Names[0].c_str()};
  SpellingStore[1] = {AttributeCommonInfo::AS_C23, Names[1].c_str()};
  SpellingStore[2] = {AttributeCommonInfo::AS_C23, Names[2].c_str()};
  Spellings = SpellingStore;
  OptArgs = 15; // checked by hand, to say what to write instead
  IsStmt = appliesToLoop(K);
}

static std::string spelled(const ParsedAttr &Attr) {
  if (Attr.getSyntax() == AttributeCommonInfo::AS_GNU)
    return "__attribute__((" + Attr.getAttrName()->getName().str() + "))";
  return "[[ppar::" + Attr.getAttrName()->getName().str() + "]]";
}

/// A bare [[jit]] is not ours to take: only the ppar:: scope is.
static bool rejectUnscoped(Sema &S, const ParsedAttr &Attr) {
  if (Attr.getSyntax() == AttributeCommonInfo::AS_C23 && !Attr.getScopeName()) {
    reportAt(S.getDiagnostics(), Attr.getLoc(), DiagnosticsEngine::Error,
             "unknown attribute '" + Attr.getAttrName()->getName().str() +
                 "'; ppar's attributes are spelled [[ppar::" +
                 Attr.getAttrName()->getName().str() + "(...)]]");
    return true;
  }
  return false;
}

bool DirectiveAttrInfo::diagAppertainsToDecl(Sema &S, const ParsedAttr &Attr,
                                             const Decl *D) const {
  if (rejectUnscoped(S, Attr))
    return false;
  if (appliesToLoop(Kind)) {
    reportAt(S.getDiagnostics(), Attr.getLoc(), DiagnosticsEngine::Error,
             "'" + std::string(directiveName(Kind)) +
                 "' applies to a for loop, not to a declaration");
    return false;
  }
  if (!isa<FunctionDecl>(D)) {
    reportAt(S.getDiagnostics(), Attr.getLoc(), DiagnosticsEngine::Error,
             "'" + std::string(directiveName(Kind)) +
                 "' applies to functions; " + spelled(Attr) +
                 " cannot annotate this declaration");
    return false;
  }
  return true;
}

bool DirectiveAttrInfo::diagAppertainsToStmt(Sema &S, const ParsedAttr &Attr,
                                             const Stmt *St) const {
  if (rejectUnscoped(S, Attr))
    return false;
  if (!appliesToLoop(Kind)) {
    reportAt(S.getDiagnostics(), Attr.getLoc(), DiagnosticsEngine::Error,
             "'" + std::string(directiveName(Kind)) +
                 "' applies to a function definition, not to a statement");
    return false;
  }
  if (!isa<ForStmt>(St)) {
    reportAt(S.getDiagnostics(), Attr.getLoc(), DiagnosticsEngine::Error,
             "'prange' must be followed by a for loop");
    return false;
  }
  if (!parseAttrOptions(S, Attr, Kind))
    return false;
  // clang 19 has no hook that applies a plugin attribute to a statement and
  // rejects any it is handed: remember the loop here, where we are shown it,
  // and return false without a diagnostic, which drops the attribute quietly.
  recordPrangeLoop(S.getASTContext(), cast<ForStmt>(St),
                   S.getSourceManager().getExpansionLoc(Attr.getLoc()),
                   /*ByAttribute=*/true);
  return false;
}

std::optional<Annotation> parseAttrOptions(Sema &S, const ParsedAttr &Attr,
                                           Directive Kind) {
  const SourceManager &SM = S.getSourceManager();
  std::string Options;
  std::function<SourceLocation(unsigned)> Locate =
      [&](unsigned) { return SM.getExpansionLoc(Attr.getLoc()); };
  const StringLiteral *Str = nullptr;
  if (Attr.getNumArgs() > 1) {
    reportAt(S.getDiagnostics(), Attr.getLoc(), DiagnosticsEngine::Error,
             "write the options of '" + std::string(directiveName(Kind)) +
                 "' as one string, e.g. [[ppar::" + directiveName(Kind) +
                 "(\"parallel, nogil\")]]");
    return std::nullopt;
  }
  if (Attr.getNumArgs() == 1) {
    if (Attr.isArgIdent(0)) {
      IdentifierLoc *Id = Attr.getArgAsIdent(0);
      Options = Id->Ident->getName().str();
      SourceLocation IdLoc = Id->Loc;
      Locate = [&SM, IdLoc](unsigned Off) {
        return IdLoc.isFileID() ? IdLoc.getLocWithOffset(Off)
                                : SM.getExpansionLoc(IdLoc);
      };
    } else if ((Str = dyn_cast<StringLiteral>(
                    Attr.getArgAsExpr(0)->IgnoreParenImpCasts())) &&
               Str->isOrdinary()) {
      Options = Str->getString().str();
      Locate = [&](unsigned Off) -> SourceLocation {
        if (!Str->getBeginLoc().isFileID())
          return SM.getExpansionLoc(Str->getBeginLoc());
        unsigned Len = Str->getLength();
        if (Len == 0)
          return Str->getBeginLoc().getLocWithOffset(1);
        unsigned Byte = std::min(Off, Len - 1);
        return Str->getLocationOfByte(Byte, SM, S.getLangOpts(),
                                      S.getASTContext().getTargetInfo())
            .getLocWithOffset(Off - Byte);
      };
    } else {
      reportAt(S.getDiagnostics(), Attr.getLoc(), DiagnosticsEngine::Error,
               "the options of '" + std::string(directiveName(Kind)) +
                   "' must be a string literal");
      return std::nullopt;
    }
  }
  ParseResult R = parseOptions(Kind, Options);
  reportAnnotationDiags(S.getDiagnostics(), SM, R, Locate);
  return R.Value;
}

ParsedAttrInfo::AttrHandling
DirectiveAttrInfo::handleDeclAttribute(Sema &S, Decl *D,
                                       const ParsedAttr &Attr) const {
  std::optional<Annotation> A = parseAttrOptions(S, Attr, Kind);
  if (!A)
    return AttributeNotApplied;
  attachAnnotation(S.getASTContext(), D, *A, Attr.getRange());
  return AttributeApplied;
}

} // namespace ppar
