//===- CudaVariant.cpp ----------------------------------------------------===//

#include "emit/cuda/CudaVariant.h"
#include "analysis/Accesses.h"
#include "analysis/LoopNest.h"
#include "analysis/LoopShape.h"
#include "analysis/PointerValues.h"
#include "analysis/Scalars.h"
#include "emit/Versioning.h"
#include "emit/abi/Gpu.h"
#include "emit/cuda/KernelText.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <algorithm>
#include <functional>
#include <map>
#include <set>

using namespace clang;

namespace ppar {

namespace {

/// The user's text of E, macros unexpanded: the variant is compiled in the
/// same translation unit, so the same macros are in scope.
std::string hostText(const Expr *E, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = SM.getExpansionRange(E->getSourceRange());
  // Comments dropped: a `//` would swallow the rest of the one-line launch.
  return EditSet::withoutComments(Lexer::getSourceText(R, SM, Ctx.getLangOpts()),
                                  Ctx.getLangOpts());
}

/// One loop of the nest a kernel covers: its variable, first value, trip
/// count and step.
struct NestLevel {
  const VarDecl *Var;
  LoopHeader Header;
  int64_t Step;
};

/// Host text computing a level's first value and trip count into
/// __ppar_lo<I> and __ppar_n<I> (long long).
std::string tripText(const NestLevel &L, unsigned I, const ASTContext &Ctx) {
  std::string Lo = "__ppar_lo" + std::to_string(I), N = "__ppar_n" + std::to_string(I);
  std::string B = "__ppar_b" + std::to_string(I);
  std::string Out = "long long " + Lo + " = (long long)(" + hostText(L.Header.Init, Ctx) +
                    "), " + B + " = (long long)(" + hostText(L.Header.Bound, Ctx) + "), " +
                    N + " = ";
  int64_t S = L.Step, A = S < 0 ? -S : S;
  std::string SA = std::to_string(A);
  switch (L.Header.Cmp) {
  case BO_LT:
    Out += Lo + " < " + B + " ? (" + B + " - " + Lo + " + " + std::to_string(A - 1) + ") / " + SA + " : 0";
    break;
  case BO_LE:
    Out += Lo + " <= " + B + " ? (" + B + " - " + Lo + ") / " + SA + " + 1 : 0";
    break;
  case BO_GT:
    Out += Lo + " > " + B + " ? (" + Lo + " - " + B + " + " + std::to_string(A - 1) + ") / " + SA + " : 0";
    break;
  case BO_GE:
    Out += Lo + " >= " + B + " ? (" + Lo + " - " + B + ") / " + SA + " + 1 : 0";
    break;
  default: // BO_NE, with a step of 1 or -1
    Out += S > 0 ? B + " > " + Lo + " ? " + B + " - " + Lo + " : 0"
                 : Lo + " > " + B + " ? " + Lo + " - " + B + " : 0";
    break;
  }
  return Out + "; ";
}

class Planner {
public:
  Planner(FunctionPlan &P, Purity &Pure, DiagSink &Sink, bool Report)
      : P(P), Pure(Pure), Sink(Sink), Report(Report), FD(P.F.FD),
        Ctx(FD->getASTContext()), SM(Ctx.getSourceManager()), K(Ctx, Sink) {}

  void run(Target T) {
    const auto *Body = cast<CompoundStmt>(FD->getBody());
    GpuVariant G;
    G.Target = T == Target::Auto ? abi::RunTarget::Auto : abi::RunTarget::Cuda;
    G.Edits.emplace(SM, Ctx.getLangOpts(), Body->getSourceRange());
    std::string Kernels;
    for (unsigned I = 0; I < P.Loops.size(); ++I) {
      std::optional<std::string> Kernel = outline(P.Loops[I], I, G);
      if (!Kernel)
        return;
      Kernels += "\n" + *Kernel;
    }
    if (!K.ok() || !placeData(Body, G))
      return;
    G.CheckRegions = checkRegions(Body);
    G.HostCopies = hostCopies(Body);
    std::string Fn = FD->getNameAsString();
    G.Source = K.prelude() + Kernels;
    // The variant: begin at entry; every way out ends the call, and a call
    // that failed runs the CPU variant on the caller's untouched data.
    std::string Cpu = variantName(FD, "cpu") + "(" + callArgs(FD) + ")";
    bool Void = FD->getReturnType()->isVoidType();
    std::string Fallback = Void ? "{ " + Cpu + "; return; }" : "return " + Cpu + ";";
    bool Edited = edit(Body->getLBracLoc(),
                       G.Edits->insertAfterToken(
                           Body->getLBracLoc(), " " + abi::gpuBegin("__ppar_g", "__ppar_m_" + Fn) +
                                                    "; if (!__ppar_g) " + Fallback));
    std::function<void(const Stmt *)> Returns = [&](const Stmt *S) {
      if (!S)
        return;
      if (const auto *R = dyn_cast<ReturnStmt>(S)) {
        if (SM.isBeforeInTranslationUnit(LastKernelStmt->getEndLoc(), R->getBeginLoc()))
          return; // the call has ended: a plain return
        if (R->getBeginLoc().isMacroID()) {
          // `RET;` with `#define RET return x`: no text to end the call in.
          Edited = Edited && edit(R->getBeginLoc(), "a return statement comes from a macro");
          return;
        }
        std::string Text =
            R->getRetValue()
                ? "{ __auto_type __ppar_ret = " + hostText(R->getRetValue(), Ctx) +
                      "; if (" + abi::gpuEnd("__ppar_g") + ") " + Fallback + " return __ppar_ret; }"
                : "{ if (" + abi::gpuEnd("__ppar_g") + ") " + Fallback + " return; }";
        Edited = Edited &&
                 edit(R->getBeginLoc(),
                      G.Edits->replace(
                          SourceRange(R->getBeginLoc(), lastToken(R, SM, Ctx.getLangOpts())),
                          Text));
        return;
      }
      for (const Stmt *C : S->children())
        Returns(C);
    };
    Returns(Body);
    // The call ends after the last statement that holds a kernel: the data
    // is back on the host for whatever the function does next.
    SourceLocation Last = lastToken(LastKernelStmt, SM, Ctx.getLangOpts());
    if (!Edited ||
        !edit(Last, G.Edits->insertAfterToken(Last, " if (" + abi::gpuEnd("__ppar_g") + ") " +
                                                        Fallback)))
      return;
    PresumedLoc Def = SM.getPresumedLoc(FD->getLocation());
    const Annotation *Jit = P.F.find(Directive::Jit);
    std::vector<std::string> Names;
    for (unsigned I = 0; I < P.Loops.size(); ++I)
      Names.push_back(kernelName(I));
    G.Module = gpuModule(Fn, Fn, Def.getFilename(), Def.getLine(), G.Source, Names,
                         Jit->Cache, Jit->Fastmath);
    if (Report) // at the name: the annotation's line gets the declarations
      Sink.remark(FD->getLocation(),
                  "'" + Fn + "' runs its " + std::to_string(P.Loops.size()) +
                      " parallel loop" + (P.Loops.size() == 1 ? "" : "s") +
                      " as CUDA kernels" +
                      (T == Target::Auto ? " when a GPU is present" : ""));
    P.Gpu.emplace(std::move(G));
  }

private:
  std::string kernelName(unsigned I) const {
    return "__ppar_k_" + FD->getNameAsString() + "_" + std::to_string(I);
  }

