//===- Attributes.h - [[ppar::jit("...")]] and __attribute__((ppar_jit)) -===//
//
// The attribute spellings of the function directives, and of prange on a
// loop. A function attribute becomes an AnnotateAttr "ppar.<canonical text>"
// (see annotationOf in Binding.h), the one representation every spelling
// meets in.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PLUGIN_ATTRIBUTES_H
#define PPAR_PLUGIN_ATTRIBUTES_H

#include "annotations/Annotation.h"
#include "clang/Basic/ParsedAttrInfo.h"

namespace ppar {

class DirectiveAttrInfo : public clang::ParsedAttrInfo {
public:
  explicit DirectiveAttrInfo(Directive Kind);

  bool diagAppertainsToDecl(clang::Sema &S, const clang::ParsedAttr &Attr,
                            const clang::Decl *D) const override;
  bool diagAppertainsToStmt(clang::Sema &S, const clang::ParsedAttr &Attr,
                            const clang::Stmt *St) const override;
  AttrHandling handleDeclAttribute(clang::Sema &S, clang::Decl *D,
                                   const clang::ParsedAttr &Attr) const override;

private:
  Directive Kind;
  std::string Names[3]; // storage behind Spellings: GNU, scoped, unscoped
  Spelling SpellingStore[3];
};

// One registered class per directive, since the registry instantiates by
// type (PparPlugin.cpp registers one per row of Directives.def).
template <Directive K> struct AttrInfoOf : DirectiveAttrInfo {
  AttrInfoOf() : DirectiveAttrInfo(K) {}
};

/// Parses the options of Attr (a string, or one bare identifier) and reports
/// mistakes at their place inside the string. Empty when it has errors.
std::optional<Annotation> parseAttrOptions(clang::Sema &S,
                                           const clang::ParsedAttr &Attr,
                                           Directive Kind);

} // namespace ppar

#endif
