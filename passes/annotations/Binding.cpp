//===- Binding.cpp --------------------------------------------------------===//

#include "annotations/Binding.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/Basic/SourceManager.h"
#include <functional>
#include <mutex>

using namespace clang;

namespace ppar {

static const char AttrPrefix[] = "ppar.";

void attachAnnotation(ASTContext &Ctx, Decl *D, const Annotation &A,
                      SourceRange Range) {
  D->addAttr(AnnotateAttr::Create(Ctx, AttrPrefix + A.str(), nullptr, 0, Range));
}

std::vector<FoundAnnotation> annotationsOf(const Decl *D) {
  std::vector<FoundAnnotation> Found;
  for (const AnnotateAttr *A : D->specific_attrs<AnnotateAttr>()) {
    llvm::StringRef Text = A->getAnnotation();
    if (!Text.consume_front(AttrPrefix))
      continue;
    // Attached only after a successful parse, so this parse cannot fail.
    ParseResult R = parseAnnotation(Text.str());
    if (R.Value)
      Found.push_back({std::move(*R.Value), A->getLocation()});
  }
  return Found;
}

const Annotation *AnnotatedFunction::find(Directive K) const {
  for (const FoundAnnotation &F : Anns)
    if (F.Ann.Kind == K)
      return &F.Ann;
  return nullptr;
}

// The attribute spelling of prange meets its loop during the parse, before
// the binder exists; keep those loops per AST until finish() collects them.
static std::mutex LoopsLock;
static llvm::DenseMap<const ASTContext *, std::vector<PrangeLoop>> &attrLoops() {
  static llvm::DenseMap<const ASTContext *, std::vector<PrangeLoop>> M;
  return M;
}

void recordPrangeLoop(ASTContext &Ctx, const ForStmt *Loop, SourceLocation Loc,
                      bool ByAttribute) {
  std::lock_guard<std::mutex> G(LoopsLock);
  attrLoops()[&Ctx].push_back({Loop, Loc, ByAttribute});
}

static std::vector<PrangeLoop> takeAttrLoops(const ASTContext &Ctx) {
  std::lock_guard<std::mutex> G(LoopsLock);
  auto It = attrLoops().find(&Ctx);
  if (It == attrLoops().end())
    return {};
  std::vector<PrangeLoop> Loops = std::move(It->second);
  attrLoops().erase(It);
  return Loops;
}

std::string prototypeText(const FunctionDecl *FD) {
  PrintingPolicy Policy(FD->getASTContext().getLangOpts());
  std::string Params;
  for (const ParmVarDecl *P : FD->parameters()) {
    std::string Decl = P->getName().str();
    P->getType().getAsStringInternal(Decl, Policy);
    Params += (Params.empty() ? "" : ", ") + Decl;
  }
  return FD->getReturnType().getAsString(Policy) + " " +
         FD->getNameAsString() + "(" + (Params.empty() ? "void" : Params) + ")";
}

std::string oldStyleDefinitionError(const FunctionDecl *FD,
                                    llvm::StringRef What) {
  std::string Name = FD->getNameAsString();
  if (FD->hasWrittenPrototype())
    return "";
  if (FD->getNumParams() == 0) {
    if (FD->doesThisDeclarationHaveABody())
      return "";
    // A declaration `f();` says nothing of the parameters.
    return "'" + Name + "' needs a prototype for '" + What.str() +
           "'; write its parameter types, e.g. " + Name + "(void)";
  }
  return "'" + What.str() + "' cannot be applied to the old-style (K&R) "
         "definition of '" + Name + "'; declare its parameters in the "
         "parentheses: " + prototypeText(FD);
}

static std::string pragmaName(const PragmaRecord &R) {
  return std::string("'#pragma ppar ") + directiveName(R.Ann.Kind) + "'";
}

/// What a declaration is, in words, for "must be followed by" errors.
static const char *describe(const Decl *D) {
  if (isa<VarDecl>(D))
    return "a variable";
  if (isa<TypedefNameDecl>(D))
    return "a typedef";
  if (isa<TagDecl>(D))
    return "a type declaration";
  if (isa<FunctionDecl>(D))
    return "a function";
  return "a declaration that is not a function";
}

void AnnotationBinder::onTopLevelDecl(DeclGroupRef DG) {
  if (DG.begin() == DG.end())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  Decl *First = *DG.begin();
  SourceLocation Begin = SM.getExpansionLoc(First->getBeginLoc());
  SourceLocation End = SM.getExpansionLoc(First->getEndLoc());
  for (Decl *D : DG)
    End = SM.getExpansionLoc(D->getEndLoc());

  auto *FD = DG.isSingleDecl() ? dyn_cast<FunctionDecl>(First) : nullptr;
  if (FD && FD->doesThisDeclarationHaveABody())
    Definitions.push_back(FD);

  for (PragmaRecord &R : Table.Records) {
    if (R.Bound || appliesToLoop(R.Ann.Kind))
      continue;
    if (SM.isBeforeInTranslationUnit(End, R.Loc))
      continue; // belongs to a later declaration
    R.Bound = true;
    if (!SM.isBeforeInTranslationUnit(R.Loc, Begin)) {
      Sink.error(R.Loc, pragmaName(R) +
                            " must be placed before a function definition, "
                            "not inside one");
      continue;
    }
    if (!FD) {
      Sink.error(R.Loc, pragmaName(R) + " must be followed by a function "
                                        "definition, but it is followed by " +
                            (DG.isSingleDecl() ? describe(First)
                                               : "several declarations"));
      continue;
    }
    attachAnnotation(Ctx, FD, R.Ann, SourceRange(R.Loc));
  }
}

/// The statements of Body in order of where they start; an outer statement
/// before the inner ones that start at the same place.
static std::vector<std::pair<SourceLocation, const Stmt *>>
statementsInOrder(const Stmt *Body, const SourceManager &SM) {
  std::vector<std::pair<SourceLocation, const Stmt *>> Out;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    Out.push_back({SM.getExpansionLoc(S->getBeginLoc()), S});
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(Body);
  // Stable: an outer statement stays before the inner ones at its place.
  llvm::stable_sort(Out, [&](const auto &A, const auto &B) {
    return A.first != B.first && SM.isBeforeInTranslationUnit(A.first, B.first);
  });
  return Out;
}

void AnnotationBinder::bindPrange(const PragmaRecord &R) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (FunctionDecl *FD : Definitions) {
    SourceRange Body = FD->getBody()->getSourceRange();
    SourceLocation B = SM.getExpansionLoc(Body.getBegin());
    SourceLocation E = SM.getExpansionLoc(Body.getEnd());
    if (!SM.isBeforeInTranslationUnit(B, R.Loc) ||
        !SM.isBeforeInTranslationUnit(R.Loc, E))
      continue;
    auto &Stmts = Ordered[FD];
    if (Stmts.empty())
      Stmts = statementsInOrder(FD->getBody(), SM);
    auto Next = std::upper_bound(
        Stmts.begin(), Stmts.end(), R.Loc,
        [&](SourceLocation L, const std::pair<SourceLocation, const Stmt *> &E) {
          return SM.isBeforeInTranslationUnit(L, E.first);
        });
    const Stmt *Best = Next == Stmts.end() ? nullptr : Next->second;
    if (const auto *Loop = dyn_cast_or_null<ForStmt>(Best))
      recordPrangeLoop(Ctx, Loop, R.Loc, /*ByAttribute=*/false);
    else
      Sink.error(R.Loc, "'prange' must be followed by a for loop");
    return;
  }
  Sink.error(R.Loc, "'prange' must be followed by a for loop inside a "
                    "function definition");
}