  void decline(SourceLocation Loc, const std::string &Why) {
    Sink.warning(Loc, "'" + FD->getNameAsString() + "' runs on the CPU: " + Why);
  }

  /// True when an edit of the variant's text was accepted (Why is ""),
  /// else declines: the text at Loc cannot be rewritten safely.
  bool edit(SourceLocation Loc, const std::string &Why) {
    if (Why.empty())
      return true;
    decline(Loc, "the GPU variant cannot rewrite the code here: " + Why);
    return false;
  }

  /// The inner loop that makes L a 2-D kernel (LoopNest.h), or null: its
  /// variable declared in it, a constant step, and its reductions L's.
  const ForStmt *innerOf(const ParallelLoop &L) {
    std::optional<PerfectNest> Nest = perfectInner(L.Shape, FD, Pure);
    if (!Nest || !Nest->Inner.VarDeclaredInLoop || !Nest->Inner.Header.ConstStep)
      return nullptr;
    for (const Reduction &R : Nest->Scalars.Reductions)
      if (!llvm::any_of(L.Scalars.Reductions,
                        [&](const Reduction &O) { return O.Var == R.Var && O.Op == R.Op; }))
        return nullptr;
    return Nest->Inner.Loop;
  }

  /// The kernel of loop L (number I), and its launch in the variant.
  std::optional<std::string> outline(const ParallelLoop &L, unsigned I, GpuVariant &G) {
    SourceLocation At = L.Shape.Loop->getBeginLoc();
    if (!L.Shape.Header.ConstStep) {
      decline(At, "the loop's step is not a constant, which its kernel needs");
      return std::nullopt;
    }
    std::vector<NestLevel> Nest{{L.Shape.Var, L.Shape.Header, *L.Shape.Header.ConstStep}};
    const Stmt *Body = L.Shape.Loop->getBody();
    if (const ForStmt *Inner = innerOf(L)) {
      LoopHeader H = *readHeader(Inner);
      Nest.push_back({H.Var, H, *H.ConstStep});
      Body = Inner->getBody();
    }
    K.Free.clear();
    K.Addressed.clear();
    K.PointerStores.clear();
    K.Renamed.clear();
    for (const NestLevel &N : Nest)
      K.local(N.Var);
    std::string Params = "long long __ppar_lo0, long long __ppar_n0, ";
    std::string Args = "&__ppar_lo0, &__ppar_n0, ";
    if (Nest.size() == 2) {
      Params += "long long __ppar_lo1, long long __ppar_n1, ";
      Args += "&__ppar_lo1, &__ppar_n1, ";
    }
    Params += "int __ppar_serial";
    Args += "&__ppar_serial";
    std::string Start, Finish, Host, After, PerIteration;
    for (const Reduction &R : L.Scalars.Reductions) {
      std::string V = R.Var->getNameAsString();
      const ReductionOpInfo &Op = info(R.Op);
      QualType T = R.Var->getType();
      uint64_t Size = Ctx.getTypeSize(T) / 8;
      if (!T->isArithmeticType() || (Size != 4 && Size != 8)) {
        decline(R.Var->getLocation(), "the reduction of '" + V + "' (a '" + T.getAsString() +
                                          "') has no GPU version yet");
        return std::nullopt;
      }
      std::string Acc = "__ppar_acc_" + V, Red = "__ppar_red_" + V, Init = "__ppar_init_" + V;
      K.Renamed[R.Var] = Acc;
      std::string Decl = K.declare(T.getUnqualifiedType(), Acc, R.Var->getLocation());
      SourceLocation Loc = R.Var->getLocation();
      Params += ", " + K.declare(Ctx.getPointerType(T.getUnqualifiedType()), Red, Loc) + ", " +
                K.declare(T.getUnqualifiedType(), Init, Loc);
      Args += ", &" + Red + ", &" + Init;
      std::string First = Op.Idempotent
                              ? Init
                              : "(" + T.getUnqualifiedType().getAsString() + ")" + Op.Identity.str();
      Start += "  " + Decl + " = " + First + ";\n";
      Finish += "  __ppar_reduce(" + Acc + ", " + Red + ", " + Op.CudaFunctor.str() + "());\n";
      Host += "__typeof__(" + V + ") " + Init + " = " + V + ", *" + Red +
              " = " + abi::gpuReduction("__ppar_g", "&" + V, "sizeof " + V) + "; ";
      After += abi::gpuFetch("__ppar_g", "&" + V, Red, "sizeof " + V) + "; ";
    }
    for (const VarDecl *V : L.Scalars.Private) {
      K.local(V);
      PerIteration += K.declare(V->getType(), V->getNameAsString(), V->getLocation()) + "; ";
    }
    std::string Last;
    for (const VarDecl *V : L.Scalars.LastPrivate) {
      if (V == L.Shape.Var)
        continue;
      K.local(V);
      std::string N = V->getNameAsString(), Ptr = "__ppar_last_" + N;
      PerIteration += K.declare(V->getType(), N, V->getLocation()) + "; ";
      Params += ", " + K.declare(Ctx.getPointerType(V->getType()), Ptr, V->getLocation());
      Args += ", &" + Ptr;
      Host += "__typeof__(" + N + ") *" + Ptr + " = " +
              abi::gpuScratch("__ppar_g", "&" + N, "sizeof " + N) + "; ";
      After += abi::gpuFetch("__ppar_g", "&" + N, Ptr, "sizeof " + N) + "; ";
      Last += "    if (__ppar_last) *" + Ptr + " = " + N + ";\n";
    }

    std::set<const VarDecl *> ByValue; ///< pointers passed with the host's value
    std::string BodyText = K.stmt(Body);
    if (!isa<CompoundStmt>(Body))
      BodyText = "{ " + BodyText + (isa<Expr>(Body) ? ";" : "") + " }";
    if (const Expr *E = K.PointerLoad) {
      // A table of rows (`rows[i][k]`) is not one block of memory, and the
      // pointers in it are the host's: no transfer can make them valid.
      std::string Text = hostText(E, Ctx);
      decline(E->getBeginLoc(),
              "the loop reads " + (Text.empty() ? std::string("a pointer") : "'" + Text + "'") +
                  " from memory, a pointer (or a struct holding one) that the host stored: "
                  "a table of pointers such as 'rows[i][k]' need not point to one block of "
                  "memory, and a kernel cannot follow the host's pointers");
      return std::nullopt;
    }

    // The host variables the body reads become parameters: values by
    // value, memory by its device address.
    for (const auto &[V, Loc] : K.Free) {
      QualType T = V->getType();
      std::string N = V->getNameAsString();
      if ((T->isPointerType() || T->isArrayType()) && !hasExtent(L, V) &&
          !followedAt(Body, V)) {
        ByValue.insert(V);
        // The loop needs the pointer's value, not its memory: the host's.
        std::string Value = "__ppar_v_" + N;
        Params += ", " + K.declare((T->isArrayType() ? Ctx.getDecayedType(T) : T).getUnqualifiedType(),
                                     N, Loc);
        Host += "__typeof__(&*" + N + ") " + Value + " = " + N + "; ";
        Args += ", &" + Value;
        continue;
      }
      if (T->isArrayType() || T->isPointerType()) {
        std::string Lo, Hi;
        abi::GpuAccess Mode = abi::GpuAccess::Read;
        if (!extent(L, V, Lo, Hi, Mode))
          return std::nullopt;
        Ranges.push_back({V, Lo, Hi, Mode});
        Params += ", " + K.declare(T->isArrayType() ? Ctx.getDecayedType(T) : T, N, Loc);
        // Through the range's first byte: the pointer itself may lie before
        // the range (a loop from i = 1), where the runtime knows nothing.
        Host += "void *__ppar_p_" + N + " = (char *)" + abi::gpuPtr("__ppar_g", Lo) +
                " - ((const char *)" + Lo + " - (const char *)" + N + "); ";
        Args += ", &__ppar_p_" + N;
        Data.insert(V);
        continue;
      }
      if (const RecordDecl *RD = T->getAsRecordDecl())
        for (const FieldDecl *F : RD->fields())
          if (F->getType()->isPointerType()) {
            decline(Loc, "'" + N + "' holds the pointer '" + F->getNameAsString() +
                             "', which a kernel cannot follow");
            return std::nullopt;
          }
      Params += ", " + K.declare(T.getUnqualifiedType(), N, Loc);
      Args += ", &" + N;
    }

    // A pointer stored where the host sees it (memory, a variable the loop
    // leaves to the host) must be the host's: null, or a pointer passed by
    // value. A device address (an array on the GPU, the kernel's own
    // variables) would be wrong there.
    for (const BinaryOperator *B : K.PointerStores) {
      const auto *To = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParenImpCasts());
      const auto *ToVar = To ? dyn_cast<VarDecl>(To->getDecl()) : nullptr;
      bool Seen = !ToVar || std::find(L.Scalars.LastPrivate.begin(), L.Scalars.LastPrivate.end(),
                                      ToVar) != L.Scalars.LastPrivate.end();
      if (Seen && !hostValue(B->getRHS(), ByValue)) {
        decline(B->getRHS()->getBeginLoc(),
                "the loop stores the pointer '" + hostText(B->getRHS(), Ctx) +
                    "' where the host sees it, and in a kernel it would be a GPU address");
        return std::nullopt;
      }
    }

