//===- MemberVars.h - Pointer members read as variables of their own -----===//
//
// `s.grid[i]` and `p->grid[i]` follow the pointer member `grid` of a struct
// variable. When the function never changes that member (no assignment to
// any `grid` of the struct type, no assignment of the struct variable, its
// address never taken, the struct never handed to a callee that may write
// it), the member keeps one value for the whole call and is, for every
// analysis, a pointer variable of its own: the dependence test, the
// loops' extents, data clauses (`in(s.grid[0:s.n])`) and the kernels see
// `s.grid` as they see a pointer parameter. The variable stands for the
// member; it is named by its host spelling (`s.grid`, `p->grid`), which is
// valid C wherever the host code uses it, and a kernel gets it as the
// parameter kernelName(V). A pointer member of a struct embedded in the
// variable's (`s->a.grid`) is one too, when none of the members on the way
// changes. docs/passes/member-vars.md.
//
//===----------------------------------------------------------------------===//

#ifndef PPAR_PASSES_ANALYSIS_MEMBERVARS_H
#define PPAR_PASSES_ANALYSIS_MEMBERVARS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include <string>
#include <vector>

namespace ppar {

/// What a member variable stands for: Base.Field, or Base->Field, maybe
/// through structs embedded in it (`s->a.grid`: Path {a}).
struct MemberOf {
  const clang::VarDecl *Base;
  const clang::FieldDecl *Field;
  bool Arrow; ///< Base is a pointer to the struct
  std::vector<const clang::FieldDecl *> Path; ///< embedded structs, outermost first
};

/// The variable standing for the pointer member ME reads, when ME is
/// `v.f` or `v->f` of a parameter or local v whose member f keeps its value
/// during the call, or the same through structs embedded in v's
/// (`v->a.f`, `v.a.b.f`: members of struct type, not pointers); else null.
/// One variable per (v, path).
const clang::VarDecl *memberVar(const clang::MemberExpr *ME);
/// The same for an expression: E, through parentheses and implicit casts.
const clang::VarDecl *memberVarOf(const clang::Expr *E);

/// What V stands for, or null when V is an ordinary variable.
const MemberOf *memberOf(const clang::VarDecl *V);

/// Why the member f of v (named by ME) may change during the call ("the
/// member 'v' is assigned at line 12", "'p' has its address taken at line
/// 3"), or "" when it may not.
std::string memberUnstable(const clang::MemberExpr *ME);

/// For an access ppar cannot follow (`f->v[i]`): when it goes through a
/// pointer member that changes during the call, "the pointer member
/// 'f->v', which changes during the call (the member 'v' is assigned at
/// line 12)"; else "".
std::string changingMember(const clang::Expr *Access);

/// The name of V in kernel code: V's own, or for a member `s__grid`-like
/// `__ppar_m_s_grid`.
std::string kernelName(const clang::VarDecl *V);

} // namespace ppar

#endif
