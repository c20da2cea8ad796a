//===- GpuPlan.cpp - Kernels of the GPU variant and their memory ---------===//

#include "plan/GpuPlan.h"
#include "analysis/Accesses.h"
#include "analysis/LoopNest.h"
#include "analysis/MemberVars.h"
#include "analysis/PointerValues.h"
#include "analysis/TaskMemory.h"
#include "support/EditSet.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <functional>

using namespace clang;

namespace ppar {

std::string hostText(const Expr *E, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = SM.getExpansionRange(E->getSourceRange());
  return EditSet::withoutComments(Lexer::getSourceText(R, SM, Ctx.getLangOpts()),
                                  Ctx.getLangOpts());
}

bool TransferRange::names(llvm::StringRef Name) const {
  // A member variable's name is its host spelling, `s.grid`: it names `s`.
  if (Base && mentionsName(Base->getName(), Name))
    return true;
  switch (Source) {
  case From::Subscripts:
    return Touch->Range.names(Name);
  case From::Clause:
    if (mentionsName(Clause->Name, Name))
      return true;
    return llvm::any_of(Clause->Sections, [&](const Section &S) {
      return mentionsName(S.Lo, Name) || mentionsName(S.Len, Name);
    });
  case From::WholeObject:
  case From::Block: // its size is kept at the allocation (emit/BlockSize.h)
    return Base->getName() == Name;
  }
  return false;
}

GpuPlanner::GpuPlanner(const FunctionPlan &P, Purity &Pure, DiagSink &Sink)
    : P(P), Pure(Pure), Sink(Sink), FD(P.F.FD), Ctx(FD->getASTContext()),
      SM(Ctx.getSourceManager()) {}

void GpuPlanner::decline(SourceLocation Loc, const std::string &Why) {
  Sink.warning(Loc, "'" + FD->getNameAsString() + "' runs on the CPU: " + Why);
}

std::optional<GpuKernel> GpuPlanner::kernel(const ParallelLoop &L, unsigned I) {
  SourceLocation At = L.Shape.Loop->getBeginLoc();
  if (!L.Shape.Header.ConstStep) {
    decline(At, "the loop's step is not a constant, which its kernel needs");
    return std::nullopt;
  }
  GpuKernel K{&L, I, {{L.Shape.Var, L.Shape.Header, *L.Shape.Header.ConstStep}},
              L.Shape.Loop->getBody(), L.Scalars.Reductions, L.Scalars.Private, {}, {}};
  for (const VarDecl *V : L.Scalars.LastPrivate)
    if (V != L.Shape.Var)
      K.LastPrivate.push_back(V);
  // A 2-D grid over a perfect nest whose inner variable is declared in it,
  // with a constant step, and whose reductions are the outer loop's.
  std::optional<PerfectNest> Nest = perfectInner(L.Shape, FD, Pure);
  if (Nest && Nest->Inner.VarDeclaredInLoop && Nest->Inner.Header.ConstStep &&
      llvm::all_of(Nest->Scalars.Reductions, [&](const Reduction &R) {
        return llvm::any_of(L.Scalars.Reductions, [&](const Reduction &O) {
          return O.Var == R.Var && O.Op == R.Op;
        });
      })) {
    const LoopHeader &H = Nest->Inner.Header;
    K.Nest.push_back({H.Var, H, *H.ConstStep});
    K.Body = Nest->Inner.Loop->getBody();
  }
  for (const Reduction &R : K.Reductions) {
    if (R.Element) {
      decline(R.Element->getBeginLoc(), "the reduction into the array element '" +
                                            sourceText(R.Element->getSourceRange(), Ctx) +
                                            "' has no GPU version yet");
      return std::nullopt;
    }
    QualType T = R.Var->getType();
    uint64_t Size = Ctx.getTypeSize(T) / 8;
    if (!T->isArithmeticType() || (Size != 4 && Size != 8)) {
      decline(R.Var->getLocation(), "the reduction of '" + R.Var->getNameAsString() +
                                        "' (a '" + T.getAsString() +
                                        "') has no GPU version yet");
      return std::nullopt;
    }
  }
  return K;
}

bool GpuPlanner::params(GpuKernel &K,
                        const llvm::MapVector<const VarDecl *, SourceLocation> &Free,
                        const Expr *PointerLoad,
                        llvm::ArrayRef<const BinaryOperator *> PointerStores) {
  const ParallelLoop &L = *K.Loop;
  if (PointerLoad) {
    std::string Text = hostText(PointerLoad, Ctx);
    if (const auto *ME = dyn_cast<MemberExpr>(PointerLoad->IgnoreParens());
        ME && ME->getType()->isPointerType()) {
      // A pointer member the function changes is not one array for the
      // call; one read in a called function is the copy's, the host's.
      std::string Why = memberUnstable(ME);
      decline(PointerLoad->getBeginLoc(),
              Why.empty()
                  ? "GPU code reads the pointer member '" + Text + "' of a struct it was "
                    "given, a host pointer a kernel cannot follow; follow the member in "
                    "the annotated function itself, or pass it to the helper as a pointer"
                  : "the loop follows the pointer member '" + Text +
                        "', which changes during the call (" + Why +
                        "), so a kernel cannot get it as one array for the call");
      return false;
    }
    // A table of rows (`rows[i][k]`) is not one block of memory, and the
    // pointers in it are the host's: no transfer can make them valid.
    decline(PointerLoad->getBeginLoc(),
            "the loop reads " + (Text.empty() ? std::string("a pointer") : "'" + Text + "'") +
                " from memory, a pointer (or a struct holding one) that the host stored: "
                "a table of pointers such as 'rows[i][k]' need not point to one block of "
                "memory, and a kernel cannot follow the host's pointers");
    return false;
  }
  // The host variables the body reads become parameters: values by value,
  // memory by its device address.
  std::set<const VarDecl *> ByValue; ///< pointers passed with the host's value
  // A missing clause is an error; the other variables are still looked at,
  // so that one round of fix-its gives every clause the loop needs.
  unsigned ErrorsBefore = Sink.errorCount();
  for (const auto &[V, Loc] : Free) {
    QualType T = V->getType();
    if ((T->isPointerType() || T->isArrayType()) && !hasExtent(L, V) &&
        !followedAt(K.Body, V)) {
      // The loop needs the pointer's value, not its memory: the host's.
      ByValue.insert(V);
      K.Params.push_back({V, ParamKind::PointerValue, Loc});
      continue;
    }
    if (T->isArrayType() || T->isPointerType()) {
      Transfer X{V, TransferDirection::In, {}};
      if (!extent(L, V, Loc, X.Range, X.Direction)) {
        if (Sink.errorCount() == ErrorsBefore)
          return false; // declined: the function stays on the CPU
        continue;
      }
      K.Params.push_back({V, ParamKind::Memory, Loc, int(Plan.Transfers.size())});
      Plan.Transfers.push_back(X);
      Data.insert(V);
      continue;
    }
    // A struct holding pointers goes by value: the host pointers it carries
    // are never followed, since a kernel loading one from it (`f.v` in a
    // helper given `f`) is declined above (PointerLoad); the members the
    // loop follows itself are parameters of their own (MemberVars.h).
    K.Params.push_back({V, ParamKind::Value, Loc});
  }
  if (Sink.errorCount() != ErrorsBefore)
    return false;
  // A pointer stored where the host sees it (memory, a variable the loop
  // leaves to the host) must be the host's: null, or a pointer passed by
  // value. A device address (an array on the GPU, the kernel's own
  // variables) would be wrong there.
  for (const BinaryOperator *B : PointerStores) {
    const auto *To = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParenImpCasts());
    const auto *ToVar = To ? dyn_cast<VarDecl>(To->getDecl()) : nullptr;
    bool Seen = !ToVar || llvm::is_contained(L.Scalars.LastPrivate, ToVar);
    if (Seen && !hostValue(B->getRHS(), ByValue)) {
      decline(B->getRHS()->getBeginLoc(),
              "the loop stores the pointer '" + hostText(B->getRHS(), Ctx) +
                  "' where the host sees it, and in a kernel it would be a GPU address");
      return false;
    }
  }
  Loops.push_back(L.Shape.Loop);
  Plan.Kernels.push_back(K);
  return true;
}