    // An address the loop stores (`p[i] = &x`) is the host's: the kernel
    // gets it by value and never follows it (a load of it is declined above).
    for (const auto &[V, Loc] : K.Addressed) {
      std::string N = KernelText::addressName(V);
      Params += ", " + K.declare(Ctx.getPointerType(V->getType()), N, Loc);
      Host += "__typeof__(&" + V->getNameAsString() + ") " + N + " = &" +
              V->getNameAsString() + "; ";
      Args += ", &" + N;
    }

    // Grid-stride loops over the iterations; `serial` (a run-time overlap
    // check failed) runs them all, in order, on one thread.
    std::string Name = kernelName(I);
    std::string Text = "extern \"C\" __global__ void " + Name + "(" + Params + ") {\n" + Start;
    const char *Axis[2] = {"x", "y"};
    std::string Index = "";
    for (size_t D = 0; D < Nest.size(); ++D) {
      // The outer loop on y when there are two, the inner one on x: threads
      // next to each other take elements next to each other.
      size_t Level = D;
      std::string A = Axis[Nest.size() == 2 && D == 0 ? 1 : 0];
      std::string T = "__ppar_t" + std::to_string(Level);
      std::string N = "__ppar_n" + std::to_string(Level);
      std::string First = "__ppar_serial ? (blockIdx.x | blockIdx.y | threadIdx.x | "
                          "threadIdx.y ? " + N + " : 0) : blockIdx." + A +
                          " * (long long)blockDim." + A + " + threadIdx." + A;
      std::string Stride = "__ppar_serial ? 1 : (long long)blockDim." + A + " * gridDim." + A;
      Text += std::string(2 + 2 * D, ' ') + "for (long long " + T + " = " + First + "; " + T +
              " < " + N + "; " + T + " += " + Stride + ")" +
              (D + 1 == Nest.size() ? " {\n" : "\n");
    }
    for (size_t Level = 0; Level < Nest.size(); ++Level) {
      const NestLevel &N = Nest[Level];
      QualType T = N.Var->getType().getUnqualifiedType();
      std::string L = std::to_string(Level);
      Index += "    " + K.declare(T, N.Var->getNameAsString(), N.Var->getLocation()) + " = (" +
               T.getAsString() + ")(__ppar_lo" + L + " + __ppar_t" + L + " * " +
               std::to_string(N.Step) + ");\n";
    }
    Text += Index;
    if (!PerIteration.empty())
      Text += "    " + PerIteration + "\n";
    Text += "    do " + BodyText + " while (0);\n";
    if (!Last.empty()) {
      std::string IsLast = "__ppar_t0 == __ppar_n0 - 1";
      if (Nest.size() == 2)
        IsLast += " && __ppar_t1 == __ppar_n1 - 1";
      Text += "    int __ppar_last = " + IsLast + ";\n" + Last;
    }
    Text += "  }\n" + Finish + "}\n";
    Text = KernelText::reindent(Text);