static bool isArithmetic(QualType T) {
  T = T.getCanonicalType();
  return T->isArithmeticType() && !T->isAnyComplexType();
}

bool AnnotationBinder::checkFunction(const AnnotatedFunction &F) {
  FunctionDecl *FD = F.FD;
  std::string Name = FD->getNameAsString();
  bool Ok = true;
  auto Fail = [&](SourceLocation L, const std::string &Msg) {
    Sink.error(L, Msg);
    Ok = false;
  };

  // Two annotations of one kind must agree (a prototype's are inherited).
  for (size_t I = 0; I < F.Anns.size(); ++I)
    for (size_t J = 0; J < I; ++J)
      if (F.Anns[I].Ann.Kind == F.Anns[J].Ann.Kind &&
          F.Anns[I].Ann.str() != F.Anns[J].Ann.str())
        Fail(F.Anns[I].Loc, "conflicting '" +
                                std::string(directiveName(F.Anns[I].Ann.Kind)) +
                                "' annotations on '" + Name + "': '" +
                                F.Anns[J].Ann.str() + "' and '" +
                                F.Anns[I].Ann.str() + "'");

  const char *What = directiveName(F.Anns.front().Ann.Kind);
  std::string OldStyle = oldStyleDefinitionError(FD, What);
  if (!OldStyle.empty())
    Fail(FD->getLocation(), OldStyle);
  if (FD->isVariadic())
    Fail(FD->getLocation(),
         "'" + std::string(What) + "' cannot be applied to the variadic "
                                   "function '" + Name + "'");
  for (const ParmVarDecl *P : FD->parameters())
    if (P->getName().empty())
      Fail(P->getLocation(), "every parameter of '" + Name +
                                 "' needs a name for '" + What + "'");

  if (F.find(Directive::Vectorize)) {
    if (FD->getNumParams() == 0)
      Fail(FD->getLocation(), "'vectorize' maps a function over arrays of its "
                              "arguments, but '" + Name + "' has no parameters");
    for (const ParmVarDecl *P : FD->parameters())
      if (!isArithmetic(P->getType()))
        Fail(P->getLocation(),
             "'vectorize' needs arithmetic parameters, but '" +
                 P->getNameAsString() + "' of '" + Name + "' has type '" +
                 P->getType().getAsString() + "'");
    if (!isArithmetic(FD->getReturnType()))
      Fail(FD->getLocation(), "'vectorize' needs an arithmetic return type, "
                              "but '" + Name + "' returns '" +
                                  FD->getReturnType().getAsString() + "'");
  }

  for (const FoundAnnotation &A : F.Anns)
    for (const DataClause &C : A.Ann.Data) {
      if (A.Ann.Kind == Directive::Jit && isMemberName(C.Name)) {
        if (std::string Why = memberClauseError(FD, C.Name); !Why.empty())
          Fail(A.Loc, "'" + C.Name + "' in a data clause of '" + Name + "' " + Why);
        continue;
      }
      const ParmVarDecl *Param = nullptr;
      for (const ParmVarDecl *P : FD->parameters())
        if (P->getName() == C.Name)
          Param = P;
      // jit's clauses may also name a variable of the body's outermost
      // block (a local buffer): its data goes to the GPU with the rest. C
      // gives that block the parameters' scope: one name, one variable.
      std::vector<const VarDecl *> Locals;
      if (A.Ann.Kind == Directive::Jit)
        Locals = topLevelLocals(FD, C.Name);
      std::string What = "'" + C.Name + "' in a data clause of '" + Name + "'";
      if (!Param && Locals.empty())
        Fail(A.Loc, What + (A.Ann.Kind == Directive::Jit
                                ? " is neither one of its parameters nor a variable "
                                  "declared in the outermost block of its body"
                                : " is not one of its parameters"));
      else if (QualType T = Param ? Param->getType() : Locals[0]->getType();
               !T->isPointerType() && !T->isArrayType())
        Fail(A.Loc, What + " is not a pointer or an array");
    }
  return Ok;
}

