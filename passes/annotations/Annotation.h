//===- Annotation.h - The structured form of one ppar annotation ---------===//
//
// Every spelling of an annotation (#pragma ppar, the PPAR_* macros, the
// [[ppar::...]] and __attribute__((ppar_...)) attributes) is parsed by
// parseAnnotation() into one Annotation. Later passes read only this struct.
// This file and AnnotationParser.cpp depend on the C++ standard library alone,
// so the parser can be fuzzed and unit-tested without clang.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_ANNOTATION_H
#define PPAR_PASSES_ANNOTATION_H

#include <optional>
#include <string>
#include <vector>

namespace ppar {

/// The directives, one per row of Directives.def.
enum class Directive {
#define PPAR_DIRECTIVE(Enum, Spelling, Applies, Options, Pass) Enum,
#include "Directives.def"
};

/// Where the annotated code runs. Which values a directive accepts is checked
/// by the parser: jit takes cpu|cuda|auto, vectorize cpu|parallel|cuda|auto.
enum class Target { Cpu, Parallel, Cuda, Auto };

enum class DataDirection { In, Out, InOut };

/// One section `lo:len` of a data clause; both are C expression text,
/// trimmed, never empty.
struct Section {
  std::string Lo;
  std::string Len;
};

/// One item of a data clause, e.g. `x[0:n]` in `in(x[0:n], y[0:n])`.
/// Sections holds one entry per `[lo:len]`, outermost first (`a[0:n][0:m]`).
struct DataClause {
  DataDirection Direction;
  std::string Name;
  std::vector<Section> Sections;
  unsigned Offset = 0; ///< Offset of Name in the parsed text (for diagnostics).
};

struct Annotation {
  Directive Kind = Directive::Jit;
  bool Parallel = false;   ///< jit(parallel)
  bool Nogil = false;      ///< jit(nogil), delayed(nogil)
  bool Cache = false;      ///< jit(cache), vectorize(cache)
  bool Fastmath = false;   ///< jit(fastmath), vectorize(fastmath)
  /// jit(reproducible): floating-point reductions give the same bits on
  /// any number of threads (docs/reductions.md)
  bool Reproducible = false;
  /// jit(transform=off): parallel nests keep the user's loop order.
  bool TransformOff = false;
  bool Eager = false;      ///< delayed(eager)
  /// jit(kernel): a raw kernel, the body of one thread of a launch
  /// (plan/RawKernel.h, docs/gpu.md "Raw kernels")
  bool Kernel = false;
  std::optional<Target> TargetKind; ///< target=..., absent when not given
  std::string Name;        ///< vectorize(name=IDENT), empty when not given
  std::vector<DataClause> Data; ///< in/out/inout items, in source order

  /// The canonical text, e.g. `jit(parallel, nogil, target=cuda,
  /// in(x[0:n]))`. parseAnnotation(A.str()) yields A again.
  std::string str() const;
};

/// A problem found in annotation text. Offsets are byte offsets into the text
/// given to parseAnnotation; the caller maps them to source locations.
struct AnnotationDiag {
  enum Severity { Error, Warning } Level = Error;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Message;  ///< lower-case, no trailing period, as clang's are
  /// When set, replacing [Offset, Offset+Length) by FixIt repairs the text
  /// (the "did you mean" suggestions).
  std::optional<std::string> FixIt;
};

struct ParseResult {
  std::optional<Annotation> Value; ///< absent when any Error was reported
  std::vector<AnnotationDiag> Diags;
};

/// Parses `DIRECTIVE` or `DIRECTIVE(options)`, e.g. `jit(parallel, nogil)` or
/// `prange`, as written after `#pragma ppar`.
ParseResult parseAnnotation(const std::string &Text);

/// Parses only the options of a directive whose name is already known, as in
/// the attribute spellings: `[[ppar::jit("parallel, nogil")]]` passes
/// Directive::Jit and "parallel, nogil".
ParseResult parseOptions(Directive Kind, const std::string &Options);

/// The directive's spelling: "jit", "vectorize", "delayed", "prange".
const char *directiveName(Directive Kind);

/// Whether the directive annotates a loop rather than a function (its
/// Applies column in Directives.def).
bool appliesToLoop(Directive Kind);

/// Looks a directive up by its spelling.
std::optional<Directive> directiveByName(const std::string &Name);

const char *targetName(Target T);

/// The bytes [Lo, Hi) a data clause item names, as C expressions:
/// `a[lo:len][lo2:len2]` spans `&(a)[lo][lo2]` to one past
/// `&(a)[lo + len - 1][lo2 + len2 - 1]`. A length of 0 gives Hi <= Lo, an
/// empty range.
void clauseBounds(const DataClause &C, std::string &Lo, std::string &Hi);

} // namespace ppar

#endif