    // The launch, in place of the loop; as many lines as the loop had.
    std::string Launch = "{ " + tripText(Nest[0], 0, Ctx);
    if (Nest.size() == 2)
      Launch += tripText(Nest[1], 1, Ctx);
    std::string Checks;
    for (const std::string &C : L.Checks)
      Checks += (Checks.empty() ? "" : " && ") + C;
    Launch += "int __ppar_serial = " + (Checks.empty() ? std::string("0") : "!(" + Checks + ")") +
              "; " + Host +
              abi::gpuLaunch("__ppar_g", I, Nest.size() == 2 ? "__ppar_n1" : "__ppar_n0",
                             Nest.size() == 2 ? "__ppar_n0" : "1", {Args}) +
              "; " + After;
    const VarDecl *Var = L.Shape.Var;
    if (!L.Shape.VarDeclaredInLoop)
      Launch += Var->getNameAsString() + " = (__typeof__(" + Var->getNameAsString() +
                "))(__ppar_lo0 + __ppar_n0 * " + std::to_string(Nest[0].Step) + "); ";
    Launch += "}";
    SourceLocation Begin = directivePoint(SM, L);
    SourceLocation End = lastToken(L.Shape.Loop, SM, Ctx.getLangOpts());
    unsigned Lines = SM.getPresumedLineNumber(End) - SM.getPresumedLineNumber(Begin);
    if (!edit(Begin, G.Edits->replace(SourceRange(Begin, End), Launch + std::string(Lines, '\n'))))
      return std::nullopt;
    Loops.push_back(L.Shape.Loop);
    return Text;
  }

