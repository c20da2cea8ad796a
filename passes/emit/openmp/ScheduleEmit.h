//===- ScheduleEmit.h - A reordered, tiled nest as C ---------------------===//
//
// Prints the schedule of a NestTransform (plan/TransformPlan.h) as C: isl
// builds the loops (isl_ast_build_node_from_schedule), this printer writes
// them with `long` variables, and each statement as the user wrote it,
// under `#line` to the user's line. A loop of the new order that runs an
// original loop's iterations one to one takes that loop's variable (so the
// statement's text is unchanged); otherwise the statement is in a block
// that defines the variable: `{ int j = __ppar_c2 + 1; ... }`. min, max
// and floor division are GNU statement expressions over `long`. The
// outermost loops get the OpenMP directive when the dependences show them
// parallel (none carried at their depth).
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_SCHEDULEEMIT_H
#define PPAR_PASSES_SCHEDULEEMIT_H

#include "plan/Plan.h"
#include <functional>
#include <string>

namespace ppar {

/// The nest's text: Directive (`_Pragma("omp parallel for ...") `) before
/// each outermost loop, Text(S) the C text of statement S, Line(S) the
/// `#line` that puts it on the user's line. "" with Why when the new order
/// cannot be printed or its outermost loops are not all parallel. Shared
/// 1: the outermost loops (wavefronts) run on every thread of an enclosing
/// parallel region and Directive (`omp for`) goes on the loops inside
/// them, which must be parallel; every statement must be inside one.
std::string scheduleText(const NestTransform &T, const std::string &Directive,
                         const std::function<std::string(const clang::Stmt *)> &Text,
                         const std::function<std::string(const clang::Stmt *)> &Line,
                         std::string &Why, unsigned Shared = 0);

} // namespace ppar

#endif
