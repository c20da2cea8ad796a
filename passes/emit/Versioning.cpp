//===- Versioning.cpp -----------------------------------------------------===//

#include "emit/Versioning.h"
#include "emit/EntryGate.h"
#include "emit/abi/Gpu.h"
#include "emit/cuda/CudaVariant.h"
#include "emit/cuda/GpuCheck.h"
#include "analysis/Accesses.h"
#include "emit/RangeText.h"
#include "emit/abi/Loops.h"
#include "emit/openmp/OpenMPEmit.h"
#include "emit/openmp/RegionEmit.h"
#include "emit/openmp/ScheduleEmit.h"
#include "support/CText.h"
#include "support/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include <functional>

using namespace clang;

namespace ppar {

std::string variantName(const FunctionDecl *FD, llvm::StringRef Suffix) {
  // A reserved identifier, so no user name can collide with it.
  return "__ppar_" + Suffix.str() + "_" + FD->getNameAsString();
}


/// `static <ret> <name>(<params>)`, in the user's spelling where possible
/// (macros and VLA bounds kept), printed from the AST otherwise.
static std::string prototype(const FunctionDecl *FD, const std::string &Name) {
  const ASTContext &Ctx = FD->getASTContext();
  PrintingPolicy Policy(Ctx.getLangOpts());
  // A return type that is not a plain prefix of the declarator (a pointer
  // to function or array) has no source range of its own: name it through
  // __typeof__, which takes any type name.
  std::string Ret = sourceText(FD->getReturnTypeSourceRange(), Ctx);
  if (Ret.empty())
    Ret = "__typeof__(" + FD->getReturnType().getAsString(Policy) + ")";
  std::string Params;
  for (const ParmVarDecl *P : FD->parameters()) {
    std::string Text = sourceText(P->getSourceRange(), Ctx);
    if (Text.empty()) {
      llvm::raw_string_ostream OS(Text);
      P->getOriginalType().print(OS, Policy, P->getName());
    }
    Params += (Params.empty() ? "" : ", ") + Text;
  }
  return "static " + Ret + " " + Name + "(" + (Params.empty() ? "void" : Params) + ")";
}


/// The start of the attribute list around an attribute name at Loc: steps
/// back over `ppar::`, `[[` or `__attribute__((`. Offsets in Loc's file.
static unsigned attributeListStart(const SourceManager &SM, SourceLocation Loc) {
  auto [FID, Offset] = SM.getDecomposedLoc(Loc);
  llvm::StringRef Opened = SM.getBufferData(FID).substr(0, Offset).rtrim(" \t");
  if (Opened.consume_back("::"))
    Opened = Opened.rtrim(" \t").drop_back(4).rtrim(" \t"); // the `ppar` scope
  if (!Opened.ends_with("[[") && !Opened.ends_with("(("))
    return Offset;
  Opened = Opened.drop_back(2).rtrim(" \t");
  if (!Opened.consume_back("__attribute__"))
    Opened.consume_back("__attribute");
  return Opened.size();
}

/// True when Loc is where a `#pragma` or `_Pragma` starts.
static bool isPragma(const SourceManager &SM, SourceLocation Loc) {
  llvm::StringRef At = SM.getCharacterData(Loc);
  return At.starts_with("#") || At.starts_with("_Pragma");
}

/// Where the forward declarations go: before the function and its
/// attributes, at the start of their line when only blanks precede them.
static SourceLocation declarationPoint(const FunctionDecl *FD) {
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  SourceLocation Earliest = SM.getExpansionLoc(FD->getBeginLoc());
  for (const Attr *A : FD->attrs()) {
    SourceLocation L = SM.getExpansionLoc(A->getLocation());
    if (A->isInherited() || L.isInvalid() || !SM.isWrittenInSameFile(L, Earliest))
      continue;
    if (isPragma(SM, L))
      continue; // a pragma's own line: the declaration comes after it
    if (SM.isBeforeInTranslationUnit(L, Earliest))
      Earliest = L;
  }
  FileID FID = SM.getFileID(Earliest);
  unsigned Start = attributeListStart(SM, Earliest);
  llvm::StringRef Prefix = SM.getBufferData(FID).substr(0, Start);
  size_t LineStart = Prefix.find_last_of('\n') + 1; // npos + 1 == 0
  if (Prefix.substr(LineStart).trim().empty())
    Start = LineStart;
  return SM.getComposedLoc(FID, Start);
}

/// Where a loop's OpenMP directive goes: before the `for`, or before the
/// [[ppar::prange]] attribute list that marks it.
SourceLocation directivePoint(const SourceManager &SM, const ParallelLoop &L) {
  if (!L.Mark)
    return L.Shape.Loop->getBeginLoc();
  SourceLocation Marker = SM.getExpansionLoc(L.Mark->Loc);
  if (L.Mark->ByAttribute && Marker.isFileID())
    return SM.getComposedLoc(SM.getFileID(Marker), attributeListStart(SM, Marker));
  return L.Shape.Loop->getBeginLoc();
}




std::string callArgs(const FunctionDecl *FD) {
  std::string Args;
  for (const ParmVarDecl *P : FD->parameters())
    Args += (Args.empty() ? "" : ", ") + P->getNameAsString();
  return Args;
}

/// PPAR_CHECK's save and compare of one scalar the loop defines: a
/// variable (Name), or an array element (Expr, whose accumulator is Name).
struct CheckedScalar {
  std::string Name;
  abi::CheckTolerance Tolerance;
  std::string Expr = "";
  const std::string &text() const { return Expr.empty() ? Name : Expr; }
};

/// The accumulators of L's reductions into array elements: `{ T acc =
/// x[i]; ` before the loop, ` x[i] = acc; }` after it, and each mention of
/// the element in the loop's variant text read as acc. The serial copies
/// keep the element.
static std::string elementAccumulators(EditSet &Variant, const ParallelLoop &L,
                                       const ASTContext &Ctx, std::string &Open,
                                       std::string &Close) {
  for (const Reduction &R : L.Scalars.Reductions) {
    if (!R.Element)
      continue;
    std::string Acc = R.Var->getNameAsString();
    std::string Elem = sourceText(R.Element->getSourceRange(), Ctx);
    if (Elem.empty())
      return "the element '" + Acc + "' reduces is not written in the file";
    Open += "__typeof__(" + Elem + ") " + Acc + " = " + Elem + "; ";
    Close += " " + Elem + " = " + Acc + ";";
    for (const Expr *Use : R.Uses)
      if (std::string Why = Variant.replace(Use->getSourceRange(), Acc); !Why.empty())
        return Why;
  }
  if (!Open.empty()) {
    Open = "{ " + Open;
    Close += " }";
  }
  return "";
}

/// How PPAR_CHECK compares a reduction's result: the serial loop folds in
/// another order, so a floating-point one only within a tolerance.
static abi::CheckTolerance toleranceOf(const Reduction &R, const ASTContext &Ctx) {
  QualType T = R.Var->getType();
  bool Single = T->isRealFloatingType() && Ctx.getTypeSize(T) <= 32;
  return Single ? abi::CheckTolerance::Single : abi::CheckTolerance::Relative;
}

/// The text of L's reordered or tiled nest (ScheduleEmit.h), its statements
/// copied from Plain under `#line`; "" when L keeps its order or the new
/// one cannot be printed.
static std::string transformedText(const EditSet &Plain, const ParallelLoop &L,
                                   const std::string &File) {
  if (!L.Transform)
    return "";
  const SourceManager &SM = L.Shape.Var->getASTContext().getSourceManager();
  SourceRange Whole(L.Shape.Loop->getBeginLoc(), L.Shape.Loop->getEndLoc());
  if (!Plain.copyProblem(Whole).empty())
    return "";
  // A statement's text as written, macros unexpanded: they expand alike
  // where it is pasted, since its variables keep their names.
  auto Text = [&](const Stmt *S) {
    CharSourceRange R = SM.getExpansionRange(S->getSourceRange());
    return Plain.text(SourceRange(R.getBegin(), R.getEnd()));
  };
  auto Line = [&](const Stmt *S) {
    PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(S->getBeginLoc()));
    return lineDirective(P.getLine(), File) + std::string(P.getColumn() - 1, ' ');
  };
  std::string Why;
  return scheduleText(*L.Transform, "_Pragma(\"" + openMPDirective(ScalarPlan{}, 1) + "\") ",
                      Text, Line, Why);
}

