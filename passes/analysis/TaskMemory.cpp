//===- TaskMemory.cpp -----------------------------------------------------===//

#include "analysis/TaskMemory.h"
#include "analysis/Accesses.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringMap.h"
#include <cstring>
#include <map>

using namespace clang;

namespace ppar {

MemRoot lvalueRoot(const Expr *L) {
  auto Named = [](const DeclRefExpr *DRE) -> MemRoot {
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      return {MemRoot::Var, V};
    return {};
  };
  auto Other = [](const Expr *L) -> MemRoot {
    if (isa<CompoundLiteralExpr>(L))
      return {MemRoot::Temporary, nullptr};
    if (isa<StringLiteral>(L) || isa<PredefinedExpr>(L))
      return {MemRoot::None, nullptr};
    return {};
  };
  return lvalueBase<MemRoot>(L, Named, pointeeRoot, Other);
}

/// Allocation functions and the arguments that make the block's size.
static int sizeArguments(llvm::StringRef Name) {
  Name.consume_front("__builtin_");
  if (Name == "malloc")
    return 1; // malloc(size)
  if (Name == "calloc")
    return 2; // calloc(count, size)
  if (Name == "aligned_alloc")
    return -1; // aligned_alloc(alignment, size): the second
  return 0;
}

static const CallExpr *findMallocBlock(const VarDecl *V) {
  if (!V->isLocalVarDecl() || V->hasGlobalStorage() || !V->getType()->isPointerType() ||
      !V->getInit())
    return nullptr;
  const auto *Call = dyn_cast<CallExpr>(V->getInit()->IgnoreParenCasts());
  const FunctionDecl *F = Call ? Call->getDirectCallee() : nullptr;
  if (!F || !sizeArguments(F->getName()) || Call->getNumArgs() < 1 ||
      (sizeArguments(F->getName()) != 1 && Call->getNumArgs() < 2))
    return nullptr;
  const ASTContext &Ctx = V->getASTContext();
  if (Call->getBeginLoc().isMacroID() || Call->getEndLoc().isMacroID())
    return nullptr;
  for (const Expr *A : Call->arguments())
    if (A->HasSideEffects(Ctx) || A->getBeginLoc().isMacroID() != A->getEndLoc().isMacroID())
      return nullptr;
  // Never assigned again, its address never taken: V keeps pointing at the
  // block's start wherever it is used.
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(V->getParentFunctionOrMethod());
  if (!Fn || !Fn->getBody())
    return nullptr;
  VarAccess Use = collectAccesses(Fn->getBody()).Vars.lookup(V);
  if (Use.written() || Use.escapes())
    return nullptr;
  // The rewrite declares the size right before V's declaration: that must
  // be a statement of a block, not a for loop's first clause.
  ASTContext &C = const_cast<ASTContext &>(Ctx);
  auto Parents = C.getParents(*V);
  const auto *DS = Parents.empty() ? nullptr : Parents[0].get<DeclStmt>();
  auto Outer = DS ? C.getParents(*DS) : DynTypedNodeList(DynTypedNode());
  bool InBlock = DS && !Outer.empty() && Outer[0].get<CompoundStmt>();
  return InBlock ? Call : nullptr;
}

const CallExpr *mallocBlock(const VarDecl *V) {
  static std::map<const VarDecl *, const CallExpr *> Known;
  auto [It, New] = Known.try_emplace(V, nullptr);
  if (New)
    It->second = findMallocBlock(V);
  return It->second;
}

MemRoot pointeeRoot(const Expr *P) {
  P = P->IgnoreParens();
  if (const auto *D = dyn_cast<DeclRefExpr>(P->IgnoreParenImpCasts()))
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl()); V && mallocBlock(V))
      return {MemRoot::Block, V};
  if (const auto *CE = dyn_cast<CastExpr>(P)) {
    switch (CE->getCastKind()) {
    case CK_ArrayToPointerDecay:
      return lvalueRoot(CE->getSubExpr());
    case CK_NoOp:
    case CK_BitCast:
      return pointeeRoot(CE->getSubExpr());
    default:
      return {};
    }
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(P); UO && UO->getOpcode() == UO_AddrOf)
    return lvalueRoot(UO->getSubExpr());
  if (const auto *BO = dyn_cast<BinaryOperator>(P);
      BO && (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub)) {
    if (BO->getLHS()->getType()->isPointerType())
      return pointeeRoot(BO->getLHS());
    if (BO->getRHS()->getType()->isPointerType())
      return pointeeRoot(BO->getRHS());
  }
  return {};
}

