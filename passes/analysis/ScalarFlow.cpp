//===- ScalarFlow.cpp -----------------------------------------------------===//

#include "analysis/ScalarFlow.h"
#include "analysis/Accesses.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/Analyses/LiveVariables.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"
#include <memory>

using namespace clang;

namespace ppar {

/// A variable with more parts counts as one part: each part costs a bit in
/// every block of the analysis.
static constexpr unsigned MaxParts = 64;

/// The number of parts of T when it is written member by member or element
/// by element (a struct, a small array of constant size); nullopt for one
/// written only as a whole (a scalar, a union, a large aggregate).
static std::optional<unsigned> spreadParts(QualType T, const ASTContext &Ctx) {
  T = T.getCanonicalType();
  if (const auto *RT = T->getAs<RecordType>()) {
    const RecordDecl *RD = RT->getDecl()->getDefinition();
    if (!RD || RD->isUnion() || RD->hasFlexibleArrayMember())
      return std::nullopt;
    unsigned N = 0;
    for (const FieldDecl *F : RD->fields())
      if ((N += partCount(F->getType(), Ctx)) > MaxParts)
        return std::nullopt;
    return N ? std::optional<unsigned>(N) : std::nullopt;
  }
  if (const auto *CAT = Ctx.getAsConstantArrayType(T)) {
    uint64_t Elements = CAT->getSize().getZExtValue();
    if (Elements == 0 || Elements > MaxParts)
      return std::nullopt;
    uint64_t N = Elements * partCount(CAT->getElementType(), Ctx);
    return N <= MaxParts ? std::optional<unsigned>(N) : std::nullopt;
  }
  return std::nullopt;
}

unsigned partCount(QualType T, const ASTContext &Ctx) {
  return spreadParts(T, Ctx).value_or(1);
}

bool writtenByParts(QualType T, const ASTContext &Ctx) {
  return spreadParts(T, Ctx).has_value();
}

namespace {

/// The parts [Begin, End) of a variable an access touches; Exact when it
/// touches all of them (a constant subscript, a member), not some unknown one.
struct Parts {
  unsigned Begin, End;
  bool Exact;
};

/// Escape: `&v`, or an array converted to a pointer not to subscript it.
enum class Use { Read, Write, ReadWrite, Escape };

/// One mention of a tracked variable, in the order the CFG evaluates them.
struct Event {
  unsigned Var; ///< index in the variables asked about
  Use U;
  Parts P;
  SourceLocation Loc;
};

/// The CFG of one function and what is derived from it, built once.
struct FunctionFlow {
  explicit FunctionFlow(const FunctionDecl *FD);

  const ASTContext &Ctx;
  AnalysisDeclContextManager Manager;
  AnalysisDeclContext *AC = nullptr;
  const CFG *Cfg = nullptr;
  std::string WhyNot; ///< why Cfg is null
  /// The block whose terminator is each loop: its condition.
  llvm::DenseMap<const Stmt *, const CFGBlock *> Heads;
  /// Mentions of variables the CFG evaluates.
  llvm::DenseSet<const DeclRefExpr *> Evaluated;
  /// Where the function takes each variable's address first.
  llvm::DenseMap<const VarDecl *, SourceLocation> Addressed;
  /// The blocks that take the address of each variable of Addressed, and
  /// where; filled on first use.
  llvm::DenseMap<const VarDecl *, std::vector<std::pair<const CFGBlock *, SourceLocation>>>
      Escapes;
  bool EscapesKnown = false;

