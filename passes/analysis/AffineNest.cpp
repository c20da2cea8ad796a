//===- AffineNest.cpp -----------------------------------------------------===//

#include "analysis/AffineNest.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace ppar {

bool AffineNest::isLoopVar(const VarDecl *V) const { return indexOf(V).has_value(); }

std::optional<size_t> AffineNest::indexOf(const VarDecl *V) const {
  for (size_t I = 0; I < Vars.size(); ++I)
    if (Vars[I].Var == V)
      return I;
  return std::nullopt;
}

const NestVar *AffineNest::var(const VarDecl *V) const {
  std::optional<size_t> I = indexOf(V);
  return I ? &Vars[*I] : nullptr;
}

bool AffineNest::isInvariant(const VarDecl *V) const {
  if (isLoopVar(V) || Written.declares(V))
    return false;
  auto It = Written.Vars.find(V);
  return It == Written.Vars.end() ||
         (!It->second.written() && !It->second.escapes());
}

std::optional<Affine> AffineNest::affine(const Expr *E) const {
  return toAffine(
      E, Ctx, [&](const VarDecl *V) { return isLoopVar(V); },
      [&](const VarDecl *V) { return isInvariant(V); },
      [&](const VarDecl *V) { return Fixed->valueOf(V); });
}

std::optional<Affine> AffineNest::affineAt(const Expr *E, const Expr *At) const {
  return toAffine(
      E, Ctx, [&](const VarDecl *V) { return isLoopVar(V); },
      [&](const VarDecl *V) { return isInvariant(V); },
      [&](const VarDecl *V) {
        std::optional<Affine> D = definition(V, At);
        return D ? D : Fixed->valueOf(V);
      });
}

std::optional<std::vector<Affine>> AffineNest::subscripts(const MemRef &R) const {
  std::vector<Affine> Out;
  for (const Subscript &S : R.Subscripts) {
    if (!S.E) {
      Out.push_back(Affine{});
      continue;
    }
    std::optional<Affine> A = affineAt(S.E, R.Access);
    if (!A)
      return std::nullopt;
    Out.push_back(S.Negated ? A->scaled(-1) : *A);
  }
  return Out;
}

namespace {

/// How many times a statement may assign V (each assignment, ++, --,
/// initialiser).
struct WriteCounter : RecursiveASTVisitor<WriteCounter> {
  const VarDecl *V;
  unsigned N = 0;
  explicit WriteCounter(const VarDecl *V) : V(V) {}
  bool VisitBinaryOperator(BinaryOperator *BO) {
    N += BO->isAssignmentOp() && asVar(BO->getLHS()) == V;
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    N += UO->isIncrementDecrementOp() && asVar(UO->getSubExpr()) == V;
    return true;
  }
  bool VisitVarDecl(VarDecl *D) {
    N += D == V && D->getInit();
    return true;
  }
};

unsigned countWrites(const Stmt *S, const VarDecl *V) {
  WriteCounter C(V);
  C.TraverseStmt(const_cast<Stmt *>(S));
  return C.N;
}

/// The value Def gives V when Def is `V = e;` or `T V = e;`, else null.
const Expr *assignedValue(const Stmt *Def, const VarDecl *V) {
  if (const auto *BO = dyn_cast<BinaryOperator>(Def))
    return BO->getOpcode() == BO_Assign && asVar(BO->getLHS()) == V ? BO->getRHS()
                                                                     : nullptr;
  if (const auto *DS = dyn_cast<DeclStmt>(Def))
    if (DS->isSingleDecl() && DS->getSingleDecl() == V)
      return V->getInit();
  return nullptr;
}

bool hasJumps(const Stmt *S) {
  if (!S)
    return false;
  if (isa<BreakStmt, ContinueStmt, ReturnStmt, GotoStmt, IndirectGotoStmt, LabelStmt>(S))
    return true;
  for (const Stmt *C : S->children())
    if (hasJumps(C))
      return true;
  return false;
}

} // namespace

