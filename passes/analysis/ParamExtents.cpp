//===- ParamExtents.cpp ---------------------------------------------------===//

#include "analysis/ParamExtents.h"
#include "analysis/Accesses.h"
#include "analysis/Dependence.h"
#include "analysis/LoopShape.h"
#include "analysis/MemRefs.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"
#include <map>

using namespace clang;

namespace ppar {

namespace {

/// How many times S names V.
unsigned countRefs(const Stmt *S, const VarDecl *V) {
  struct Counter : RecursiveASTVisitor<Counter> {
    const VarDecl *V;
    unsigned N = 0;
    bool VisitDeclRefExpr(DeclRefExpr *E) {
      N += E->getDecl() == V;
      return true;
    }
  } C;
  C.V = V;
  C.TraverseStmt(const_cast<Stmt *>(S));
  return C.N;
}

/// The outermost loop of FD around S; null when S is in none. Sets
/// Unbounded when one of them is not a for loop.
const Stmt *outermostLoop(const Stmt *S, ASTContext &Ctx, bool &Unbounded) {
  const Stmt *Outer = nullptr;
  DynTypedNodeList Parents = Ctx.getParents(*S);
  while (!Parents.empty()) {
    const Stmt *P = Parents[0].get<Stmt>();
    if (!P)
      break;
    if (isa<WhileStmt, DoStmt>(P))
      Unbounded = true;
    if (isa<ForStmt, WhileStmt, DoStmt>(P))
      Outer = P;
    Parents = Ctx.getParents(*P);
  }
  return Outer;
}

/// The one bound left of Candidates (analysis/Affine's extremes), or
/// nullopt when they differ in more than their constants.
std::optional<Affine> single(const std::vector<Affine> &Candidates, bool Least) {
  std::vector<Affine> Left = extremes(Candidates, Least);
  return Left.size() == 1 ? std::optional<Affine>(Left.front()) : std::nullopt;
}

} // namespace

std::optional<ParamExtent> paramExtent(const FunctionDecl *FD, const ParmVarDecl *P,
                                       Purity &Pure) {
  const Stmt *Body = FD->getBody();
  QualType Pointee = P->getType()->getPointeeType();
  if (!Body || Pointee.isNull() || Pointee->isVoidType() || Pointee->isIncompleteType() ||
      Pointee->isFunctionType())
    return std::nullopt;
  ASTContext &Ctx = FD->getASTContext();
  Accesses All = collectAccesses(Body);
  auto Assigned = [&](const VarDecl *V) {
    auto It = All.Vars.find(V);
    return It != All.Vars.end() && (It->second.written() || It->second.escapes());
  };
  if (Assigned(P))
    return std::nullopt;
  // Every mention of p must be the base of an access: nothing else may see
  // the pointer (a call it is passed to, a copy, arithmetic kept aside).
  MemRefs Refs = collectMemRefs(Body);
  std::vector<const MemRef *> Mine;
  for (const MemRef &R : Refs.Refs)
    if (R.Base == P)
      Mine.push_back(&R);
  if (Mine.empty() || countRefs(Body, P) != Mine.size())
    return std::nullopt;

  // A bound may name only parameters the body never changes.
  auto IsParam = [&](const VarDecl *V) {
    const auto *PV = dyn_cast<ParmVarDecl>(V);
    return PV && PV->getDeclContext() == FD && V->getType()->isIntegerType() && !Assigned(V);
  };
  ParamExtent Out;
  std::vector<Affine> Firsts, Lasts;
  std::map<const Stmt *, LoopDependences> Loops; // by outermost loop
  for (const MemRef *R : Mine) {
    Out.Read |= R->Read;
    Out.Write |= R->Write;
    if (R->Subscripts.size() > 1)
      return std::nullopt; // p[i][j] of a pointer to arrays: not yet
    bool Unbounded = false;
    const Stmt *Loop = outermostLoop(R->Access, Ctx, Unbounded);
    if (Unbounded)
      return std::nullopt;
    if (!Loop) {
      Affine Index;
      if (!R->Subscripts.empty() && R->Subscripts[0].E) {
        std::optional<Affine> A = toAffine(
            R->Subscripts[0].E, Ctx, [](const VarDecl *) { return false; }, IsParam);
        if (!A)
          return std::nullopt;
        Index = R->Subscripts[0].Negated ? A->scaled(-1) : *A;
      }
      Firsts.push_back(Index);
      Lasts.push_back(Index);
      continue;
    }
    auto It = Loops.find(Loop);
    if (It == Loops.end()) {
      ShapeProblem Problem;
      std::optional<CanonicalLoop> Shape = checkLoopShape(cast<ForStmt>(Loop), Problem);
      if (!Shape)
        return std::nullopt;
      It = Loops.emplace(Loop, testDependences(*Shape, FD, Pure)).first;
    }
    const TouchedData *T = nullptr;
    for (const TouchedData &D : It->second.Touched)
      if (D.Base == P)
        T = &D;
    if (!T || !T->Known || T->Range.Least.size() != 1)
      return std::nullopt;
    llvm::append_range(Firsts, T->Range.Least[0]);
    llvm::append_range(Lasts, T->Range.Most[0]);
  }
  std::optional<Affine> First = single(Firsts, true), Last = single(Lasts, false);
  if (!First || !Last)
    return std::nullopt;
  for (const Affine *A : {&*First, &*Last})
    for (const AffineTerm &T : A->Terms) {
      if (T.LoopVar)
        return std::nullopt;
      for (const VarDecl *S : T.Symbols)
        if (!IsParam(S))
          return std::nullopt;
    }
  Out.First = *First;
  Out.Last = *Last;
  return Out;
}

} // namespace ppar
