//===- Driver.h - Plan every directive of a file, then emit --------------===//
//
// The one driver of the passes. The plugin binds the annotations of a
// translation unit and hands the annotated functions here; the driver then
//   1. runs the planner of every directive (Directives.def, in row order),
//      each once over the whole unit, with analyses shared through the Unit;
//   2. when nothing reported an error, runs every emitter, in row order,
//      into one Rewriter;
// and returns what the plugin needs to compile the result. The report
// (remarks, JSON) is printed from the plans.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_DRIVER_H
#define PPAR_PASSES_DRIVER_H

#include "analysis/Purity.h"
#include "annotations/Binding.h"
#include "plan/Pipeline.h"
#include "plan/Plan.h"
#include "support/DiagSink.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class Sema;
}

namespace ppar {

/// One translation unit while the passes run: what they read, the analyses
/// they share, and what they produce for the compile.
struct Unit {
  Unit(clang::ASTContext &Ctx, std::vector<AnnotatedFunction> Functions,
       DiagSink &Sink, const PipelineOptions &Opts);

  clang::ASTContext &Ctx;
  DiagSink &Sink;
  const PipelineOptions &Opts;
  /// The parse reported errors in annotations (the pragma and attribute
  /// handlers report to clang, not to Sink).
  bool AnnotationErrors = false;
  Purity Pure;       ///< which functions are pure or write memory, cached
  clang::Rewriter R; ///< the emitters' edits of the main file

  /// One plan per annotated function, in source order; each directive's
  /// planner fills in its part. The report is printed from them.
  std::vector<FunctionPlan> Plans;
  /// Set by the emitters: the rewritten unit needs -fopenmp, has simd loops.
  bool UsesOpenMP = false, UsesSimd = false;
  /// The CUDA source of each kernel module, by function name, for -emit.
  std::vector<std::pair<std::string, std::string>> Kernels;

  /// Whether an error was reported so far, by the parse or a pass.
  bool hasErrors() const { return AnnotationErrors || Sink.hasErrors(); }

  /// The plans of the functions that carry directive K.
  std::vector<FunctionPlan *> with(Directive K);
};

/// One directive's work on a unit. Plans are data (plan/); only emit
/// writes text (emit/).
class DirectivePass {
public:
  virtual ~DirectivePass() = default;
  /// Plans what the directive does in U; problems go to U.Sink.
  virtual void plan(Unit &U) = 0;
  /// Writes the plans into U.R; false after an error to U.Sink.
  virtual bool emit(Unit &U) = 0;
};

/// The factories named in Directives.def.
std::unique_ptr<DirectivePass> createJitPass();
std::unique_ptr<DirectivePass> createVectorizePass();
std::unique_ptr<DirectivePass> createDelayedPass();

/// Declares, in the analysis parse, the functions the directives of
/// definition FD will generate (vectorize's f_vec), right after FD is
/// parsed, so code after FD that calls them parses as it will once they are
/// written.
void declareGenerated(clang::Sema &S, clang::FunctionDecl *FD);

/// Runs the directives' passes over one unit: plan() all, then, when no
/// error was reported, emit() all. Between the two the plugin may print
/// the report from U.Plans.
class Driver {
public:
  explicit Driver(Unit &U);
  ~Driver();
  /// Plans every directive, in the order of Directives.def.
  void plan();
  /// Emits every directive's plans; false when an error stopped it (the
  /// unit is then compiled as written, and the errors are shown).
  bool emit();

private:
  Unit &U;
  std::vector<std::unique_ptr<DirectivePass>> Passes;
};

} // namespace ppar

#endif