/// The bytes loop L touches through V and how: from the loop's subscripts,
/// else from a data clause. Else, when a clause could say, an error whose
/// note at the annotation proposes one; when none could (V is not a
/// parameter, or reaches a flexible array member), the function declines.
bool GpuPlanner::extent(const ParallelLoop &L, const VarDecl *V, SourceLocation Use,
                        TransferRange &Range, TransferDirection &Dir) {
  const Annotation *Jit = P.F.find(Directive::Jit);
  std::string N = V->getNameAsString();
  Range.Base = V;
  const TouchedData *Touch = nullptr;
  for (const TouchedData &T : L.Touched)
    if (T.Base == V)
      Touch = &T;
  if (const FieldDecl *F = flexibleMember(L, V)) {
    // A section counts whole objects: no clause gives the member's size.
    decline(Use, "the loop reaches the flexible array member '" + F->getNameAsString() +
                     "' through '" + N + "', whose size no data clause can give "
                     "(a section of '" + N + "' counts whole '" +
                     QualType(F->getParent()->getTypeForDecl(), 0).getAsString() +
                     "' objects)");
    return false;
  }
  for (const DataClause &C : Jit->Data)
    if (C.Name == V->getName()) {
      if (Touch && Touch->Write && C.Direction == DataDirection::In) {
        Sink.error(jitLoc(), "the loop at line " + lineOf(L) + " writes '" + N +
                                 "', but its data clause 'in' would not copy the "
                                 "writes back; use 'inout'");
        return false;
      }
      Range.Source = TransferRange::From::Clause;
      Range.Clause = &C;
      Dir = C.Direction == DataDirection::In    ? TransferDirection::In
            : C.Direction == DataDirection::Out ? TransferDirection::Out
                                                : TransferDirection::InOut;
      return true;
    }
  if (Touch && Touch->Known) {
    Range.Source = TransferRange::From::Subscripts;
    Range.Touch = Touch;
    // Written memory is copied in too: the loop may not write all of it.
    Dir = Touch->Write ? TransferDirection::InOut : TransferDirection::In;
    return true;
  }
  if (isa_and_nonnull<ConstantArrayType>(Ctx.getAsArrayType(V->getType()))) {
    // An array of known size: all of it (an access outside it is undefined
    // in C anyway).
    Range.Source = TransferRange::From::WholeObject;
    Dir = Touch && !Touch->Write ? TransferDirection::In : TransferDirection::InOut;
    return true;
  }
  if (const CallExpr *Alloc = mallocBlock(V)) {
    // A local given its block by malloc in this function: all of the block,
    // whose size the variant keeps at the allocation.
    Range.Source = TransferRange::From::Block;
    Range.Alloc = Alloc;
    Dir = Touch && !Touch->Write ? TransferDirection::In : TransferDirection::InOut;
    return true;
  }
  const MemberOf *Member = memberOf(V);
  const VarDecl *Named = Member ? Member->Base : V; // what a clause names first
  if (!isa<ParmVarDecl>(Named) && !llvm::is_contained(topLevelLocals(FD, Named->getName()), Named)) {
    decline(Use, "ppar cannot tell which elements of '" + N + "' the loop at line " +
                     lineOf(L) + " touches, and a data clause can name only parameters "
                     "and variables of the body's outermost block");
    return false;
  }
  std::string Why = "ppar cannot tell which elements of '" + N + "' the loop at line " +
                    lineOf(L) + " touches, so it cannot copy them to the GPU; give them "
                    "with an in, out or inout data clause";
  // A clause of the elements [0, bound) when the bound can be computed at
  // entry (it names only parameters): on a note at the annotation, which
  // may be far from the use.
  QualType T = V->getType();
  bool ReadOnly = Touch ? !Touch->Write
                  : T->isPointerType() ? T->getPointeeType().isConstQualified()
                                       : Ctx.getBaseElementType(T).isConstQualified();
  const Expr *Bound = L.Shape.Header.Bound;
  bool Computable = L.Shape.Header.Cmp == BO_LT || L.Shape.Header.Cmp == BO_LE;
  Accesses A = collectAccesses(Bound);
  Computable &= A.Calls.empty() && !Bound->getBeginLoc().isMacroID();
  for (const auto &[W, WUse] : A.Vars)
    Computable &= isa<ParmVarDecl>(W) && !changedAt(FD->getBody(), W).isValid();
  if (!Computable) {
    Sink.error(Use, Why);
    return false;
  }
  std::string Len = hostText(Bound, Ctx);
  if (L.Shape.Header.Cmp == BO_LE) {
    bool Simple = isa<DeclRefExpr, IntegerLiteral>(Bound->IgnoreParenImpCasts());
    Len = (Simple ? Len : "(" + Len + ")") + " + 1";
  }
  std::string Clause = (ReadOnly ? "in(" : "inout(") + N + "[0:" + Len + "])";
  Sink.error(Use, Why);
  Sink.report(DiagnosticsEngine::Note, jitLoc(),
              "add '" + Clause + "' if the loop touches only the elements " + N + "[0] to " +
                  N + "[" + Len + " - 1]",
              clauseFixIt(Clause));
  return false;
}