  /// The bytes loop L touches through V and how: from the loop's
  /// subscripts, else from a data clause. Else, when a clause could say,
  /// an error whose note at the annotation proposes one; when none could
  /// (V is not a parameter, or reaches a flexible array member), the
  /// function declines.
  bool extent(const ParallelLoop &L, const VarDecl *V, std::string &Lo, std::string &Hi,
              abi::GpuAccess &Mode) {
    const Annotation *Jit = P.F.find(Directive::Jit);
    std::string N = V->getNameAsString();
    SourceLocation Use = K.Free.lookup(V);
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
        clauseBounds(C, Lo, Hi);
        Mode = C.Direction == DataDirection::In    ? abi::GpuAccess::Read
               : C.Direction == DataDirection::Out ? abi::GpuAccess::Write
                                                   : abi::GpuAccess::ReadWrite;
        ExtentVars.push_back(Lo + " " + Hi);
        return true;
      }
    if (Touch && Touch->Known) {
      Lo = "(const void *)" + Touch->Lo;
      Hi = "(const void *)(" + Touch->Hi + ")";
      // Written memory is copied in too: the loop may not write all of it.
      Mode = Touch->Write ? abi::GpuAccess::ReadWrite : abi::GpuAccess::Read;
      ExtentVars.push_back(Lo + " " + Hi);
      return true;
    }
    if (isa_and_nonnull<ConstantArrayType>(Ctx.getAsArrayType(V->getType()))) {
      // An array of known size: all of it (an access outside it is
      // undefined in C anyway).
      Lo = "(const void *)&" + N;
      Hi = "(const void *)(&" + N + " + 1)";
      Mode = Touch && !Touch->Write ? abi::GpuAccess::Read : abi::GpuAccess::ReadWrite;
      ExtentVars.push_back(Lo + " " + Hi);
      return true;
    }
    if (!isa<ParmVarDecl>(V)) {
      decline(Use, "ppar cannot tell which elements of '" + N + "' the loop at line " +
                       lineOf(L) + " touches, and a data clause can name only parameters");
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
    for (const auto &[W, Use] : A.Vars)
      Computable &= isa<ParmVarDecl>(W) && !changedAt(FD->getBody(), W).isValid();
    if (!Computable) {
      Sink.error(Use, Why);
      return false;
    }
    std::string Len = hostText(Bound, Ctx);
    if (L.Shape.Header.Cmp == BO_LE)
      Len = "(" + Len + ") + 1";
    std::string Clause = (ReadOnly ? "in(" : "inout(") + N + "[0:" + Len + "])";
    Sink.error(Use, Why);
    Sink.report(DiagnosticsEngine::Note, jitLoc(),
                "add '" + Clause + "' if the loop touches only the elements " + N + "[0] to " +
                    N + "[" + Len + " - 1]",
                clauseFixIt(Clause));
    return false;
  }

  /// Where the jit annotation is written.
  SourceLocation jitLoc() const {
    for (const FoundAnnotation &A : P.F.Anns)
      if (A.Ann.Kind == Directive::Jit)
        return A.Loc;
    return P.F.Anns.front().Loc;
  }