const char *libraryArgs(llvm::StringRef Name) {
  static const llvm::StringMap<const char *> Known = {
      {"printf", "r"},   {"fprintf", "ir"},  {"puts", "r"},
      {"fputs", "ri"},   {"putchar", "r"},   {"fputc", "ri"},
      {"fflush", "i"},   {"perror", "r"},    {"sprintf", "wr"},
      {"snprintf", "wrr"}, {"strlen", "r"},  {"strcmp", "r"},
      {"strncmp", "r"},  {"strchr", "r"},    {"strrchr", "r"},
      {"strstr", "r"},   {"strcpy", "wr"},   {"strncpy", "wr"},
      {"strcat", "wr"},  {"memcpy", "wr"},   {"memmove", "wr"},
      {"memset", "w"},   {"memcmp", "r"},    {"atoi", "r"},
      {"atol", "r"},     {"atof", "r"},      {"strtod", "rw"},
      {"strtol", "rw"},  {"free", "w"},      {"realloc", "w"},
      {"malloc", "r"},   {"calloc", "r"},    {"aligned_alloc", "r"},
      {"exit", "r"},     {"abort", "r"},     {"fwrite", "rrri"},
      {"fread", "wrri"}, {"rand", "r"},      {"srand", "r"},
      {"clock", "r"},    {"ppar_compute", "r"}, {"__assert_fail", "r"},
      {"clock_gettime", "w"}, {"gettimeofday", "w"}, {"time", "w"},
  };
  Name.consume_front("__builtin_");
  auto It = Known.find(Name);
  return It == Known.end() ? nullptr : It->second;
}

void TouchFinder::access(const Expr *L, int Mode) {
  add(lvalueRoot(L), Mode, false);
  lvalueAddress(L);
}

/// The address leaves: into a pointer, or to a call that may keep it.
void TouchFinder::escape(const Expr *L) {
  add(lvalueRoot(L), 3, true);
  lvalueAddress(L);
}

void TouchFinder::assign(const Expr *L, int Mode) {
  if (Tasks.DestLhs.count(L))
    lvalueAddress(L); // the task writes it later
  else if (!Tasks.FutureLhs.count(L))
    access(L, Mode);
}

void TouchFinder::call(const CallExpr *CE) {
  const FunctionDecl *FD = CE->getDirectCallee();
  if (Tasks.Calls.count(CE)) {
    // A task: it reads its pointer arguments' memory when it runs.
    for (const Expr *A : CE->arguments()) {
      if (Tasks.ByAddress.count(A))
        lvalueAddress(A->IgnoreParenImpCasts());
      else
        A->getType()->isPointerType() ? address(A) : expr(A);
    }
    return;
  }
  const char *Lib = FD ? libraryArgs(FD->getName()) : nullptr;
  bool IsPure = FD && Pure.isPure(FD);
  if (!Lib && !IsPure) {
    add({}, 3, true); // it may touch anything, globals included
    expr(CE->getCallee());
  }
  unsigned I = 0;
  for (const Expr *A : CE->arguments()) {
    unsigned K = I++;
    if (!A->getType()->isPointerType()) {
      expr(A);
      continue;
    }
    char Letter = 'w';
    if (IsPure)
      Letter = 'r';
    else if (Lib) {
      size_t N = std::strlen(Lib);
      Letter = Lib[K < N ? K : N - 1];
    }
    if (Letter != 'i')
      add(pointeeRoot(A), Letter == 'r' ? 1 : 3, !Lib && !IsPure);
    address(A);
  }
}

} // namespace ppar
