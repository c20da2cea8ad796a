//===- MemberVars.cpp -----------------------------------------------------===//

#include "analysis/MemberVars.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <map>

using namespace clang;

namespace ppar {

namespace {

/// What a function does that may change a pointer member during a call.
struct Changes {
  std::map<const FieldDecl *, std::string> Fields; ///< field: why
  std::map<const VarDecl *, std::string> Bases;    ///< variable: why
};

std::string lineOf(SourceLocation Loc, const ASTContext &Ctx) {
  return std::to_string(Ctx.getSourceManager().getPresumedLineNumber(
      Ctx.getSourceManager().getExpansionLoc(Loc)));
}

const RecordDecl *recordOf(QualType T) {
  const RecordDecl *RD = T.isNull() ? nullptr : T->getAsRecordDecl();
  return RD ? RD->getDefinition() : nullptr;
}

class Scan {
public:
  Scan(const ASTContext &Ctx, Changes &Out) : Ctx(Ctx), Out(Out) {}

  void stmt(const Stmt *S) {
    if (!S)
      return;
    if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->isAssignmentOp())
      changed(B->getLHS(), "is assigned at line " + lineOf(B->getOperatorLoc(), Ctx));
    if (const auto *U = dyn_cast<UnaryOperator>(S)) {
      if (U->isIncrementDecrementOp())
        changed(U->getSubExpr(), "changes at line " + lineOf(U->getOperatorLoc(), Ctx));
      if (U->getOpcode() == UO_AddrOf)
        changed(U->getSubExpr(),
                "has its address taken at line " + lineOf(U->getOperatorLoc(), Ctx));
    }
    if (const auto *C = dyn_cast<CallExpr>(S))
      for (const Expr *A : C->arguments()) {
        // A callee given a pointer to a struct may write any member of it.
        QualType T = A->IgnoreParenCasts()->getType();
        if (!T->isPointerType() || T->getPointeeType().isConstQualified())
          continue;
        if (const RecordDecl *RD = recordOf(T->getPointeeType()))
          wholeRecord(RD, "may be written by the function called at line " +
                              lineOf(C->getBeginLoc(), Ctx) + " with a pointer to its struct");
      }
    for (const Stmt *Child : S->children())
      stmt(Child);
  }

private:
  void changed(const Expr *E, const std::string &Why) {
    E = E->IgnoreParens();
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        Out.Fields.try_emplace(F, Why);
    if (const auto *D = dyn_cast<DeclRefExpr>(E))
      if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
        Out.Bases.try_emplace(V, Why);
    // A whole struct stored (`*p = t`, `a[i] = t`) changes all its members.
    if (const RecordDecl *RD = recordOf(E->getType()))
      wholeRecord(RD, Why);
  }

  void wholeRecord(const RecordDecl *RD, const std::string &Why) {
    for (const FieldDecl *F : RD->fields())
      Out.Fields.try_emplace(F, Why);
  }

  const ASTContext &Ctx;
  Changes &Out;
};

const Changes &changesIn(const FunctionDecl *FD) {
  static std::map<const FunctionDecl *, Changes> Known;
  auto [It, New] = Known.try_emplace(FD);
  if (New && FD->getBody())
    Scan(FD->getASTContext(), It->second).stmt(FD->getBody());
  return It->second;
}

/// V is a parameter of its function or a variable of the body's outermost
/// block: declared once per call (one inside a loop is a new variable at
/// each iteration, whose members change with it).
bool oncePerCall(const VarDecl *V) {
  if (isa<ParmVarDecl>(V))
    return true;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(V->getParentFunctionOrMethod());
  const auto *Body = FD ? dyn_cast_or_null<CompoundStmt>(FD->getBody()) : nullptr;
  if (!Body)
    return false;
  for (const Stmt *S : Body->body())
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (D == V)
          return true;
  return false;
}

/// A member of a struct (not a union), not volatile, whose struct is not
/// volatile either.
bool plainMember(const MemberExpr *ME, const FieldDecl *F) {
  QualType Base = ME->getBase()->getType();
  if (ME->isArrow())
    Base = Base->isPointerType() ? Base->getPointeeType() : QualType();
  return !Base.isNull() && !Base.isVolatileQualified() && Base->isStructureType() &&
         !F->getType().isVolatileQualified() && !F->getParent()->isUnion();
}

/// The base variable, field, arrow and path of ME when it has the shape of
/// a member variable (whatever the function does with it), else nullopt:
/// a pointer member reached from the variable through members of struct
/// type only (`v.f`, `v->f`, `v->a.f`, `v.a.b.f`), no pointer loaded on the
/// way.
std::optional<MemberOf> shapeOf(const MemberExpr *ME) {
  const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!F || !plainMember(ME, F))
    return std::nullopt;
  QualType FT = F->getType();
  if (!FT->isPointerType() || FT->getPointeeType()->isFunctionType())
    return std::nullopt;
  std::vector<const FieldDecl *> Path;
  const MemberExpr *Up = ME;
  // `.a` members of struct type between the variable and the pointer.
  while (!Up->isArrow()) {
    const auto *Inner = dyn_cast<MemberExpr>(Up->getBase()->IgnoreParens());
    if (!Inner)
      break;
    const auto *G = dyn_cast<FieldDecl>(Inner->getMemberDecl());
    if (!G || !G->getType()->isStructureType() || !plainMember(Inner, G) || Path.size() > 8)
      return std::nullopt;
    Path.insert(Path.begin(), G);
    Up = Inner;
  }
  const auto *D = dyn_cast<DeclRefExpr>(Up->getBase()->IgnoreParenImpCasts());
  const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
  if (!V || !V->hasLocalStorage() || !oncePerCall(V) || V->getType().isVolatileQualified())
    return std::nullopt;
  if (Up->isArrow() != V->getType()->isPointerType())
    return std::nullopt;
  return MemberOf{V, F, Up->isArrow(), Path};
}