  /// True when pointer expression E has a host value in a kernel: null,
  /// or (after casts and pointer arithmetic) a variable in ByValue.
  bool hostValue(const Expr *E, const std::set<const VarDecl *> &ByValue) const {
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

  /// A data clause or loop L's subscripts give the memory L touches
  /// through V.
  bool hasExtent(const ParallelLoop &L, const VarDecl *V) const {
    for (const DataClause &C : P.F.find(Directive::Jit)->Data)
      if (C.Name == V->getName())
        return true;
    for (const TouchedData &T : L.Touched)
      if (T.Base == V && T.Known)
        return true;
    return false;
  }

  std::string lineOf(const ParallelLoop &L) const {
    return std::to_string(SM.getPresumedLineNumber(L.Shape.Loop->getBeginLoc()));
  }

  /// The flexible array member loop L reaches through V (`V->v[i]`), or null.
  const FieldDecl *flexibleMember(const ParallelLoop &L, const VarDecl *V) {
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
  std::vector<FixItHint> clauseFixIt(const std::string &Clause) {
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

  /// Puts the data registration and copy-in before the first statement of
  /// the body that holds a kernel, after checking that the extents can be
  /// computed there and that no host statement from there on touches the
  /// data.
  bool placeData(const CompoundStmt *Body, GpuVariant &G) {
    auto Holds = [&](const Stmt *S) {
      for (const ForStmt *F : Loops)
        if (SM.isBeforeInTranslationUnit(S->getBeginLoc(), F->getBeginLoc().getLocWithOffset(1)) &&
            !SM.isBeforeInTranslationUnit(S->getEndLoc(), F->getEndLoc()))
          return true;
      return false;
    };
    // The device phase: from the first statement of the block that holds a
    // kernel to the last; the data lives on the GPU in between. The block
    // is the body, or the plain block `{ ... }` in it (nested) that holds
    // every kernel: it runs once at most, and the locals it declares
    // before the first kernel are in scope for the registrations.
    const CompoundStmt *Block = innermostBlock(Body);
    const Stmt *Anchor = nullptr;
    std::vector<const Stmt *> From;
    for (const Stmt *S : Block->body()) {
      if (!Anchor && Holds(S))
        Anchor = S;
      if (Anchor)
        From.push_back(S);
      if (Holds(S))
        LastKernelStmt = S;
    }
    if (!Anchor)
      return false;
    while (From.back() != LastKernelStmt)
      From.pop_back();
    findSwaps(Body, Anchor, From);
    // Variables the extents name must keep their values from the anchor on
    // (pointers that only trade places with each other are handled below).
    std::set<const VarDecl *> Named;
    for (const auto &[V, Use] : collectAccesses(Body).Vars)
      for (const std::string &E : ExtentVars)
        if (mentionsName(E, V->getName()))
          Named.insert(V);
    for (const Stmt *S : From) {
      for (const VarDecl *V : Named)
        if (SourceLocation At = changedAt(S, V); At.isValid() && !Swapped.count(V)) {
          decline(At, "'" + V->getNameAsString() + "' changes during the call, and the "
                      "data its kernels copy to the GPU depends on it; give the extents "
                      "with in/out/inout clauses over the parameters");
          return false;
        }
      // Host code touching the data while it lives on the GPU.
      std::function<bool(const Stmt *)> Touches = [&](const Stmt *T) -> bool {
        if (!T)
          return false;
        for (const ForStmt *F : Loops)
          if (T == F)
            return false;
        if (const auto *D = dyn_cast<DeclRefExpr>(T))
          if (const auto *V = dyn_cast<VarDecl>(D->getDecl());
              V && Data.count(V) && !SwapRefs.count(D)) {
            decline(D->getLocation(), "the host code here uses '" + V->getNameAsString() +
                                          "', whose data is on the GPU during the call");
            return true;
          }
        // Memory reached any other way may be the GPU's data under another
        // name (an alias, a global): only the function's own arrays that
        // no pointer can reach, and calls that touch no program memory.
        if (const auto *E = dyn_cast<Expr>(T); E && touchesMemory(E)) {
          decline(E->getBeginLoc(), "the host code here may touch memory that is on the "
                                    "GPU during the call");
          return true;
        }
        for (const Stmt *C : T->children())
          if (Touches(C))
            return true;
        return false;
      };
      if (Touches(S))
        return false;
    }
    // The registrations. A pointer that trades places with others may
    // point to any of their arrays when a kernel runs: each of them gets the
    // range at the same offsets, read and written.
    std::string Text;
    for (const DataRange &R : Ranges) {
      if (!Swapped.count(R.V)) {
        Text += abi::gpuData("__ppar_g", R.Lo, R.Hi, R.Mode) + "; ";
        continue;
      }
      if (!Roots.count(R.V)) {
        decline(R.V->getLocation(), "'" + R.V->getNameAsString() + "' trades places with "
                                    "other pointers but gets its first value after the data "
                                    "goes to the GPU");
        return false;
      }
      std::string V = "(const char *)(" + R.V->getNameAsString() + ")";
      for (const VarDecl *W : Roots)
        if (Group[W] == Group[R.V]) {
          std::string Base = "(const char *)(" + W->getNameAsString() + ")";
          Text += abi::gpuData("__ppar_g", Base + " + ((const char *)" + R.Lo + " - " + V + ")",
                               Base + " + ((const char *)" + R.Hi + " - " + V + ")",
                               abi::GpuAccess::ReadWrite) +
                  "; ";
        }
    }
    return edit(Anchor->getBeginLoc(),
                G.Edits->insertBefore(Anchor->getBeginLoc(),
                                      Text + abi::gpuCopyIn("__ppar_g") + "; "));
  }

  /// The innermost block that holds every kernel and is reached from the
  /// body through plain blocks alone (no loop, branch or label: it runs at
  /// most once per call), or Body.
  const CompoundStmt *innermostBlock(const CompoundStmt *Body) {
    bool Jumps = false;
    std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
      if (!S || Jumps)
        return;
      Jumps = isa<LabelStmt, GotoStmt, IndirectGotoStmt>(S);
      for (const Stmt *C : S->children())
        Walk(C);
    };
    Walk(Body);
    const CompoundStmt *Block = Body;
    while (!Jumps) {
      const Stmt *Only = nullptr;
      unsigned Holding = 0;
      for (const Stmt *S : Block->body())
        for (const ForStmt *F : Loops)
          if (!SM.isBeforeInTranslationUnit(F->getBeginLoc(), S->getBeginLoc()) &&
              !SM.isBeforeInTranslationUnit(S->getEndLoc(), F->getEndLoc())) {
            Only = S;
            ++Holding;
            break;
          }
      const auto *Inner = dyn_cast_or_null<CompoundStmt>(Only);
      if (Holding != 1 || !Inner)
        break;
      Block = Inner;
    }
    return Block;
  }

  /// True when host expression E (not its children) may read or write
  /// program memory other than its own scalars: a dereference, a subscript
  /// of anything but a private array, or a call of a function that is not
  /// pure or takes a pointer (stdio's printing functions aside, whose
  /// pointers are format strings and streams).
  bool touchesMemory(const Expr *E) {
    auto NamesData = [&](const Expr *Base) { // reported by its name instead
      const auto *D = dyn_cast<DeclRefExpr>(Base->IgnoreParenImpCasts());
      return D && Data.count(dyn_cast<VarDecl>(D->getDecl()));
    };
    if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref)
      return !NamesData(U->getSubExpr());
    if (const auto *M = dyn_cast<MemberExpr>(E); M && M->isArrow())
      return !NamesData(M->getBase());
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
      return !NamesData(A->getBase()) && !privateArray(A->getBase());
    const auto *C = dyn_cast<CallExpr>(E);
    if (!C)
      return false;
    const FunctionDecl *F = C->getDirectCallee();
    if (!F)
      return true;
    static const std::set<std::string> Printing = {"printf", "fprintf", "puts", "fputs",
                                                   "putchar", "fputc", "fflush"};
    bool Prints = Printing.count(F->getNameAsString()) != 0;
    if (!Prints && !Pure.isPure(F))
      return true;
    for (const Expr *Arg : C->arguments()) {
      QualType T = Arg->IgnoreParenImpCasts()->getType();
      if (!Arg->getType()->isPointerType() && !T->isArrayType())
        continue;
      bool Harmless = isa<StringLiteral>(Arg->IgnoreParenImpCasts()) ||
                      (Prints && T->isPointerType() && T->getPointeeType()->isRecordType());
      if (!Harmless)
        return true;
    }
    return false;
  }

  /// A local array of the function that no pointer can reach: every use of
  /// it is the base of a subscript.
  bool privateArray(const Expr *Base) {
    const auto *D = dyn_cast<DeclRefExpr>(Base->IgnoreParenImpCasts());
    const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
    if (!V || !V->getType()->isArrayType() || !V->hasLocalStorage() || Data.count(V))
      return false;
    bool OnlySubscripted = true;
    std::function<void(const Stmt *, bool)> Walk = [&](const Stmt *S, bool UnderSubscript) {
      if (!S)
        return;
      if (const auto *R = dyn_cast<DeclRefExpr>(S); R && R->getDecl() == V && !UnderSubscript)
        OnlySubscripted = false;
      const auto *A = dyn_cast<ArraySubscriptExpr>(S);
      for (const Stmt *C : S->children()) {
        bool Base = A && C == A->getBase();
        bool Cast = UnderSubscript && isa<ImplicitCastExpr>(S);
        Walk(C, Base || Cast);
      }
    };
    Walk(FD->getBody(), false);
    return OnlySubscripted;
  }

  /// Pointers that only trade places with each other during the device
  /// phase Phase (`t = u; u = v; v = t;`, the ping-pong of time steps):
  /// Swapped, grouped (Group), the copies' references (SwapRefs), and the
  /// members with a value at the anchor (Roots: parameters, and locals
  /// initialised before it). Every value a member holds in the phase is
  /// then one of the roots' values at the anchor.
  void findSwaps(const CompoundStmt *Body, const Stmt *Anchor,
                 const std::vector<const Stmt *> &Phase) {
    auto PointerVar = [](const Expr *E) -> const VarDecl * {
      const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
      const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
      return V && V->getType()->isPointerType() && !V->hasGlobalStorage() ? V : nullptr;
    };
    std::map<const VarDecl *, const VarDecl *> Parent;
    std::function<const VarDecl *(const VarDecl *)> Find = [&](const VarDecl *V) {
      auto It = Parent.find(V);
      if (It == Parent.end() || It->second == V)
        return Parent[V] = V;
      return It->second = Find(It->second);
    };
    std::vector<const Stmt *> Copies;
    std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
      if (!S || std::find(Loops.begin(), Loops.end(), S) != Loops.end())
        return;
      const VarDecl *To = nullptr, *From = nullptr;
      if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->getOpcode() == BO_Assign)
        To = PointerVar(B->getLHS()), From = PointerVar(B->getRHS());
      if (const auto *D = dyn_cast<DeclStmt>(S); D && D->isSingleDecl())
        if (const auto *V = dyn_cast<VarDecl>(D->getSingleDecl()); V && V->getInit())
          To = V->getType()->isPointerType() ? V : nullptr, From = PointerVar(V->getInit());
      if (To && From &&
          To->getType()->getPointeeType().getCanonicalType().getUnqualifiedType() ==
              From->getType()->getPointeeType().getCanonicalType().getUnqualifiedType()) {
        Parent[Find(To)] = Find(From);
        Copies.push_back(S);
        return;
      }
      if (const auto *D = dyn_cast<DeclStmt>(S); D && D->isSingleDecl())
        if (const auto *V = dyn_cast<VarDecl>(D->getSingleDecl()); V && !V->hasInit())
          Copies.push_back(S); // `double *w;` gives w no value: harmless too
      for (const Stmt *C : S->children())
        Walk(C);
    };
    Walk(Body);
    // A group counts only when its members get no other value in the
    // phase: no other assignment, no address taken, no declaration with
    // another initializer.
    std::set<const Stmt *> CopySet(Copies.begin(), Copies.end());
    std::set<const VarDecl *> Spoiled;
    for (auto &[V, P] : Parent)
      for (const Stmt *S : Phase)
        if (changedAt(S, V, &CopySet).isValid())
          Spoiled.insert(Find(V));
    for (auto &[V, P] : Parent) {
      const VarDecl *G = Find(V);
      if (Spoiled.count(G))
        continue;
      Swapped.insert(V);
      Group[V] = G;
      if (isa<ParmVarDecl>(V) ||
          (V->hasInit() && SM.isBeforeInTranslationUnit(V->getLocation(), Anchor->getBeginLoc())))
        Roots.insert(V);
    }
    for (const Stmt *S : Copies) {
      std::function<void(const Stmt *)> Refs = [&](const Stmt *T) {
        if (const auto *D = dyn_cast<DeclRefExpr>(T))
          if (const auto *V = dyn_cast<VarDecl>(D->getDecl()); V && Swapped.count(V))
            SwapRefs.insert(D);
        for (const Stmt *C : T->children())
          Refs(C);
      };
      Refs(S);
    }
  }