bool isMemberName(llvm::StringRef Name) {
  return Name.contains('.') || Name.contains("->");
}

std::string memberClauseError(const FunctionDecl *FD, llvm::StringRef Name) {
  bool Arrow = Name.contains("->");
  auto [BaseName, FieldName] = Arrow ? Name.split("->") : Name.split('.');
  const VarDecl *Base = nullptr;
  for (const ParmVarDecl *P : FD->parameters())
    if (P->getName() == BaseName)
      Base = P;
  if (!Base) {
    std::vector<const VarDecl *> Locals = topLevelLocals(FD, BaseName);
    if (Locals.empty())
      return "names '" + BaseName.str() + "', which is neither one of its parameters nor a "
             "variable declared in the outermost block of its body";
    Base = Locals[0];
  }
  QualType T = Base->getType();
  QualType RT = Arrow ? (T->isPointerType() ? T->getPointeeType() : QualType()) : T;
  const RecordDecl *RD = RT.isNull() ? nullptr : RT->getAsRecordDecl();
  if (!RD || !RD->getDefinition())
    return std::string("needs '") + BaseName.str() + "' to be " +
           (Arrow ? "a pointer to a struct" : "a struct") + ", but it is a '" +
           T.getAsString() + "'" +
           (!Arrow && T->isPointerType() ? "; write '" + BaseName.str() + "->" +
                                               FieldName.str() + "'"
                                         : std::string()) +
           (Arrow && T->isRecordType() ? "; write '" + BaseName.str() + "." +
                                             FieldName.str() + "'"
                                       : std::string());
  // Through structs embedded in it: `p->a.grid`.
  for (;;) {
    auto [Here, Rest] = FieldName.split('.');
    const FieldDecl *Found = nullptr;
    for (const FieldDecl *F : RD->getDefinition()->fields())
      if (F->getName() == Here)
        Found = F;
    if (!Found)
      return "names no member of '" + RT.getUnqualifiedType().getAsString() + "'";
    if (Rest.empty())
      return Found->getType()->isPointerType()
                 ? ""
                 : "is not a pointer (only a pointer member's elements can be copied)";
    RT = Found->getType();
    RD = RT->getAsRecordDecl();
    if (!RD || !RD->getDefinition() || !RT->isStructureType())
      return "goes through '" + Here.str() + "', which is not a struct member";
    FieldName = Rest;
  }
}

