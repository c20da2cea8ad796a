//===- GeneratedDecl.cpp --------------------------------------------------===//

#include "support/GeneratedDecl.h"
#include "clang/AST/ASTContext.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Scope.h"
#include <vector>

using namespace clang;

namespace ppar {

void declareGenerated(Sema &S, const FunctionDecl *Like, llvm::StringRef Name,
                      llvm::ArrayRef<QualType> Params) {
  ASTContext &Ctx = S.getASTContext();
  SourceLocation Loc = Like->getLocation();
  IdentifierInfo &Id = Ctx.Idents.get(Name);
  LookupResult Found(S, &Id, Loc, Sema::LookupOrdinaryName);
  if (S.LookupName(Found, S.TUScope))
    return; // declared by the user
  QualType Type = Ctx.getFunctionType(Ctx.VoidTy, Params, FunctionProtoType::ExtProtoInfo());
  auto *Decl = FunctionDecl::Create(Ctx, Ctx.getTranslationUnitDecl(), Loc, Loc,
                                    DeclarationName(&Id), Type,
                                    Ctx.getTrivialTypeSourceInfo(Type, Loc),
                                    Like->getStorageClass() == SC_Static ? SC_Static : SC_None);
  std::vector<ParmVarDecl *> Parms;
  for (QualType P : Params)
    Parms.push_back(ParmVarDecl::Create(Ctx, Decl, Loc, Loc, nullptr, P,
                                        Ctx.getTrivialTypeSourceInfo(P, Loc), SC_None, nullptr));
  Decl->setParams(Parms);
  Decl->setImplicit();
  S.PushOnScopeChains(Decl, S.TUScope);
}

} // namespace ppar