// The definition reaches At when it is a statement of a block around At,
// before the statement that holds At, and nothing else in L writes K: every
// iteration that runs At ran the definition first, in the same run of the
// block, where the loop variables it reads have the values they have at At.
std::optional<Affine> AffineNest::definition(const VarDecl *K, const Expr *At) const {
  if (!K->hasLocalStorage() || !K->getType()->isIntegerType() ||
      K->getType().isVolatileQualified() || isLoopVar(K))
    return std::nullopt;
  auto It = Written.Vars.find(K);
  // A label is the one way in that could skip the definition.
  if (It == Written.Vars.end() || It->second.escapes() || !Written.Labels.empty() ||
      countWrites(Root, K) != 1)
    return std::nullopt;
  const Stmt *Child = At;
  for (const Stmt *P = Parents->getParent(Child); P && Child != Root;
       Child = P, P = Parents->getParent(P)) {
    const auto *Block = dyn_cast<CompoundStmt>(P);
    if (!Block)
      continue;
    const Expr *Value = nullptr;
    for (const Stmt *S : Block->body()) {
      if (S == Child)
        break;
      if (const Expr *E = assignedValue(S, K))
        Value = E;
    }
    if (!Value)
      continue;
    std::optional<Affine> A = affine(Value);
    if (!A)
      return std::nullopt;
    // Every loop variable it reads belongs to a loop around the block.
    for (const AffineTerm &T : A->Terms) {
      if (!T.LoopVar)
        continue;
      const Stmt *Up = Block;
      while (Up && Up != var(T.LoopVar)->Loop)
        Up = Parents->getParent(Up);
      if (!Up)
        return std::nullopt;
    }
    return A;
  }
  return std::nullopt;
}

AccessPlace AffineNest::place(const Expr *Access) const {
  AccessPlace Out;
  Out.Exact = !Jumps;
  const Stmt *Child = Access;
  for (const Stmt *P = Parents->getParent(Child); P;
       Child = P, P = Parents->getParent(P)) {
    if (const auto *F = dyn_cast<ForStmt>(P)) {
      std::optional<size_t> I;
      for (size_t K = 0; K < Vars.size(); ++K)
        if (Vars[K].Loop == F)
          I = K;
      if (Child != F->getBody() || !I) {
        Out.Exact = false;
      } else {
        Out.Loops.insert(Out.Loops.begin(), *I);
        const NestVar &N = Vars[*I];
        Out.Exact &= N.Lower && N.Upper && N.ConstStep;
      }
      if (F == Root)
        break;
    } else if (const auto *If = dyn_cast<IfStmt>(P)) {
      // Depth counts the loops inside the `if` for now; fixed below.
      if (Child == If->getThen() || Child == If->getElse())
        Out.Conditions.insert(Out.Conditions.begin(),
                              {If->getCond(), Child == If->getThen(), Out.Loops.size()});
    } else if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P)) {
      Out.Exact &= Child == CO->getCond();
    } else if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      Out.Exact &= !BO->isLogicalOp() || Child == BO->getLHS();
    } else if (isa<WhileStmt, DoStmt, SwitchStmt, SwitchCase, StmtExpr>(P)) {
      Out.Exact = false;
    }
  }
  for (AccessPlace::Condition &C : Out.Conditions)
    C.Depth = Out.Loops.size() - C.Depth;
  return Out;
}

void collectLoops(const Stmt *S, std::vector<const ForStmt *> &Out) {
  if (!S)
    return;
  if (const auto *F = dyn_cast<ForStmt>(S))
    Out.push_back(F);
  for (const Stmt *C : S->children())
    collectLoops(C, Out);
}

namespace {

/// The inclusive range of H's variable, as affine forms, when known.
void rangeOf(const LoopHeader &H, const AffineNest &C, NestVar &N) {
  std::optional<Affine> Init = C.affine(H.Init), Bound = C.affine(H.Bound);
  N.ConstStep = H.ConstStep;
  if (!Init || !Bound || !H.ConstStep)
    return;
  Affine One;
  One.Constant = 1;
  bool Up = *H.ConstStep > 0;
  switch (H.Cmp) {
  case BO_LT:
    if (Up) N.Lower = *Init, N.Upper = *Bound - One;
    break;
  case BO_LE:
    if (Up) N.Lower = *Init, N.Upper = *Bound;
    break;
  case BO_GT:
    if (!Up) N.Upper = *Init, N.Lower = *Bound + One;
    break;
  case BO_GE:
    if (!Up) N.Upper = *Init, N.Lower = *Bound;
    break;
  case BO_NE:
    if (*H.ConstStep == 1) N.Lower = *Init, N.Upper = *Bound - One;
    if (*H.ConstStep == -1) N.Upper = *Init, N.Lower = *Bound + One;
    break;
  default:
    break;
  }
}

} // namespace

