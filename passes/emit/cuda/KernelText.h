//===- KernelText.h - C statements as CUDA C++ for NVRTC -----------------===//
//
// Prints statements of the user's C code as CUDA C++ that NVRTC compiles
// with no header: macros expanded (the AST is printed, not the text),
// literals as the user spelled them, subscripts of variable-length arrays
// linearised (C++ has no VLA types), clang builtins that <math.h> macros
// expand to mapped to CUDA's functions. Everything the text needs besides
// itself is collected on the way: the typedefs, structs and enums it names,
// the constant globals it reads, the functions it calls (emitted as
// __device__ functions, transitively), and the variables of the host
// function it reads (the kernel's parameters).
//
// The "nopython" rule of SPEC section 3 is checked here: a call of anything
// but a function defined in this file or the user's headers (compiled for
// the device in turn), ppar.h's random numbers or a math function, varargs,
// I/O, globals that are not constants, string literals, `goto`, VLAs
// declared in GPU code, static locals and `long double` are errors at the
// user's line; an error inside a called function is followed by a note at
// the call.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_KERNELTEXT_H
#define PPAR_PASSES_KERNELTEXT_H

#include "support/DiagSink.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/MapVector.h"
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ppar {

class KernelText {
public:
  KernelText(const clang::ASTContext &Ctx, DiagSink &Sink);

  /// Names given to host variables in the text being printed (a reduction
  /// variable becomes its thread's accumulator, a loop variable the
  /// iteration's copy).
  std::map<const clang::VarDecl *, std::string> Renamed;

  /// S as CUDA C++. Variables of the host function it reads are added to
  /// Free, in order of first use. Problems go to the sink (see ok()).
  std::string stmt(const clang::Stmt *S);
  std::string expr(const clang::Expr *E) { return stmt(E); }

  /// Emits FD, and what it calls, as __device__ functions, after checking
  /// that GPU code may call it.
  void deviceCall(const clang::FunctionDecl *FD, clang::SourceLocation Loc) {
    callee(FD, Loc);
  }

  /// Raw kernels (jit(kernel), emit/cuda/RawKernel.h): ppar.h functions
  /// printed as their CUDA counterparts (ppar_thread_index ->
  /// __ppar_thread_index), and atomics as CUDA atomics (AtomicText.h).
  /// Null elsewhere.
  const std::map<std::string, std::string> *Intrinsics = nullptr;
  /// Text the module needs right after the helpers, before the types and
  /// device functions of prelude().
  std::string Extra;

  /// V is declared by the generated code around the printed text.
  void local(const clang::VarDecl *V) { Local.insert(V); }

  /// `T Name` for a variable of type T in kernel code: a pointer to a
  /// variable-length array becomes a pointer to its element type, since
  /// its subscripts are linearised. Records the types T names.
  std::string declare(clang::QualType T, const std::string &Name,
                      clang::SourceLocation Loc);

  /// Variables of the host function the printed text reads, and the host
  /// variables whose subscripts were linearised.
  llvm::MapVector<const clang::VarDecl *, clang::SourceLocation> Free;

  /// Host variables whose address the printed text only stores into memory
  /// (`p[i] = &x`): the value stored is the host's address, which the
  /// kernel gets as the parameter `__ppar_addr_<name>` (see addressName).
  llvm::MapVector<const clang::VarDecl *, clang::SourceLocation> Addressed;
  static std::string addressName(const clang::VarDecl *V) {
    return "__ppar_addr_" + V->getNameAsString();
  }

  /// Assignments of pointers in the printed text (`a[i] = p`, `q = p`):
  /// one that stores into memory the host sees may not store a device
  /// address (see CudaVariant).
  std::vector<const clang::BinaryOperator *> PointerStores;

  /// The first place the printed text loads a pointer from memory
  /// (`rows[i]` in `rows[i][k]`, `s->p`), or a struct holding one: a
  /// pointer the host stored, which device code cannot follow; null when
  /// none.
  const clang::Expr *PointerLoad = nullptr;

  /// The prelude every kernel module starts with: helpers, then the types,
  /// constants and __device__ functions the printed text needs, in an
  /// order that compiles.
  std::string prelude();

  bool ok() const { return Errors == 0; }

  /// Text indented by its braces, as a person would write it.
  static std::string reindent(const std::string &Text);

  /// True when V is a raw kernel's block-shared array (ppar.h's
  /// PPAR_SHARED: a static local marked "ppar_shared"), printed as a
  /// __shared__ one.
  static bool isBlockShared(const clang::VarDecl *V);

  /// True when T is (or points to) a variable-length array type.
  static bool isVariablyModified(clang::QualType T);

private:
  friend class KernelPrinter;
  void error(clang::SourceLocation Loc, const std::string &Message);
  void noteType(clang::QualType T, clang::SourceLocation Loc);
  void noteDecl(const clang::Decl *D, clang::SourceLocation Loc);
  /// The definition of a struct, union or enum, under Name.
  std::string tagText(const clang::TagDecl *Tag, const std::string &Name,
                      clang::SourceLocation Loc);
  void noteVar(const clang::VarDecl *V, clang::SourceLocation Loc);
  /// The callee's name in CUDA, after checking it may be called there.
  std::string callee(const clang::FunctionDecl *FD, clang::SourceLocation Loc);
  void deviceFunction(const clang::FunctionDecl *FD, clang::SourceLocation CallLoc);

  const clang::ASTContext &Ctx;
  DiagSink &Sink;
  unsigned Errors = 0;
  /// Variables declared inside the printed text (not free).
  std::set<const clang::VarDecl *> Local;
  /// Typedefs, records, enums, constant globals and device functions, in
  /// the order their text must appear, with the text.
  std::vector<std::string> Definitions;
  std::set<const clang::Decl *> Defined;
  std::set<const clang::Type *> BadTypes; ///< reported once each
  std::vector<std::string> Prototypes;
  /// The function whose body is being printed as a device function (its
  /// free variables are errors, not kernel parameters), or null.
  const clang::FunctionDecl *InDevice = nullptr;
};

} // namespace ppar

#endif