  LiveVariables *live() { return AC->getAnalysis<LiveVariables>(); }
};

/// A call that may return twice (setjmp): the CFG shows one return.
const CallExpr *returnsTwice(const Stmt *S) {
  if (!S)
    return nullptr;
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = CE->getDirectCallee())
      if (Callee->hasAttr<ReturnsTwiceAttr>() ||
          llvm::StringSwitch<bool>(Callee->getName())
              .Cases("setjmp", "_setjmp", "sigsetjmp", "__sigsetjmp", true)
              .Cases("savectx", "vfork", "getcontext", true)
              .Default(false))
        return CE;
  for (const Stmt *C : S->children())
    if (const CallExpr *CE = returnsTwice(C))
      return CE;
  return nullptr;
}

FunctionFlow::FunctionFlow(const FunctionDecl *FD)
    : Ctx(FD->getASTContext()), Manager(FD->getASTContext()) {
  for (const auto &[V, Use] : collectAccesses(FD->getBody()).Vars)
    if (Use.escapes())
      Addressed[V] = Use.AddressTaken;
  if (returnsTwice(FD->getBody())) {
    WhyNot = "'" + FD->getNameAsString() + "' calls a function that may return "
             "twice (setjmp), which ppar's data flow does not follow";
    return;
  }
  AC = Manager.getContext(FD);
  // Every expression an element: the analysis sees each mention of a
  // variable where it is evaluated.
  AC->getCFGBuildOptions().setAllAlwaysAdd();
  Cfg = AC->getCFG();
  if (!Cfg) {
    WhyNot = "clang cannot build the control flow of '" + FD->getNameAsString() + "'";
    return;
  }
  for (const CFGBlock *B : *Cfg) {
    if (const Stmt *T = B->getTerminatorStmt())
      Heads[T] = B;
    for (const CFGElement &E : *B)
      if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
        if (const auto *DRE = dyn_cast<DeclRefExpr>(S->getStmt()))
          Evaluated.insert(DRE);
  }
}

/// One FunctionFlow per function, dropped with its ASTContext.
struct FlowCache {
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionFlow>> Flows;
  llvm::SmallPtrSet<const ASTContext *, 2> Watched;
};

FlowCache &cache() {
  static FlowCache C;
  return C;
}

void forgetContext(void *Ctx) {
  FlowCache &C = cache();
  C.Watched.erase(static_cast<const ASTContext *>(Ctx));
  std::vector<const FunctionDecl *> Gone;
  for (const auto &[FD, Flow] : C.Flows)
    if (&Flow->Ctx == Ctx)
      Gone.push_back(FD);
  for (const FunctionDecl *FD : Gone)
    C.Flows.erase(FD);
}

FunctionFlow &flowOf(const FunctionDecl *FD) {
  FlowCache &C = cache();
  std::unique_ptr<FunctionFlow> &Slot = C.Flows[FD];
  if (!Slot) {
    ASTContext &Ctx = FD->getASTContext();
    if (C.Watched.insert(&Ctx).second)
      Ctx.AddDeallocation(forgetContext, &Ctx);
    Slot = std::make_unique<FunctionFlow>(FD);
  }
  return *Slot;
}

/// P narrowed to member F of an object of type T.
Parts member(Parts P, QualType T, const FieldDecl *F, const ASTContext &Ctx) {
  const RecordDecl *RD = T->getAsRecordDecl();
  if (!P.Exact || !RD || !spreadParts(T, Ctx))
    return {P.Begin, P.End, false};
  unsigned Offset = 0;
  for (const FieldDecl *G : RD->getDefinition()->fields()) {
    unsigned N = partCount(G->getType(), Ctx);
    if (G == F)
      return {P.Begin + Offset, P.Begin + Offset + N, true};
    Offset += N;
  }
  return {P.Begin, P.End, false};
}

/// P narrowed to element Idx of an array of type T.
Parts element(Parts P, QualType T, const Expr *Idx, const ASTContext &Ctx) {
  const ConstantArrayType *CAT = Ctx.getAsConstantArrayType(T);
  Expr::EvalResult R;
  if (!P.Exact || !CAT || !spreadParts(T, Ctx) || !Idx->EvaluateAsInt(R, Ctx))
    return {P.Begin, P.End, false};
  const llvm::APSInt &I = R.Val.getInt();
  if (I.isNegative() || I.getActiveBits() > 32 ||
      I.getZExtValue() >= CAT->getSize().getZExtValue())
    return {P.Begin, P.End, false};
  unsigned Each = partCount(CAT->getElementType(), Ctx);
  unsigned First = P.Begin + static_cast<unsigned>(I.getZExtValue()) * Each;
  return {First, First + Each, true};
}

/// What mention DRE of a variable of type T with N parts does: follows
/// `.member` and `[constant]` up from it, then looks at what uses the
/// result. Anything not known to write only is a read.
std::pair<Use, Parts> classify(const DeclRefExpr *DRE, QualType T, unsigned N,
                               const ParentMap &PM, const ASTContext &Ctx) {
  Parts P{0, N, true};
  const Stmt *Cur = DRE;
  for (;;) {
    const Stmt *Up = PM.getParentIgnoreParens(Cur);
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(Up);
        ME && !ME->isArrow() && ME->getBase()->IgnoreParens() == Cur) {
      const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
      P = F ? member(P, T, F, Ctx) : Parts{P.Begin, P.End, false};
      T = ME->getType();
      Cur = ME;
      continue;
    }
    const auto *Decay = dyn_cast_or_null<ImplicitCastExpr>(Up);
    if (Decay && Decay->getCastKind() == CK_ArrayToPointerDecay) {
      const auto *ASE = dyn_cast_or_null<ArraySubscriptExpr>(PM.getParentIgnoreParens(Decay));
      if (ASE && ASE->getBase()->IgnoreParens() == Decay) {
        P = element(P, T, ASE->getIdx(), Ctx);
        T = ASE->getType();
        Cur = ASE;
        continue;
      }
    }
    break;
  }
  const Stmt *Up = PM.getParentIgnoreParens(Cur);
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Up);
      BO && BO->getLHS()->IgnoreParens() == Cur) {
    if (BO->getOpcode() == BO_Assign)
      return {Use::Write, P};
    if (BO->isCompoundAssignmentOp())
      return {Use::ReadWrite, P};
  }
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Up);
      UO && UO->isIncrementDecrementOp())
    return {Use::ReadWrite, P};
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Up);
      UO && UO->getOpcode() == UO_AddrOf)
    return {Use::Escape, P};
  if (const auto *ICE = dyn_cast_or_null<ImplicitCastExpr>(Up);
      ICE && ICE->getCastKind() == CK_ArrayToPointerDecay)
    return {Use::Escape, P};
  return {Use::Read, P};
}