  /// What the kernels write, as regions PPAR_CHECK can save at entry: only
  /// when every loop's is known and names only parameters the body never
  /// changes; else none.
  std::vector<std::string> checkRegions(const CompoundStmt *Body) {
    std::vector<std::string> Regions;
    for (const ParallelLoop &L : P.Loops) {
      if (!L.Checkable)
        return {};
      Regions.insert(Regions.end(), L.Written.begin(), L.Written.end());
    }
    Accesses A = collectAccesses(Body);
    std::set<const VarDecl *> Named(A.Declared.begin(), A.Declared.end());
    for (const auto &[V, Use] : A.Vars)
      Named.insert(V);
    for (const std::string &R : Regions)
      for (const VarDecl *V : Named)
        if (mentionsName(R, V->getName()) &&
            (!isa<ParmVarDecl>(V) || changedAt(Body, V).isValid()))
          return {};
    return Regions;
  }

  /// The pointer parameters the dispatcher may move onto host copies of
  /// resident data: never assigned in the body, not trading places, with
  /// ranges that name only such parameters (computable at entry).
  std::vector<HostCopy> hostCopies(const CompoundStmt *Body) {
    Accesses A = collectAccesses(Body);
    std::set<const VarDecl *> Named(A.Declared.begin(), A.Declared.end());
    for (const auto &[V, Use] : A.Vars)
      Named.insert(V);
    std::vector<HostCopy> Copies;
    for (const VarDecl *V : Data) {
      const auto *PV = dyn_cast<ParmVarDecl>(V);
      if (!PV || !PV->getType()->isPointerType() || PV->getType().isConstQualified() ||
          Swapped.count(V) || changedAt(Body, V).isValid())
        continue;
      HostCopy C{V->getNameAsString(), {}};
      bool AtEntry = true;
      for (const DataRange &R : Ranges) {
        if (R.V != V)
          continue;
        for (const VarDecl *W : Named)
          if ((mentionsName(R.Lo, W->getName()) || mentionsName(R.Hi, W->getName())) &&
              (!isa<ParmVarDecl>(W) || changedAt(Body, W).isValid()))
            AtEntry = false;
        C.Bounds.push_back(R.Lo);
        C.Bounds.push_back(R.Hi);
      }
      if (AtEntry && !C.Bounds.empty())
        Copies.push_back(std::move(C));
    }
    // In parameter order, so the text does not depend on pointer values.
    std::sort(Copies.begin(), Copies.end(), [&](const HostCopy &X, const HostCopy &Y) {
      return paramIndex(X.Param) < paramIndex(Y.Param);
    });
    return Copies;
  }