/// Where the jit annotation is written.
SourceLocation GpuPlanner::jitLoc() const {
  for (const FoundAnnotation &A : P.F.Anns)
    if (A.Ann.Kind == Directive::Jit)
      return A.Loc;
  return P.F.Anns.front().Loc;
}

/// True when pointer expression E has a host value in a kernel: null, or
/// (after casts and pointer arithmetic) a variable in ByValue.
bool GpuPlanner::hostValue(const Expr *E, const std::set<const VarDecl *> &ByValue) const {
  E = E->IgnoreParenCasts();
  if (E->isNullPointerConstant(const_cast<ASTContext &>(Ctx), Expr::NPC_ValueDependentIsNotNull))
    return true;
  if (const auto *B = dyn_cast<BinaryOperator>(E); B && B->isAdditiveOp())
    return hostValue(B->getLHS()->getType()->isPointerType() ? B->getLHS() : B->getRHS(),
                     ByValue);
  if (const auto *C = dyn_cast<ConditionalOperator>(E))
    return hostValue(C->getTrueExpr(), ByValue) && hostValue(C->getFalseExpr(), ByValue);
  const auto *D = dyn_cast<DeclRefExpr>(E);
  return D && ByValue.count(dyn_cast<VarDecl>(D->getDecl()));
}