/// Mentions of the variables of Index in S that are evaluated, sizeof's
/// operand aside.
void evaluatedMentions(const Stmt *S, const llvm::DenseMap<const VarDecl *, unsigned> &Index,
                       std::vector<const DeclRefExpr *> &Out) {
  if (!S || isa<UnaryExprOrTypeTraitExpr>(S))
    return;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && Index.count(V))
      Out.push_back(DRE);
  for (const Stmt *C : S->children())
    evaluatedMentions(C, Index, Out);
}

/// Where an edge may lead: its block, and the one clang's CFG marks
/// unreachable (a branch on a constant, a switch covering every enumerator
/// of its type, which C's enums need not hold): both, to be safe.
llvm::SmallVector<const CFGBlock *, 2> targets(const CFGBlock::AdjacentBlock &S) {
  llvm::SmallVector<const CFGBlock *, 2> Out;
  if (const CFGBlock *B = S.getReachableBlock())
    Out.push_back(B);
  if (const CFGBlock *B = S.getPossiblyUnreachableBlock(); B && !llvm::is_contained(Out, B))
    Out.push_back(B);
  return Out;
}

bool liveAtStart(LiveVariables &LV, const CFGBlock *B, const VarDecl *V) {
  for (const CFGElement &E : *B)
    if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
      return LV.isLive(S->getStmt(), V);
  return LV.isLive(B, V);
}

} // namespace

/// True when a path leads from From to To.
static bool reaches(const CFGBlock *From, const CFGBlock *To, unsigned NumBlocks) {
  llvm::BitVector Seen(NumBlocks);
  std::vector<const CFGBlock *> Stack{From};
  while (!Stack.empty()) {
    const CFGBlock *B = Stack.back();
    Stack.pop_back();
    if (B == To)
      return true;
    if (Seen.test(B->getBlockID()))
      continue;
    Seen.set(B->getBlockID());
    for (const CFGBlock::AdjacentBlock &S : B->succs())
      for (const CFGBlock *Next : targets(S))
        Stack.push_back(Next);
  }
  return false;
}