  unsigned paramIndex(const std::string &Name) const {
    for (unsigned I = 0; I < FD->getNumParams(); ++I)
      if (FD->getParamDecl(I)->getName() == Name)
        return I;
    return FD->getNumParams();
  }

  /// Where S, outside the kernels, assigns V, changes it, takes its address
  /// or declares it; invalid when nowhere.
  SourceLocation changedAt(const Stmt *S, const VarDecl *V,
                           const std::set<const Stmt *> *Skip = nullptr) {
    if (!S || std::find(Loops.begin(), Loops.end(), S) != Loops.end() ||
        (Skip && Skip->count(S)))
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

  static bool mentionsName(llvm::StringRef Text, llvm::StringRef Name) {
    for (size_t At = Text.find(Name); At != llvm::StringRef::npos;
         At = Text.find(Name, At + 1)) {
      auto Ident = [](char C) { return isalnum((unsigned char)C) || C == '_'; };
      bool Before = At > 0 && Ident(Text[At - 1]);
      bool After = At + Name.size() < Text.size() && Ident(Text[At + Name.size()]);
      if (!Before && !After)
        return true;
    }
    return false;
  }

  FunctionPlan &P;
  Purity &Pure;
  DiagSink &Sink;
  bool Report;
  const FunctionDecl *FD;
  const ASTContext &Ctx;
  const SourceManager &SM;
  KernelText K;
  std::vector<const ForStmt *> Loops; ///< the loops outlined so far
  const Stmt *LastKernelStmt = nullptr; ///< the body's last statement holding one
  std::set<const VarDecl *> Data;     ///< variables whose data the kernels use
  std::vector<std::string> ExtentVars; ///< the extents' text, to find their variables
  /// The memory each kernel uses through a variable, registered at the anchor.
  struct DataRange {
    const VarDecl *V;
    std::string Lo, Hi;
    abi::GpuAccess Mode;
  };
  std::vector<DataRange> Ranges;
  std::set<const VarDecl *> Swapped, Roots;        ///< see findSwaps
  std::map<const VarDecl *, const VarDecl *> Group;
  std::set<const DeclRefExpr *> SwapRefs;
};

} // namespace

std::string gpuModule(const std::string &Id, const std::string &Fn,
                      const std::string &File, unsigned Line, const std::string &Source,
                      const std::vector<std::string> &Kernels, bool Cache,
                      bool FastMath) {
  // One string piece per line, so the rewritten file reads as the kernels do.
  std::string Literal;
  for (llvm::StringRef Rest = Source; !Rest.empty();) {
    auto [Line, Tail] = Rest.split('\n');
    std::string Q = quoted(Line);
    Literal += "\n  " + Q.insert(Q.size() - 1, "\\n");
    Rest = Tail;
  }
  return "static const char __ppar_src_" + Id + "[] =" + Literal + ";\n" +
         abi::moduleDef("__ppar_m_" + Id, Fn, File, Line, "__ppar_src_" + Id, Kernels,
                        {Cache, FastMath});
}

void planGpuVariant(FunctionPlan &P, Purity &Pure, DiagSink &Sink, bool Report) {
  const Annotation *Jit = P.F.find(Directive::Jit);
  if (!Jit || !Jit->TargetKind ||
      (*Jit->TargetKind != Target::Cuda && *Jit->TargetKind != Target::Auto))
    return;
  if (P.Loops.empty())
    return;
  Planner(P, Pure, Sink, Report).run(*Jit->TargetKind);
}

} // namespace ppar
