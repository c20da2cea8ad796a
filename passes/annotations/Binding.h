//===- Binding.h - Tie annotations to the functions and loops they name --===//
//
// Attributes arrive on their declaration; pragmas are only recorded when
// lexed (PragmaTable.h). The binder ties each pragma to the declaration or
// loop that follows it, rejects misplaced ones, checks what each directive
// requires of its function, and lists the annotated functions for the passes.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_BINDING_H
#define PPAR_PASSES_BINDING_H

#include "annotations/Annotation.h"
#include "annotations/PragmaTable.h"
#include "support/DiagSink.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclGroup.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace ppar {

/// Stores A on D as an AnnotateAttr "ppar.<canonical text>", visible in AST
/// dumps, and inherited by later redeclarations.
void attachAnnotation(clang::ASTContext &Ctx, clang::Decl *D,
                      const Annotation &A, clang::SourceRange Range);

/// An annotation found on a declaration, with where it was written.
struct FoundAnnotation {
  Annotation Ann;
  clang::SourceLocation Loc;
};

/// The ppar annotations on D (its own and inherited), in source order.
std::vector<FoundAnnotation> annotationsOf(const clang::Decl *D);

/// Empty when FD's parameters can be rewritten: a prototype, or an empty
/// list `f()` in a definition (no parameters, C17 6.7.6.3p14). Else the
/// error to give at FD's name for directive What: for an old-style (K&R)
/// definition, `f(a, b) int a; double b; {...}`, with the prototype to
/// write; for a declaration `f();`, that it needs one.
std::string oldStyleDefinitionError(const clang::FunctionDecl *FD,
                                    llvm::StringRef What);
/// FD's prototype as C text, `double f(double *a, int n)`.
std::string prototypeText(const clang::FunctionDecl *FD);
/// The variable called Name declared in the outermost block of FD's body
/// (none or one), which a jit data clause may name besides parameters.
std::vector<const clang::VarDecl *> topLevelLocals(const clang::FunctionDecl *FD,
                                                   llvm::StringRef Name);

/// True when a data clause's Name is a member, `s.grid` or `p->grid`.
bool isMemberName(llvm::StringRef Name);
/// Empty when a jit data clause of FD may name the member Name (its
/// variable is a parameter or a variable of the body's outermost block, a
/// struct or a pointer to one, with a pointer member of that name); else
/// the rest of the error.
std::string memberClauseError(const clang::FunctionDecl *FD, llvm::StringRef Name);

/// A for loop marked `prange`, and where the marker was written.
struct PrangeLoop {
  const clang::ForStmt *Loop;
  clang::SourceLocation Loc;
  bool ByAttribute; ///< [[ppar::prange]] rather than a pragma
};

/// Called by the attribute spelling [[ppar::prange]] for its loop.
void recordPrangeLoop(clang::ASTContext &Ctx, const clang::ForStmt *Loop,
                      clang::SourceLocation Loc, bool ByAttribute);

/// An annotated function defined in the main file, ready for the passes.
struct AnnotatedFunction {
  clang::FunctionDecl *FD;
  std::vector<FoundAnnotation> Anns;
  std::vector<PrangeLoop> Pranges; ///< in source order

  /// The annotation of directive K, or null.
  const Annotation *find(Directive K) const;
};

class AnnotationBinder {
public:
  AnnotationBinder(clang::ASTContext &Ctx, PragmaTable &Table, DiagSink &Sink)
      : Ctx(Ctx), Table(Table), Sink(Sink) {}

  /// Binds the function pragmas written before DG; call for every top-level
  /// declaration group, in order, while parsing.
  void onTopLevelDecl(clang::DeclGroupRef DG);

  /// Binds prange pragmas, reports leftovers, checks each annotated function.
  std::vector<AnnotatedFunction> finish();

private:
  void bindPrange(const PragmaRecord &R);
  bool checkFunction(const AnnotatedFunction &F);

  clang::ASTContext &Ctx;
  PragmaTable &Table;
  DiagSink &Sink;
  std::vector<clang::FunctionDecl *> Definitions; ///< in source order
  /// Each definition's statements by start, built when a prange needs them.
  llvm::DenseMap<const clang::FunctionDecl *,
           std::vector<std::pair<clang::SourceLocation, const clang::Stmt *>>>
      Ordered;
};

} // namespace ppar

#endif