/// Where F takes the address of V at a point from which Head (a loop's
/// condition) can be reached; invalid when nowhere.
static SourceLocation addressReaching(FunctionFlow &F, const CFGBlock *Head,
                                      const VarDecl *V) {
  auto A = F.Addressed.find(V);
  if (A == F.Addressed.end())
    return {};
  if (!F.Cfg || !Head)
    return A->second;
  if (!F.EscapesKnown) {
    F.EscapesKnown = true;
    const ParentMap &PM = F.AC->getParentMap();
    for (const CFGBlock *B : *F.Cfg)
      for (const CFGElement &E : *B) {
        std::optional<CFGStmt> S = E.getAs<CFGStmt>();
        const auto *DRE = S ? dyn_cast<DeclRefExpr>(S->getStmt()) : nullptr;
        const auto *W = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
        if (W && F.Addressed.count(W) &&
            classify(DRE, W->getType(), 1, PM, F.Ctx).first == Use::Escape)
          F.Escapes[W].push_back({B, DRE->getLocation()});
      }
  }
  auto E = F.Escapes.find(V);
  if (E == F.Escapes.end())
    return A->second; // taken where the CFG does not show: anywhere
  for (const auto &[B, Loc] : E->second)
    if (reaches(B, Head, F.Cfg->getNumBlockIDs()))
      return Loc;
  return {};
}

SourceLocation addressTakenBefore(const ForStmt *Loop, const FunctionDecl *FD,
                                  const VarDecl *V) {
  FunctionFlow &F = flowOf(FD);
  auto HeadIt = F.Heads.find(Loop);
  return addressReaching(F, HeadIt == F.Heads.end() ? nullptr : HeadIt->second, V);
}

