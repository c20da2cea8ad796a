//===- Vectorize.cpp ------------------------------------------------------===//

#include "Vectorize.h"
#include "SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Scope.h"
#include "clang/Sema/Sema.h"

using namespace clang;

namespace ppar {


std::string vectorizedName(const FunctionDecl *F, const Annotation &Vec) {
  return Vec.Name.empty() ? F->getNameAsString() + "_vec" : Vec.Name;
}

void declareVectorized(Sema &S, FunctionDecl *F, const Annotation &Vec) {
  ASTContext &Ctx = S.getASTContext();
  IdentifierInfo &Id = Ctx.Idents.get(vectorizedName(F, Vec));
  LookupResult Found(S, &Id, F->getLocation(), Sema::LookupOrdinaryName);
  if (S.LookupName(Found, S.TUScope))
    return; // declared by the user (PPAR_VECTORIZE_DECL)
  // void f_vec(size_t n, const A1 *a1, ..., R *out)
  std::vector<QualType> Params{Ctx.getSizeType()};
  for (const ParmVarDecl *PV : F->parameters())
    Params.push_back(Ctx.getPointerType(PV->getType().getUnqualifiedType().withConst()));
  Params.push_back(Ctx.getPointerType(F->getReturnType().getUnqualifiedType()));
  QualType Type = Ctx.getFunctionType(Ctx.VoidTy, Params, FunctionProtoType::ExtProtoInfo());
  SourceLocation Loc = F->getLocation();
  auto *Decl = FunctionDecl::Create(Ctx, Ctx.getTranslationUnitDecl(), Loc, Loc,
                                    DeclarationName(&Id), Type,
                                    Ctx.getTrivialTypeSourceInfo(Type, Loc),
                                    F->getStorageClass() == SC_Static ? SC_Static : SC_None);
  std::vector<ParmVarDecl *> Parms;
  for (QualType P : Params)
    Parms.push_back(ParmVarDecl::Create(Ctx, Decl, Loc, Loc, nullptr, P,
                                        Ctx.getTrivialTypeSourceInfo(P, Loc),
                                        SC_None, nullptr));
  Decl->setParams(Parms);
  Decl->setImplicit();
  S.PushOnScopeChains(Decl, S.TUScope);
}

bool emitVectorized(Rewriter &Main, const AnnotatedFunction &F, Purity &P,
                    DiagSink &Sink, bool Report) {
  const Annotation *Vec = F.find(Directive::Vectorize);
  if (!Vec)
    return false;
  const FunctionDecl *FD = F.FD;
  const ASTContext &Ctx = FD->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Body = cast<CompoundStmt>(FD->getBody());
  if (Body->getRBracLoc().isMacroID()) {
    Sink.error(FD->getLocation(), "'" + FD->getNameAsString() +
                                      "' is defined by a macro expansion, "
                                      "which ppar cannot rewrite");
    return false;
  }
  PrintingPolicy Policy(Ctx.getLangOpts());
  std::string Name = vectorizedName(FD, *Vec);
  Target T = Vec->TargetKind.value_or(Target::Cpu);
  bool Parallel = T != Target::Cpu;
  if (T == Target::Cuda)
    Sink.warning(F.Anns.front().Loc,
                 "'vectorize(target=cuda)' is not implemented yet; '" + Name +
                     "' runs on the CPU cores instead");
  if (Parallel && !P.isPure(FD)) {
    Sink.warning(F.Anns.front().Loc,
                 "'" + Name + "' runs serially: calls of '" +
                     FD->getNameAsString() + "' may not run at once, since " +
                     P.whyNot(FD).substr(std::string("it calls ").size()));
    Parallel = false;
  }

  // void name(size_t n, const A1 *a1, ..., R *out). After the overlap
  // check the pointers are copied to restrict locals, so the compiler
  // vectorizes the loop without checks of its own (where f allows); an
  // `omp simd` would warn whenever it cannot.
  std::string Params = "__SIZE_TYPE__ n", Args, RestrictArgs, Checks, Locals;
  unsigned K = 0;
  for (const ParmVarDecl *PV : FD->parameters()) {
    std::string A = "a" + std::to_string(++K);
    std::string T = PV->getType().getUnqualifiedType().getAsString(Policy);
    Params += ", const " + T + " *" + A;
    Args += (Args.empty() ? "" : ", ") + A + "[i]";
    RestrictArgs += (RestrictArgs.empty() ? "" : ", ") + std::string("r") + A + "[i]";
    Locals += "const " + T + " *restrict r" + A + " = " + A + "; ";
    Checks += " && (out == (const void *)" + A + " || __ppar_rt_disjoint(out, out + n, " +
              A + ", " + A + " + n))";
  }
  std::string Ret = FD->getReturnType().getUnqualifiedType().getAsString(Policy);
  Params += ", " + Ret + " *out";
  Locals += Ret + " *restrict rout = out; ";
  std::string Storage = FD->getStorageClass() == SC_Static ? "static " : "";
  std::string Call = FD->getNameAsString();
  std::string Loop = "for (__SIZE_TYPE__ i = 0; i < n; i++) out[i] = " + Call +
                     "(" + Args + ");";
  std::string Fast = "for (__SIZE_TYPE__ i = 0; i < n; i++) rout[i] = " + Call +
                     "(" + RestrictArgs + ");";
  std::string Directive = "omp parallel for schedule(static) "
                          "num_threads(__ppar_rt_num_threads())";
  if (Parallel)
    Fast = "_Pragma(\"" + Directive + "\") " + Fast;
  PresumedLoc Def = SM.getPresumedLoc(FD->getLocation());
  PresumedLoc Close = SM.getPresumedLoc(Body->getRBracLoc());
  std::string File = quoted(Def.getFilename());
  // Identical pointers are no hazard for an element-wise loop; a partial
  // overlap is, and takes the plain loop.
  std::string Text =
      "\n#line " + std::to_string(Def.getLine()) + " " + File + "\n" + Storage +
      "void " + Name + "(" + Params + ") { static struct __ppar_rt_fn __ppar_fn = {" +
      quoted(Name) + ", " + File + ", " + std::to_string(Def.getLine()) +
      ", 1u << __PPAR_RT_CPU, __PPAR_RT_TARGET_CPU, 0}; if (__ppar_rt_choose(&__ppar_fn) == "
      "__PPAR_RT_CPU" + Checks + ") { " + Locals + Fast + " return; } " + Loop +
      " }\n#line " + std::to_string(Close.getLine()) + " " + File + "\n" +
      padding(SM, Body->getRBracLoc(),
              SM.getPresumedLoc(Body->getRBracLoc().getLocWithOffset(1)));
  Main.InsertTextAfterToken(Body->getRBracLoc(), Text);
  if (Report)
    Sink.remark(F.Anns.front().Loc,
                "'" + Name + "' generated: " +
                    (Parallel ? Directive : std::string("a serial loop the compiler may vectorize")));
  return true;
}

} // namespace ppar