/// Rewrites one parallel loop L inside the multi-core variant, which also
/// serves PPAR_CHECK (one copy of the function, not two). With run-time
/// overlap checks, or with PPAR_CHECK, the loop needs a serial copy:
///
///   if (<overlap checks hold>) { _Pragma("omp parallel for ...") loop }
///   else serial copy
///
///   { check: if (checking() && begin) { save the inputs;
///       serial copy; keep its results, restore the inputs }
///     _Pragma("omp parallel for ...") loop
///     check: compare }
///
/// and both at once:
///
///   { int __ppar_par = <overlap checks hold>;
///     check: if (__ppar_par && checking() && begin) save
///     if (!__ppar_par || check) serial copy
///     check: keep, restore
///     if (__ppar_par) { _Pragma("omp parallel for ...") loop }
///     check: compare }
///
/// Each copy sits under #line so it keeps the user's lines. Plain holds
/// the edits every copy of the body gets. Returns why an edit was refused,
/// or "".
static std::string emitLoop(EditSet &Variant, const EditSet &Plain,
                            const ParallelLoop &L, const FunctionDecl *FD,
                            const std::string &File) {
  const ASTContext &Ctx = FD->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation At = directivePoint(SM, L);
  // A reordered or tiled nest: its text replaces the loop's in the
  // parallel version (the serial copy keeps the user's order).
  std::string Transformed = transformedText(Plain, L, File);
  for (const SimdLoop &S : L.Simd)
    if (std::string Why = Variant.insertBefore(S.Shape.Loop->getBeginLoc(),
                                               "_Pragma(\"" + simdDirective(S) + "\") ");
        !Why.empty())
      return Why;
  SourceLocation End = lastToken(L.Shape.Loop, SM, Ctx.getLangOpts());
  PresumedLoc Begin = SM.getPresumedLoc(At);
  PresumedLoc Last = SM.getPresumedLoc(
      Lexer::getLocForEndOfToken(End, 0, SM, Ctx.getLangOpts()));
  std::string AtLine = "\n#line " + std::to_string(Begin.getLine()) + " " + File +
                       "\n" + std::string(Begin.getColumn() - 1, ' ');
  std::string Cond = llvm::join(cpuLoopConditions(L), " && ");
  std::string Serial;
  if (!Cond.empty() || L.Checkable) {
    if (std::string Why = Plain.copyProblem(SourceRange(At, End)); !Why.empty())
      return Why;
    Serial = AtLine + Plain.text(SourceRange(At, End));
  }

  std::string Pre, Post;
  if (L.Checkable) {
    std::vector<CheckedScalar> Scalars;
    for (const Reduction &R : L.Scalars.Reductions)
      Scalars.push_back({R.Var->getNameAsString(), toleranceOf(R, Ctx),
                         R.Element ? sourceText(R.Element->getSourceRange(), Ctx) : ""});
    for (const VarDecl *V : L.Scalars.LastPrivate)
      if (V->getType()->isArithmeticType())
        Scalars.push_back({V->getNameAsString(), abi::CheckTolerance::Exact});
    std::string Declare, Save, Keep, Compare, Hide, Show;
    for (const CheckedScalar &S : Scalars) {
      std::string V0 = "__ppar_" + S.Name + "0", V1 = "__ppar_" + S.Name + "1";
      const std::string &X = S.text();
      Declare += "__typeof__(" + X + ") " + V0 + ", " + V1 + "; ";
      Save += V0 + " = " + X + "; ";
      // A variable gets its value before the loop back; an element, memory
      // the loop writes, is restored by checkMid, which keeps its serial value.
      Keep += V1 + " = " + X + "; " + (S.Expr.empty() ? X + " = " + V0 + "; " : "");
      Compare += abi::checkScalar("__ppar_c", X, "(double)" + X,
                                  "(double)" + V1, S.Tolerance) + "; ";
      // An element is compared above within the reduction's tolerance; the
      // exact comparison of the memory the loop wrote sees the serial value.
      if (!S.Expr.empty()) {
        std::string Par = "__ppar_" + S.Name + "2";
        Hide += "{ __typeof__(" + X + ") " + Par + " = " + X + "; " + X + " = " + V1 + "; ";
        Show = " " + X + " = " + Par + "; }" + Show;
      }
    }
    // Only loops that run in parallel are compared; without the memory to
    // save the input (begin gives null) the serial copy must not run.
    std::string Start = abi::checking() + " && (__ppar_c = " +
                        abi::checkBegin(FD->getName(), File, Begin.getLine(),
                                        writtenRegionTexts(L)) +
                        ")";
    Keep += abi::checkMid("__ppar_c") + "; ";
    std::string Handle = abi::checkType() + " *__ppar_c = 0; ";
    Pre = "{ ";
    if (Cond.empty()) {
      Pre += Handle + Declare + "if (" + Start +
             ") { " + Save + Serial + AtLine + Keep + "} ";
    } else {
      Pre += "int __ppar_par = " + Cond + "; " + Handle + Declare + "if (__ppar_par && " + Start + ") { " + Save +
             "} if (!__ppar_par || __ppar_c) {" + Serial + AtLine + " } if (__ppar_c) { " +
             Keep + "} if (__ppar_par) { ";
      Post = " }";
    }
    Post += " if (__ppar_c) { " + Compare + Hide + abi::checkEnd("__ppar_c") + ";" + Show +
            " } }";
  } else if (!Cond.empty()) {
    Pre = "if (" + Cond + ") { ";
    Post = " } else" + Serial;
  }
  // A loop variable kept after the loop gets its first value as the serial
  // loop gives it, even when the loop runs zero times (OpenMP then leaves a
  // lastprivate variable as it was).
  const VarDecl *Var = L.Shape.Var;
  bool Kept = std::find(L.Scalars.LastPrivate.begin(), L.Scalars.LastPrivate.end(),
                        Var) != L.Scalars.LastPrivate.end();
  std::string Init = sourceText(L.Shape.Header.Init->getSourceRange(), Ctx);
  if (!L.Shape.VarDeclaredInLoop && Kept && !Init.empty() &&
      collectAccesses(L.Shape.Header.Init).Calls.empty()) {
    // Two statements where the loop was one: a block, or the loop would
    // leave the unbraced body of an outer `for` or `if`.
    if (Pre.empty()) {
      Pre = "{ ";
      Post = " }";
    }
    Pre += Var->getNameAsString() + " = " + Init + "; ";
  }
  // Floating-point reductions: a parallel region around the loop whose
  // threads keep partials, combined in a fixed order after it.
  std::string After = "\n#line " + std::to_string(Last.getLine()) + " " + File + "\n" +
                      padding(SM, End, Last);
  if (!Transformed.empty())
    return Variant.replace(SourceRange(At, End), Pre + Transformed + Post + After);
  ReductionText Red = reductionText(L, Ctx);
  std::string AccOpen, AccClose;
  if (std::string Why = elementAccumulators(Variant, L, Ctx, AccOpen, AccClose); !Why.empty())
    return Why;
  if (std::string Why =
          Variant.insertBefore(At, Pre + AccOpen + Red.Open + openMPPragmaText(L));
      !Why.empty())
    return Why;
  if (!Red.BodyOpen.empty()) {
    const Stmt *Body = L.Shape.Loop->getBody();
    std::string Why;
    if (const auto *C = dyn_cast<CompoundStmt>(Body)) {
      Why = Variant.insertAfterToken(C->getLBracLoc(), " " + Red.BodyOpen);
    } else {
      Why = Variant.insertBefore(Body->getBeginLoc(), "{ " + Red.BodyOpen);
      Red.Close = " }" + Red.Close;
    }
    if (!Why.empty())
      return Why;
  }
  Post = Red.Close + AccClose + Post;
  if (Post.empty())
    return "";
  return Variant.insertAfterToken(End, Post + After);
}