/// A data clause or loop L's subscripts give the memory L touches through V.
bool GpuPlanner::hasExtent(const ParallelLoop &L, const VarDecl *V) const {
  for (const DataClause &C : P.F.find(Directive::Jit)->Data)
    if (C.Name == V->getName())
      return true;
  return llvm::any_of(L.Touched, [&](const TouchedData &T) { return T.Base == V && T.Known; });
}

std::string GpuPlanner::lineOf(const ParallelLoop &L) const {
  return std::to_string(SM.getPresumedLineNumber(L.Shape.Loop->getBeginLoc()));
}

/// The flexible array member loop L reaches through V (`V->v[i]`), or null.
const FieldDecl *GpuPlanner::flexibleMember(const ParallelLoop &L, const VarDecl *V) {
  QualType T = V->getType();
  T = T->isPointerType() ? T->getPointeeType() : QualType();
  const RecordDecl *RD = T.isNull() ? nullptr : T->getAsRecordDecl();
  if (!RD || !RD->getDefinition() || !RD->getDefinition()->hasFlexibleArrayMember())
    return nullptr;
  const FieldDecl *Found = nullptr;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Found)
      return;
    if (const auto *M = dyn_cast<MemberExpr>(S))
      if (const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl());
          F && F->getType()->isIncompleteArrayType())
        Found = F;
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(L.Shape.Loop->getBody());
  return Found;
}

/// Inserts `, CLAUSE` before the `)` that closes the jit annotation's
/// options (inside the string of an attribute spelling).
std::vector<FixItHint> GpuPlanner::clauseFixIt(const std::string &Clause) {
  SourceLocation Loc = SM.getExpansionLoc(jitLoc());
  if (!Loc.isFileID())
    return {};
  auto [FID, Offset] = SM.getDecomposedLoc(Loc);
  llvm::StringRef Buf = SM.getBufferData(FID);
  size_t Open = Buf.find('(', Offset), EOL = Buf.find('\n', Offset);
  if (Open == llvm::StringRef::npos || Open > EOL)
    return {};
  bool Quoted = Buf.substr(Open + 1).ltrim().starts_with("\"");
  int Depth = 0;
  for (size_t I = Open; I < Buf.size() && I < EOL; ++I) {
    if (Buf[I] == '(')
      ++Depth;
    else if (Buf[I] == ')' && --Depth == 0) {
      size_t At = I;
      if (Quoted)
        At = Buf.rfind('"', I);
      return {FixItHint::CreateInsertion(SM.getComposedLoc(FID, At), ", " + Clause)};
    }
  }
  return {};
}

SourceLocation GpuPlanner::changedAt(const Stmt *S, const VarDecl *V,
                                     const std::set<const Stmt *> *Skip) {
  if (!S || llvm::is_contained(Loops, S) || (Skip && Skip->count(S)))
    return {};
  if (const auto *B = dyn_cast<BinaryOperator>(S);
      B && B->isAssignmentOp() && asVar(B->getLHS()) == V)
    return B->getOperatorLoc();
  if (const auto *U = dyn_cast<UnaryOperator>(S);
      U && (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf) &&
      asVar(U->getSubExpr()) == V)
    return U->getOperatorLoc();
  if (const auto *D = dyn_cast<DeclStmt>(S))
    for (const Decl *Dc : D->decls())
      if (Dc == V)
        return V->getLocation();
  for (const Stmt *C : S->children())
    if (SourceLocation At = changedAt(C, V, Skip); At.isValid())
      return At;
  return {};
}

} // namespace ppar