std::vector<const VarDecl *> topLevelLocals(const FunctionDecl *FD, llvm::StringRef Name) {
  std::vector<const VarDecl *> Out;
  if (const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody()))
    for (const Stmt *S : Body->body())
      if (const auto *DS = dyn_cast<DeclStmt>(S))
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D); V && V->getName() == Name)
            Out.push_back(V);
  return Out;
}

std::vector<AnnotatedFunction> AnnotationBinder::finish() {
  const SourceManager &SM = Ctx.getSourceManager();
  for (PragmaRecord &R : Table.Records) {
    if (R.Bound)
      continue;
    R.Bound = true;
    if (appliesToLoop(R.Ann.Kind))
      bindPrange(R);
    else
      Sink.error(R.Loc, pragmaName(R) +
                            " is not followed by a function definition");
  }

  std::vector<PrangeLoop> Loops = takeAttrLoops(Ctx);
  std::vector<AnnotatedFunction> Result;
  for (FunctionDecl *FD : Definitions) {
    AnnotatedFunction F{FD, annotationsOf(FD), {}};
    SourceRange Body = FD->getBody()->getSourceRange();
    for (const PrangeLoop &L : Loops)
      if (SM.isPointWithin(SM.getExpansionLoc(L.Loop->getBeginLoc()),
                           SM.getExpansionLoc(Body.getBegin()),
                           SM.getExpansionLoc(Body.getEnd())))
        F.Pranges.push_back(L);
    std::sort(F.Pranges.begin(), F.Pranges.end(),
              [&](const PrangeLoop &A, const PrangeLoop &B) {
                return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
              });
    const Annotation *Jit = F.find(Directive::Jit);
    if (!F.Pranges.empty() && !(Jit && Jit->Parallel))
      for (const PrangeLoop &L : F.Pranges)
        Sink.warning(L.Loc, "'prange' outside a jit(parallel) function: the "
                            "loop runs serially");
    if (F.Anns.empty())
      continue;
    if (!SM.isInMainFile(SM.getExpansionLoc(FD->getLocation()))) {
      Sink.warning(FD->getLocation(),
                   "'" + FD->getNameAsString() + "' is defined outside the "
                   "file being compiled; ppar rewrites only that file, so "
                   "its annotations have no effect here");
      continue;
    }
    if (checkFunction(F))
      Result.push_back(std::move(F));
  }
  return Result;
}

} // namespace ppar