/// `__func__` in a copy names the user's function, not the variant. (One
/// inside a statement another edit replaces keeps the variant's name.)
static void keepFunctionName(EditSet &Variant, const FunctionDecl *FD) {
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *PE = dyn_cast<PredefinedExpr>(S)) {
      SourceLocation L = PE->getLocation();
      if (L.isFileID())
        (void)Variant.replace(L, quoted(FD->getName()));
      return;
    }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(FD->getBody());
}

/// The dispatcher's `static struct __ppar_rt_fn __ppar_fn = {...};`: the
/// variants it has and where the user asked it to run.
static std::string dispatcherObject(const FunctionPlan &P) {
  const FunctionDecl *FD = P.F.FD;
  PresumedLoc Def = FD->getASTContext().getSourceManager().getPresumedLoc(FD->getLocation());
  std::vector<abi::Variant> Vs = {abi::Variant::Cpu, abi::Variant::Check};
  abi::RunTarget T = abi::RunTarget::Cpu;
  if (P.Gpu) {
    Vs.push_back(abi::Variant::Cuda);
    T = P.Gpu->Target;
  }
  return abi::fnObject("__ppar_fn", FD->getName(), Def.getFilename(), Def.getLine(), Vs, T);
}

bool emitVersions(Rewriter &Main, const FunctionPlan &P, DiagSink &Sink) {
  if (!P.hasCpuVariant())
    return true;
  const FunctionDecl *FD = P.F.FD;
  const ASTContext &Ctx = FD->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Body = cast<CompoundStmt>(FD->getBody());
  if (Body->getLBracLoc().isMacroID() || Body->getRBracLoc().isMacroID() ||
      FD->getLocation().isMacroID()) {
    Sink.error(FD->getLocation(), "'" + FD->getNameAsString() +
                                      "' is defined by a macro expansion, "
                                      "which ppar cannot rewrite");
    return false;
  }

  PresumedLoc Def = SM.getPresumedLoc(FD->getLocation());
  PresumedLoc Open = SM.getPresumedLoc(Body->getLBracLoc());
  PresumedLoc Close = SM.getPresumedLoc(Body->getRBracLoc());
  std::string File = quoted(Open.getFilename());
  struct Kind {
    const char *Suffix;
    std::optional<abi::Variant> Choice; ///< none: dispatched by nothing
    bool Checking;
  };
  // The multi-core variant, which also runs PPAR_CHECK: each parallel
  // loop's serial copy then the loop, compared.
  std::vector<Kind> Kinds = {{"cpu", abi::Variant::Cpu, false},
                             {"cpu", abi::Variant::Check, true}};
  // The GPU variant (CudaVariant.h), when planned; for PPAR_CHECK of it, a
  // plain copy of the body to compare it with (`serial`, dispatched by
  // nothing) and the function that compares (`gcheck`).
  bool GpuCheck = P.Gpu && !P.Gpu->CheckRegions.empty();
  if (P.Gpu)
    Kinds.push_back({"cuda", abi::Variant::Cuda, false});
  if (GpuCheck)
    Kinds.push_back({"serial", std::nullopt, false});

  // 1. The variants' declarations, on the function's first line; 2. the
  // dispatcher, right after the opening brace.
  std::string Decls, Cases;
  bool Void = FD->getReturnType()->isVoidType();
  for (const Kind &K : Kinds) {
    // Never inlined into the dispatcher: a function holding an OpenMP
    // region starts libomp on entry (clang asks for the thread number
    // there), which would cost the user's serial path its first
    // millisecond and a call per call.
    if (!K.Checking)
      Decls += "__attribute__((noinline)) " + prototype(FD, variantName(FD, K.Suffix)) + "; ";
    if (!K.Choice)
      continue;
    std::string Suffix = K.Checking && GpuCheck ? "gcheck" : K.Suffix;
    std::string Call = variantName(FD, Suffix) + "(" + callArgs(FD) + ")";
    std::string Run = Void ? Call + "; return;" : "return " + Call + ";";
    // The multi-core variant only when some loop may pay for the threads;
    // else the user's own body, below the switch (EntryGate.h).
    if (*K.Choice == abi::Variant::Cpu)
      if (std::optional<std::string> Gate = entryGate(P))
        Run = "if (" + *Gate + ") { " + Run + " } break;";
    Cases += " case " + abi::name(*K.Choice).str() + ": " + Run;
  }
  if (GpuCheck)
    Decls += prototype(FD, variantName(FD, "gcheck")) + "; ";
  // 3. The variants: the body with OpenMP directives before its loops.
  // Duplicated user code would repeat the user's warnings; the original
  // body already shows them once.
  std::string Text = "\n#pragma clang diagnostic push\n"
                     "#pragma clang diagnostic ignored \"-Weverything\"";
  // Every variant is the body's text with one set of edits that cannot
  // collide (EditSet.h), comments dropped.
  EditSet Plain(SM, Ctx.getLangOpts(), Body->getSourceRange());
  keepFunctionName(Plain, FD);
  for (const Kind &K : Kinds) {
    if (K.Checking)
      continue; // the multi-core variant's own code
    bool Cuda = std::string(K.Suffix) == "cuda";
    EditSet Variant = Cuda ? *P.Gpu->Edits : EditSet(SM, Ctx.getLangOpts(), Body->getSourceRange());
    if (Cuda) {
      Text += "\n" + P.Gpu->Module;
    } else {
      for (const ParallelLoop &L : P.Loops)
        if (std::string Why = emitLoop(Variant, Plain, L, FD, File); !Why.empty()) {
          // The loop's text cannot be copied (it cuts a preprocessor
          // conditional in two): the function stays as written, serial.
          Sink.warning(L.Shape.Loop->getBeginLoc(),
                       "'" + FD->getNameAsString() + "' runs serially: ppar cannot copy the "
                       "text of this loop: " + Why);
          return true;
        }
      // Serial loops around parallel ones: one region for all of them.
      for (const ParallelRegion &R : P.Regions) {
        if (std::string(K.Suffix) != "cpu")
          break;
        EditSet Copy(SM, Ctx.getLangOpts(), Body->getSourceRange());
        keepFunctionName(Copy, FD);
        // A region whose text cannot be made leaves Variant as it was:
        // the loop keeps one region per parallel loop.
        (void)emitRegion(Variant, Plain, Copy, R, P, File);
      }
    }
    keepFunctionName(Variant, FD);
    Text += "\n#line " + std::to_string(Open.getLine()) + " " + File + "\n" +
            prototype(FD, variantName(FD, K.Suffix)) + " " + Variant.text();
  }
  if (GpuCheck) // PPAR_CHECK of the GPU variant (GpuCheck.h)
    Text += gpuCheckFunction(P, prototype(FD, variantName(FD, "gcheck")), File,
                             Open.getLine(), Def.getLine());
  Text += "\n#pragma clang diagnostic pop\n#line " + std::to_string(Close.getLine()) +
          " " + File + "\n" +
          padding(SM, Body->getRBracLoc(),
                  SM.getPresumedLoc(Body->getRBracLoc().getLocWithOffset(1)));
  Main.InsertTextBefore(declarationPoint(FD), Decls);
  Main.InsertTextAfterToken(
      Body->getLBracLoc(),
      " " + dispatcherObject(P) +
          (P.Gpu ? hostCopyPrologue(P.Gpu->HostCopies) : std::string()) + " switch (" +
          abi::choose("__ppar_fn") + ") {" + Cases + " default: break; }");
  Main.InsertTextAfterToken(Body->getRBracLoc(), Text);
  return true;
}

} // namespace ppar