std::optional<std::vector<IterationFlow>>
iterationFlow(const ForStmt *Loop, const FunctionDecl *FD,
              llvm::ArrayRef<const VarDecl *> Vars, std::string &WhyNot) {
  FunctionFlow &F = flowOf(FD);
  if (!F.Cfg) {
    WhyNot = F.WhyNot;
    return std::nullopt;
  }
  auto HeadIt = F.Heads.find(Loop);
  const CFGBlock *Head = HeadIt == F.Heads.end() ? nullptr : HeadIt->second;
  if (!Head || Head->succ_size() != 2) {
    WhyNot = "clang's control flow graph of '" + FD->getNameAsString() +
             "' does not show this loop";
    return std::nullopt;
  }
  // The condition's true branch starts the body; its false one leaves.
  llvm::SmallVector<const CFGBlock *, 2> Body = targets(*Head->succ_begin());
  llvm::SmallVector<const CFGBlock *, 2> After = targets(*(Head->succ_begin() + 1));
  if (Body.empty()) {
    WhyNot = "clang's control flow graph of '" + FD->getNameAsString() +
             "' shows no body for this loop";
    return std::nullopt;
  }
  const CFGBlock *Entry = Body.front();
  const CFGBlock *Exit = After.empty() ? nullptr : After.front();

  // Each variable's parts are bits [First[I], First[I] + Count[I]).
  llvm::DenseMap<const VarDecl *, unsigned> Index;
  std::vector<unsigned> First, Count;
  unsigned Total = 0;
  for (unsigned I = 0; I < Vars.size(); ++I) {
    Index[Vars[I]] = I;
    First.push_back(Total);
    Count.push_back(partCount(Vars[I]->getType(), F.Ctx));
    Total += Count.back();
  }
  std::vector<IterationFlow> Result(Vars.size());

  // A mention the CFG does not evaluate (none is known) would be missed:
  // such a variable is read at once, to be safe.
  std::vector<const DeclRefExpr *> Mentions;
  evaluatedMentions(Loop->getBody(), Index, Mentions);
  evaluatedMentions(Loop->getInc(), Index, Mentions);
  for (const DeclRefExpr *DRE : Mentions)
    if (!F.Evaluated.count(DRE)) {
      IterationFlow &R = Result[Index[cast<VarDecl>(DRE->getDecl())]];
      if (R.ExposedRead.isInvalid())
        R.ExposedRead = DRE->getLocation();
    }

  // One iteration: the blocks reached from the body's first one before the
  // condition is tested again, in depth-first preorder.
  unsigned NumBlocks = F.Cfg->getNumBlockIDs();
  std::vector<const CFGBlock *> Region;
  llvm::BitVector InRegion(NumBlocks);
  std::vector<const CFGBlock *> Stack;
  Stack.push_back(Entry);
  while (!Stack.empty()) {
    const CFGBlock *B = Stack.back();
    Stack.pop_back();
    if (B == Head || InRegion.test(B->getBlockID()))
      continue;
    InRegion.set(B->getBlockID());
    Region.push_back(B);
    for (const CFGBlock::AdjacentBlock &S : B->succs())
      for (const CFGBlock *Next : targets(S))
        Stack.push_back(Next);
  }

  const ParentMap &PM = F.AC->getParentMap();
  std::vector<std::vector<Event>> Events(NumBlocks);
  for (const CFGBlock *B : Region)
    for (const CFGElement &E : *B) {
      std::optional<CFGStmt> S = E.getAs<CFGStmt>();
      const auto *DRE = S ? dyn_cast<DeclRefExpr>(S->getStmt()) : nullptr;
      const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      auto It = V ? Index.find(V) : Index.end();
      if (It == Index.end())
        continue;
      unsigned I = It->second;
      auto [U, P] = classify(DRE, V->getType(), Count[I], PM, F.Ctx);
      Events[B->getBlockID()].push_back(
          {I, U, {First[I] + P.Begin, First[I] + P.End, P.Exact}, DRE->getLocation()});
    }

  // Definitely written: all parts at the start of an iteration are unknown;
  // where paths join, a part is written only if it is on every path.
  auto Transfer = [&](const CFGBlock *B, llvm::BitVector Bits, bool Record) {
    for (const Event &E : Events[B->getBlockID()]) {
      if (E.U != Use::Write && Record &&
          Bits.find_first_unset_in(E.P.Begin, E.P.End) != -1) {
        IterationFlow &R = Result[E.Var];
        if (R.ExposedRead.isInvalid())
          R.ExposedRead = E.Loc;
      }
      if ((E.U == Use::Write || E.U == Use::ReadWrite) && E.P.Exact)
        Bits.set(E.P.Begin, E.P.End);
    }
    return Bits;
  };
  std::vector<llvm::BitVector> In(NumBlocks);
  for (const CFGBlock *B : Region)
    In[B->getBlockID()] = llvm::BitVector(Total, B != Entry);
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const CFGBlock *B : Region) {
      llvm::BitVector Out = Transfer(B, In[B->getBlockID()], false);
      for (const CFGBlock::AdjacentBlock &S : B->succs())
        for (const CFGBlock *Next : targets(S)) {
          if (Next == Head || Next == Entry)
            continue;
          llvm::BitVector &NextIn = In[Next->getBlockID()];
          llvm::BitVector Meet = NextIn;
          Meet &= Out;
          if (Meet != NextIn) {
            NextIn = std::move(Meet);
            Changed = true;
          }
        }
    }
  }
  llvm::BitVector AtEnd(Total, true);
  for (const CFGBlock *B : Region) {
    llvm::BitVector Out = Transfer(B, In[B->getBlockID()], true);
    for (const CFGBlock::AdjacentBlock &S : B->succs())
      if (llvm::is_contained(targets(S), Head))
        AtEnd &= Out;
  }

  LiveVariables *LV = Exit ? F.live() : nullptr;
  for (unsigned I = 0; I < Vars.size(); ++I) {
    IterationFlow &R = Result[I];
    R.WrittenAtEnd = AtEnd.find_first_unset_in(First[I], First[I] + Count[I]) == -1;
    R.LiveAfter = !Vars[I]->hasLocalStorage() || !LV ||
                  addressReaching(F, Head, Vars[I]).isValid() ||
                  liveAtStart(*LV, Exit, Vars[I]);
  }
  return Result;
}

} // namespace ppar
