//===- ScalarFlow.h - What one iteration does with a variable ------------===//
//
// Data flow over clang's CFG of the whole function (built once per
// function, with its parent map and LiveVariables): for a variable declared
// outside a loop, whether every path through one iteration writes it before
// reading it (a forward "definitely written" analysis, intersected where
// paths join, inside the iteration only), whether every path writes all of
// it by the iteration's end, and whether the value it has when the loop
// ends is read later (clang's LiveVariables at the loop's exit).
//
// A struct is written member by member (`d.x = ..; d.y = ..;` writes all of
// d) and a small array of constant size element by element (constant
// subscripts); a write through any other subscript writes no known part.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_ANALYSIS_SCALARFLOW_H
#define PPAR_PASSES_ANALYSIS_SCALARFLOW_H

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <string>
#include <vector>

namespace ppar {

/// What one iteration of a loop does with one variable declared outside it.
struct IterationFlow {
  /// A read of (a part of) the variable that some path from the start of
  /// the iteration reaches without writing that part first: it sees a value
  /// from before the iteration. Invalid when there is none.
  clang::SourceLocation ExposedRead;
  /// Every path through one iteration writes all of the variable.
  bool WrittenAtEnd = false;
  /// The value the variable has when the loop ends may be read later.
  bool LiveAfter = true;
};

/// The flow of each variable of Vars (declared outside Loop) through one
/// iteration of Loop, a loop of function FD, in the order of Vars; nullopt,
/// with WhyNot set, when clang's CFG cannot model it (no CFG for FD, a call
/// of setjmp, the loop not in the CFG).
std::optional<std::vector<IterationFlow>>
iterationFlow(const clang::ForStmt *Loop, const clang::FunctionDecl *FD,
              llvm::ArrayRef<const clang::VarDecl *> Vars, std::string &WhyNot);

/// Where FD takes the address of V (`&v`, an array passed as a pointer) at
/// a point from which Loop can be reached (before it, or in a loop around
/// it); invalid when nowhere. A pointer made there may reach V from any
/// iteration, whatever the loop's text names; one made after the loop
/// cannot (MPI_Reduce(&sum, ...) after a reduction loop).
clang::SourceLocation addressTakenBefore(const clang::ForStmt *Loop,
                                         const clang::FunctionDecl *FD,
                                         const clang::VarDecl *V);

/// The number of parts of a variable of type T that are written
/// separately: 1 for a scalar, a union or a large aggregate; the sum over
/// the members of a struct, or over the elements of a small array.
unsigned partCount(clang::QualType T, const clang::ASTContext &Ctx);

/// True when a variable of type T is written member by member or element
/// by element (a struct, a small array of constant size), not only whole.
bool writtenByParts(clang::QualType T, const clang::ASTContext &Ctx);

} // namespace ppar

#endif
