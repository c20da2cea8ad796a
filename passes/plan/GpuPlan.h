//===- GpuPlan.h - What the GPU variant of a function does, as data ------===//
//
// For a jit(parallel, target=cuda|auto) function, plans its GPU variant
// from the parallel loops the CPU planner made (plan/Plan.h: their shape,
// scalars and touched memory are reused, not recomputed): each loop's
// kernel (its nest levels and the host variables it gets as parameters),
// the memory that goes to the GPU and back (transfers: a variable, a
// direction, a byte range), the device phase in which that memory lives on
// the GPU, the pointer parameters the dispatcher may move onto host copies
// of resident data, and whether PPAR_CHECK can check the variant as a
// whole. Nothing here writes C: emit/cuda/ prints the plan.
//
// The variant is made only when that is sound: every pointer a kernel
// follows has a known extent (from the loop's subscripts, else from an
// in/out/inout clause; else an error with a fix-it proposing the clause),
// the extents can be computed before the first loop, and no host statement
// after that point touches the data that then lives on the GPU. Otherwise
// the planner declines with a warning and the function runs on the CPU.
// docs/passes/gpu-plan.md.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_PLAN_GPUPLAN_H
#define PPAR_PASSES_PLAN_GPUPLAN_H

#include "analysis/Purity.h"
#include "plan/Plan.h"
#include "support/DiagSink.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallVector.h"
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace ppar {

/// Which way a kernel's memory goes: copied in, copied out, or both.
enum class TransferDirection { In, Out, InOut };

/// The bytes of a variable's memory the kernels use, as an analysis or the
/// user gave them.
struct TransferRange {
  enum class From {
    Subscripts,  ///< the loop's subscripts (Touch)
    Clause,      ///< an in/out/inout clause of the annotation (Clause)
    WholeObject, ///< an array of known size: all of it
    Block,       ///< a local's malloc block: all of it (Alloc)
  };
  From Source = From::WholeObject;
  const clang::VarDecl *Base = nullptr;
  const TouchedData *Touch = nullptr; ///< into the plan's ParallelLoop
  const DataClause *Clause = nullptr; ///< into the plan's annotation
  const clang::CallExpr *Alloc = nullptr; ///< Block: the allocation

  /// True when the expressions of the bounds name the variable Name.
  bool names(llvm::StringRef Name) const;
};

/// Memory of one variable that one kernel uses.
struct Transfer {
  const clang::VarDecl *Var;
  TransferDirection Direction;
  TransferRange Range;
};

/// One loop of the nest a kernel covers.
struct NestLevel {
  const clang::VarDecl *Var;
  LoopHeader Header;
  int64_t Step;
};

/// How a kernel gets a host variable its body reads.
enum class ParamKind {
  Value,        ///< a scalar, struct or union, copied
  PointerValue, ///< a pointer it never follows: the host's value as is
  Memory,       ///< a pointer or array it follows: the device copy
};

struct KernelParam {
  const clang::VarDecl *Var;
  ParamKind Kind;
  clang::SourceLocation Use;
  int Transfer = -1; ///< Memory: the index in GpuPlan::Transfers
};

/// A parallel loop outlined into a kernel: a 1-D grid, or 2-D over a
/// perfect nest (analysis/LoopNest.h).
struct GpuKernel {
  const ParallelLoop *Loop;
  unsigned Index; ///< the launch's kernel number
  llvm::SmallVector<NestLevel, 2> Nest;
  const clang::Stmt *Body; ///< the innermost level's body
  /// The loop's scalars (plan/Plan.h): reductions (one accumulator per
  /// thread, combined per block, ReductionOp's functor), private copies per
  /// iteration, last-private values stored by the last iteration (the loop
  /// variable aside, which the launch recomputes).
  std::vector<Reduction> Reductions;
  std::vector<const clang::VarDecl *> Private, LastPrivate;
  std::vector<KernelParam> Params; ///< the free variables, in order of use
};

/// A range registered for the device phase. A pointer that trades places
/// with others (`t = u; u = v; v = t;`) may point to any of their arrays
/// when a kernel runs: its range is registered once per root of its group
/// (Root), at the same offsets in the root's array, read and written.
struct Registration {
  unsigned Transfer;
  const clang::VarDecl *Root = nullptr;
};

/// A pointer parameter the dispatcher may move onto a host copy of
/// resident data, with the transfers that give its ranges (HostCopies.h).
struct HostCopyPlan {
  const clang::ParmVarDecl *Param;
  std::vector<unsigned> Transfers;
};

/// Bytes of one variable's device data that a host statement of the device
/// phase uses: one element (`u[k]`, whose subscripts the statement does
/// not change) or all of the variable's registered ranges.
struct HostUseRange {
  const clang::VarDecl *Var;
  const clang::Expr *Element = nullptr; ///< the lvalue; null: all of Var's ranges
  bool Read = false, Written = false;
  /// Var is not the kernels' but may point into their data (`*out`): the
  /// runtime copies the element only where it does.
  bool Alias = false;
};

/// A host statement between kernels that uses data living on the GPU: that
/// data is copied back to the host before it and, what it writes, to the
/// GPU again after it (emit/cuda/HostCodeCopies.h).
struct HostUse {
  const clang::Stmt *S;
  bool Braces = false; ///< a branch or loop body, not a statement of a block
  std::vector<HostUseRange> Ranges;
};

/// A local's malloc block that the device phase allocates or frees
/// (`double *t = malloc(...)` after the first kernel, `free(t)` before
/// the last): registered whole (TransferRange::From::Block). Allocated in
/// the phase (Late), it goes to the GPU right after its declaration, not
/// with the rest; before each `free(t)` of the phase (Frees) its device
/// copy is dropped, so nothing is copied into the freed block.
struct PhaseBlock {
  const clang::VarDecl *Var;
  bool Late = false;
  const clang::DeclStmt *Decl = nullptr;      ///< the allocation
  std::vector<const clang::CallExpr *> Frees; ///< in the phase
};

struct GpuPlan {
  std::vector<GpuKernel> Kernels;
  std::vector<Transfer> Transfers;
  /// The device phase: the registrations and copy-in go before Anchor, the
  /// call ends after LastKernelStmt (statements of one block).
  const clang::Stmt *Anchor = nullptr;
  const clang::Stmt *LastKernelStmt = nullptr;
  std::vector<Registration> Registrations;
  /// PPAR_CHECK can save, at entry, all the kernels write (the loops'
  /// Written regions).
  bool Checkable = false;
  std::vector<HostCopyPlan> HostCopies; ///< in parameter order
  std::vector<HostUse> HostUses;        ///< in source order
  std::vector<PhaseBlock> PhaseBlocks;  ///< in source order
};

/// The user's text of E, macros unexpanded, comments dropped (a `//`
/// would swallow the rest of a one-line launch): the variant is compiled
/// in the same translation unit, so the same macros are in scope.
std::string hostText(const clang::Expr *E, const clang::ASTContext &Ctx);

/// Plans one function's GPU variant step by step; the emitter prints each
/// kernel's body between kernel() and params() (its free variables come
/// from the printer). A step that returns false or nullopt has declined
/// (a warning) or found an error (to the sink): no variant.
class GpuPlanner {
public:
  GpuPlanner(const FunctionPlan &P, Purity &Pure, DiagSink &Sink);

  /// Loop L's nest (number I), after checking its step and reductions.
  std::optional<GpuKernel> kernel(const ParallelLoop &L, unsigned I);

  /// The kernel's parameters for the free variables of its printed body,
  /// and their transfers; PointerLoad and PointerStores as KernelText
  /// found them.
  bool params(GpuKernel &K,
              const llvm::MapVector<const clang::VarDecl *, clang::SourceLocation> &Free,
              const clang::Expr *PointerLoad,
              llvm::ArrayRef<const clang::BinaryOperator *> PointerStores);

  /// After every kernel: the device phase and its registrations, then
  /// whether it can be checked and the host copies.
  bool placeData(const clang::CompoundStmt *Body);
  void finish(const clang::CompoundStmt *Body);

  /// Warns that the function runs on the CPU, and why.
  void decline(clang::SourceLocation Loc, const std::string &Why);

  GpuPlan Plan;

private:
  // Kernels and their memory (GpuPlan.cpp).
  bool extent(const ParallelLoop &L, const clang::VarDecl *V, clang::SourceLocation Use,
              TransferRange &Range, TransferDirection &Dir);
  bool hostValue(const clang::Expr *E, const std::set<const clang::VarDecl *> &ByValue) const;
  bool hasExtent(const ParallelLoop &L, const clang::VarDecl *V) const;
  const clang::FieldDecl *flexibleMember(const ParallelLoop &L, const clang::VarDecl *V);
  std::vector<clang::FixItHint> clauseFixIt(const std::string &Clause);
  clang::SourceLocation jitLoc() const;
  std::string lineOf(const ParallelLoop &L) const;

  // The device phase (GpuDevicePhase.cpp).
  const clang::CompoundStmt *innermostBlock(const clang::CompoundStmt *Body);
  bool touchesMemory(const clang::Expr *E);
  bool phaseBlocks(const clang::Stmt *Anchor, const std::vector<const clang::Stmt *> &Phase);
  const PhaseBlock *phaseBlock(const clang::VarDecl *V) const;
  // Host code between kernels (GpuHostCode.cpp).
  bool holdsKernel(const clang::Stmt *S) const;
  bool hostCode(const clang::Stmt *S, bool InBlock);
  bool strictHostCode(const clang::Stmt *S);
  bool hostStatement(const clang::Stmt *S, bool InBlock);
  std::string dataNames() const;
  bool privateArray(const clang::Expr *Base);
  bool privateBlock(const clang::Expr *Base);
  bool isFreeOfPrivateBlock(const clang::CallExpr *C);
  std::map<const clang::VarDecl *, bool> PrivateBlocks; ///< privateBlock's answers
  void findSwaps(const clang::CompoundStmt *Body, const clang::Stmt *Anchor,
                 const std::vector<const clang::Stmt *> &Phase);
  bool checkable(const clang::CompoundStmt *Body);
  std::vector<HostCopyPlan> hostCopies(const clang::CompoundStmt *Body);

  /// Where S, outside the kernels, assigns V, changes it, takes its
  /// address or declares it; invalid when nowhere.
  clang::SourceLocation changedAt(const clang::Stmt *S, const clang::VarDecl *V,
                                  const std::set<const clang::Stmt *> *Skip = nullptr);

  const FunctionPlan &P;
  Purity &Pure;
  DiagSink &Sink;
  const clang::FunctionDecl *FD;
  const clang::ASTContext &Ctx;
  const clang::SourceManager &SM;
  std::vector<const clang::ForStmt *> Loops; ///< the loops outlined so far
  std::set<const clang::VarDecl *> Data;     ///< variables whose memory the kernels use
  std::set<const clang::VarDecl *> Swapped, Roots; ///< see findSwaps
  std::map<const clang::VarDecl *, const clang::VarDecl *> Group;
  std::set<const clang::DeclRefExpr *> SwapRefs;
};

} // namespace ppar

#endif