AffineNest makeNest(const CanonicalLoop &L) {
  AffineNest C{L.Var->getASTContext(), L.Loop, {}, collectAccesses(L.Loop), {}, false,
               std::make_shared<FixedLocals>()};
  C.Parents = std::make_shared<ParentMap>(const_cast<ForStmt *>(L.Loop));
  C.Jumps = hasJumps(L.Loop->getBody());
  std::vector<const ForStmt *> Loops;
  collectLoops(L.Loop->getBody(), Loops);
  C.Vars.push_back({L.Loop, L.Var, {}, {}, {}});
  std::vector<LoopHeader> Headers{L.Header};
  for (const ForStmt *F : Loops)
    if (std::optional<LoopHeader> H = readHeader(F)) {
      C.Vars.push_back({F, H->Var, {}, {}, {}});
      Headers.push_back(*H);
    }
  // An inner variable changed by its body is no loop variable.
  for (size_t I = C.Vars.size(); I-- > 1;) {
    Accesses Body = collectAccesses(C.Vars[I].Loop->getBody());
    auto It = Body.Vars.find(C.Vars[I].Var);
    if (It != Body.Vars.end() && (It->second.written() || It->second.escapes())) {
      C.Vars.erase(C.Vars.begin() + I);
      Headers.erase(Headers.begin() + I);
    }
  }
  for (size_t I = 0; I < C.Vars.size(); ++I)
    rangeOf(Headers[I], C, C.Vars[I]);
  return C;
}

std::optional<std::pair<Affine, Affine>> delinearize(const Affine &A,
                                                     const AffineNest &C) {
  if (A.Constant != 0)
    return std::nullopt;
  for (const AffineTerm &Col : A.Terms) {
    if (!Col.LoopVar || Col.Coeff != 1 || !Col.Symbols.empty())
      continue;
    const NestVar *N = C.var(Col.LoopVar);
    if (!N || !N->Lower || !N->Upper || !N->Lower->Terms.empty() ||
        N->Lower->Constant != 0 || N->Upper->Constant != -1 ||
        N->Upper->Terms.size() != 1 || N->Upper->Terms[0].Coeff != 1 ||
        N->Upper->Terms[0].LoopVar)
      continue;
    const std::vector<const VarDecl *> &S = N->Upper->Terms[0].Symbols;
    Affine Row, ColA;
    ColA.Terms.push_back(Col);
    bool Ok = true;
    for (const AffineTerm &T : A.Terms) {
      if (&T == &Col)
        continue;
      if (T.Symbols != S) {
        Ok = false;
        break;
      }
      if (T.LoopVar) {
        Row.Terms.push_back({T.Coeff, T.LoopVar, {}});
      } else {
        Row.Constant += T.Coeff;
      }
    }
    if (Ok)
      return std::make_pair(Row, ColA);
  }
  return std::nullopt;
}

/// The candidates for the least (Max false) or greatest value of F over the
/// nest's ranges: for a variable with a constant coefficient the sign picks
/// one end of its range; a symbolic one (`i*n`) keeps both.
bool corners(const Affine &F, const AffineNest &C, bool Max,
             std::vector<Affine> &Out) {
  for (auto It = C.Vars.rbegin(); It != C.Vars.rend(); ++It) {
    if (!F.mentions(It->Var))
      continue;
    if (!It->Lower || !It->Upper)
      return false;
    std::optional<int64_t> Coeff = F.coeffOf(It->Var);
    std::vector<const Affine *> Ends{&*It->Lower, &*It->Upper};
    if (Coeff && *Coeff != 0)
      Ends = {(*Coeff > 0) == Max ? &*It->Upper : &*It->Lower};
    for (const Affine *End : Ends) {
      std::optional<Affine> G = substitute(F, It->Var, *End);
      if (!G || !corners(*G, C, Max, Out))
        return false;
    }
    return Out.size() <= 64;
  }
  for (const Affine &O : Out)
    if (O == F)
      return true;
  Out.push_back(F);
  return true;
}

AffineNest blockNest(const AffineNest &C) {
  AffineNest B = C;
  if (B.Vars.empty())
    return B;
  // Declarations no program refers to: only their names are printed.
  auto &Ctx = const_cast<ASTContext &>(C.Ctx);
  auto Symbol = [&](const char *Name) {
    const VarDecl *V = VarDecl::Create(Ctx, Ctx.getTranslationUnitDecl(), SourceLocation(),
                                       SourceLocation(), &Ctx.Idents.get(Name),
                                       Ctx.LongLongTy, nullptr, SC_None);
    Affine A;
    A.Terms.push_back(AffineTerm{1, nullptr, {V}});
    return A;
  };
  B.Vars[0].Lower = Symbol("__ppar_blo");
  B.Vars[0].Upper = Symbol("__ppar_bhi");
  return B;
}

bool rowsAreArrays(const VarDecl *Base) {
  QualType T = Base->getType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  return T->isArrayType();
}

} // namespace ppar
