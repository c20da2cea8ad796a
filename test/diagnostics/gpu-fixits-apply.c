// Every data-clause fix-it the GPU plan offers gives code it then accepts:
// the fix-its are applied and the file compiles without an error, each
// function running its loops as CUDA kernels. Covers the three spellings
// (macro, pragma, attribute), an annotation with clauses already, a clause
// for a loop that writes (inout) and one that only reads (in), a `<=`
// bound (n + 1 elements), two pointers of one function, and a local
// pointer of the body's outermost block (clauses may name those too), and
// pointer members of a struct parameter, by pointer and by value.
// RUN: cp %s %t.c
// RUN: not %cc_ppar -fsyntax-only -fdiagnostics-parseable-fixits %t.c 2> %t.diags
// RUN: FileCheck %s --check-prefix=BEFORE < %t.diags
// RUN: %python %S/../Inputs/apply_fixits.py %t.diags
// RUN: %cc_ppar -fsyntax-only -fplugin-arg-ppar-report %t.c 2>&1 | FileCheck %s --check-prefix=AFTER
// RUN: FileCheck %s --check-prefix=TEXT < %t.c
//
// BEFORE-COUNT-9: error: ppar cannot tell which elements of
// BEFORE-NOT: error:
// AFTER-NOT: error
// AFTER: remark: 'macro_in' runs its 1 parallel loop as CUDA kernels
// AFTER: remark: 'pragma_inout' runs its 1 parallel loop as CUDA kernels
// AFTER: remark: 'attribute_le' runs its 1 parallel loop as CUDA kernels
// AFTER: remark: 'two_pointers' runs its 1 parallel loop as CUDA kernels
// AFTER: remark: 'has_clause' runs its 1 parallel loop as CUDA kernels
// AFTER: remark: 'local_buffer' runs its 1 parallel loop as CUDA kernels
// AFTER: note: 't' is copied to the GPU before line {{[0-9]+}}: t[0:n] (from the data clause)
// AFTER: remark: 'member_in' runs its 1 parallel loop as CUDA kernels
// AFTER: remark: 'member_inout' runs its 1 parallel loop as CUDA kernels
// TEXT: PPAR_JIT(parallel, target=cuda, in(p[0:n]))
// TEXT: #pragma ppar jit(parallel, target=cuda, inout(p[0:n]))
// TEXT: {{\[\[}}ppar::jit("parallel, target=cuda, in(p[0:n + 1])")]]
// TEXT: PPAR_JIT(parallel, target=cuda, {{(in\(p\[0:n\]\), inout\(q\[0:n\]\)|inout\(q\[0:n\]\), in\(p\[0:n\]\))}})
// TEXT: PPAR_JIT(parallel, target=cuda, in(r[0:n]), in(p[0:n]))
// TEXT: PPAR_JIT(parallel, target=cuda, in(t[0:n]))
// TEXT: PPAR_JIT(parallel, target=cuda, in(tab->v[0:n]))
// TEXT: PPAR_JIT(parallel, target=cuda, inout(s.w[0:s.n]))
#include <ppar.h>

static inline double at(const double *p, long i) { return p[i * i / (i + 1)]; }
static inline void bump(double *p, long i) { p[i * i / (i + 1)] += 1; }

PPAR_JIT(parallel, target=cuda)
void macro_in(long n, double *x, const double *p) {
  for (long i = 0; i < n; i++)
    x[i] = at(p, i);
}

#pragma ppar jit(parallel, target=cuda)
void pragma_inout(long n, double *p) {
  PPAR_PRANGE
  for (long i = 0; i < n; i++)
    bump(p, i);
}

[[ppar::jit("parallel, target=cuda")]]
void attribute_le(long n, double *x, const double *p) {
  for (long i = 0; i <= n; i++)
    x[i] = at(p, i);
}

PPAR_JIT(parallel, target=cuda)
void two_pointers(long n, double *x, const double *p, double *q) {
  PPAR_PRANGE
  for (long i = 0; i < n; i++) {
    x[i] = at(p, i);
    bump(q, i);
  }
}

PPAR_JIT(parallel, target=cuda, in(r[0:n]))
void has_clause(long n, double *x, const double *p, const double *r) {
  for (long i = 0; i < n; i++)
    x[i] = at(p, i) + r[i];
}

const double *buffer(long n);

PPAR_JIT(parallel, target=cuda)
double local_buffer(long n) {
  const double *t = buffer(n);
  double s = 0;
  for (long i = 0; i < n; i++)
    s += at(t, i);
  return s;
}

struct table {
  long n;
  const double *v;
  double *w;
};

PPAR_JIT(parallel, target=cuda)
void member_in(long n, double *restrict x, const struct table *tab) {
  for (long i = 0; i < n; i++)
    x[i] = at(tab->v, i);
}

PPAR_JIT(parallel, target=cuda)
void member_inout(struct table s) {
  PPAR_PRANGE
  for (long i = 0; i < s.n; i++)
    bump(s.w, i);
}