struct Registry {
  std::map<std::pair<const VarDecl *, std::vector<const FieldDecl *>>, const VarDecl *> Vars;
  std::map<const VarDecl *, MemberOf> Of;
};

Registry &registry() {
  static Registry R;
  return R;
}

} // namespace

std::string memberUnstable(const MemberExpr *ME) {
  std::optional<MemberOf> M = shapeOf(ME);
  if (!M)
    return "";
  const auto *FD = cast<FunctionDecl>(M->Base->getParentFunctionOrMethod());
  const Changes &C = changesIn(FD);
  // The pointer, or a struct on the way to it (`s->a = t` stores all of a).
  std::vector<const FieldDecl *> Fields = M->Path;
  Fields.push_back(M->Field);
  for (const FieldDecl *F : Fields)
    if (auto It = C.Fields.find(F); It != C.Fields.end())
      return "the member '" + F->getNameAsString() + "' " + It->second;
  if (auto It = C.Bases.find(M->Base); It != C.Bases.end())
    return "'" + M->Base->getNameAsString() + "' " + It->second;
  return "";
}

std::string changingMember(const Expr *Access) {
  const Expr *E = Access;
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      E = A->getBase();
      continue;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref) {
      E = U->getSubExpr();
      continue;
    }
    if (const auto *B = dyn_cast<BinaryOperator>(E); B && B->isAdditiveOp()) {
      E = B->getLHS()->getType()->isPointerType() ? B->getLHS() : B->getRHS();
      continue;
    }
    const auto *ME = dyn_cast<MemberExpr>(E);
    if (!ME)
      return "";
    std::string Why = memberUnstable(ME);
    if (!Why.empty()) {
      const ASTContext &Ctx = ME->getMemberDecl()->getASTContext();
      const SourceManager &SM = Ctx.getSourceManager();
      CharSourceRange R = SM.getExpansionRange(ME->getSourceRange());
      std::string Text =
          Lexer::getSourceText(R, SM, Ctx.getLangOpts()).str();
      return "the pointer member '" + Text + "', which changes during the call (" + Why + ")";
    }
    if (ME->isArrow())
      E = ME->getBase();
    else
      return "";
  }
  return "";
}

const VarDecl *memberVar(const MemberExpr *ME) {
  std::optional<MemberOf> M = shapeOf(ME);
  if (!M || !memberUnstable(ME).empty())
    return nullptr;
  Registry &R = registry();
  std::vector<const FieldDecl *> Key = M->Path;
  Key.push_back(M->Field);
  auto [It, New] = R.Vars.try_emplace({M->Base, Key}, nullptr);
  if (!New)
    return It->second;
  ASTContext &Ctx = const_cast<ASTContext &>(M->Base->getASTContext());
  std::string Name = M->Base->getNameAsString() + (M->Arrow ? "->" : ".");
  for (const FieldDecl *F : M->Path)
    Name += F->getNameAsString() + ".";
  Name += M->Field->getNameAsString();
  QualType T = M->Field->getType().getUnqualifiedType();
  auto *DC = const_cast<DeclContext *>(M->Base->getDeclContext());
  SourceLocation Loc = M->Base->getLocation();
  VarDecl *V = VarDecl::Create(Ctx, DC, Loc, Loc, &Ctx.Idents.get(Name), T,
                               Ctx.getTrivialTypeSourceInfo(T, Loc), SC_None);
  It->second = V;
  R.Of.emplace(V, *M);
  return V;
}

const VarDecl *memberVarOf(const Expr *E) {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  return ME ? memberVar(ME) : nullptr;
}

const MemberOf *memberOf(const VarDecl *V) {
  Registry &R = registry();
  auto It = R.Of.find(V);
  return It == R.Of.end() ? nullptr : &It->second;
}

std::string kernelName(const VarDecl *V) {
  if (const MemberOf *M = memberOf(V)) {
    std::string Name = "__ppar_m_" + M->Base->getNameAsString();
    for (const FieldDecl *F : M->Path)
      Name += "_" + F->getNameAsString();
    return Name + "_" + M->Field->getNameAsString();
  }
  return V->getNameAsString();
}

} // namespace ppar
