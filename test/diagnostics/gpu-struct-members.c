// Pointer members of structs with target=cuda: what stays on the CPU and
// why, and data clauses over members. A member the function changes is no
// array for the whole call (the remark names it and the line); a struct
// holding pointers may be handed whole to a helper that reads its other
// members, but a helper that follows its pointer would follow the host's
// pointer; a pointer-to-pointer member is a table of rows.
// Data clauses may name `s.m` or `p->m` of a parameter or of a variable of
// the body's outermost block, and only a pointer member.
//
// RUN: %cc_ppar -fsyntax-only -Xclang -verify -fplugin-arg-ppar-report %s
#include <ppar.h>

struct field {
  long n;
  double *v;
  double **rows;
};

static double get(struct field f, long i) { return f.v[i]; } // expected-warning {{'whole' runs on the CPU: GPU code reads the pointer member 'f.v' of a struct it was given, a host pointer a kernel cannot follow; follow the member in the annotated function itself, or pass it to the helper as a pointer}}
static long size(struct field f) { return f.n; }

PPAR_JIT(parallel, target=cuda) // expected-remark {{no loop of 'changed' runs in parallel}}
void changed(long n, struct field *f, double *other, double *restrict out) {
  if (n > 4)
    f->v = other;
  for (long i = 0; i < n; i++) // expected-remark {{loop not parallelised: reads 'f->v[i]' through the pointer member 'f->v', which changes during the call (the member 'v' is assigned at line 25)}}
    out[i] = f->v[i];
}

PPAR_JIT(parallel, target=cuda)
void whole(long n, struct field f, double *restrict out) {
  for (long i = 0; i < n; i++) // expected-remark {{loop parallelised}}
    out[i] = get(f, i);
}

PPAR_JIT(parallel, target=cuda)
void whole_ok(long n, struct field f, double *restrict out) { // expected-remark {{'whole_ok' runs its 1 parallel loop as CUDA kernels}} expected-note {{'out' is copied}} expected-note {{'f.v' is copied to the GPU before line 38: f.v[0 .. n - 1] (from the loops' subscripts)}}
  for (long i = 0; i < n; i++) // expected-remark {{loop parallelised}}
    out[i] = (double)size(f) + f.v[i];
}

PPAR_JIT(parallel, target=cuda) // expected-remark {{no loop of 'rows' runs in parallel}}
void rows(long n, const struct field *f, double *restrict out) {
  for (long i = 0; i < n; i++) // expected-remark {{loop not parallelised: reads 'f->rows[i][0]' through the pointer 'f->rows[i]', which the loop reads from memory, so ppar cannot tell what it points to}}
    out[i] = f->rows[i][0];
}

PPAR_JIT(parallel, target=cuda, in(g.v[0:n])) // expected-error {{'g.v' in a data clause of 'not_here' names 'g', which is neither one of its parameters nor a variable declared in the outermost block of its body}}
void not_here(long n, double *out) { (void)out; }

PPAR_JIT(parallel, target=cuda, in(f.n[0:1])) // expected-error {{'f.n' in a data clause of 'not_pointer' is not a pointer (only a pointer member's elements can be copied)}}
void not_pointer(struct field f) { (void)f; }

PPAR_JIT(parallel, target=cuda, in(f.v[0:1])) // expected-error {{'f.v' in a data clause of 'arrow' needs 'f' to be a struct, but it is a 'struct field *'; write 'f->v'}}
void arrow(struct field *f) { (void)f; }

PPAR_JIT(parallel, target=cuda, in(f->w[0:1])) // expected-error {{'f->w' in a data clause of 'no_member' names no member of 'struct field'}}
void no_member(struct field *f) { (void)f; }

void reset(struct field *f);

PPAR_JIT(parallel, target=cuda) // expected-remark {{no loop of 'handed' runs in parallel}}
void handed(long n, struct field *f, double *restrict out) {
  reset(f);
  for (long i = 0; i < n; i++) // expected-remark {{loop not parallelised: reads 'f->v[i]' through the pointer member 'f->v', which changes during the call (the member 'v' may be written by the function called at line 64 with a pointer to its struct)}}
    out[i] = f->v[i];
}

PPAR_JIT(parallel, target=cuda) // expected-remark {{no loop of 'moved_base' runs in parallel}}
void moved_base(long n, struct field *f, struct field *g, double *restrict out) {
  if (n > 2)
    f = g;
  for (long i = 0; i < n; i++) // expected-remark {{loop not parallelised: reads 'f->v[i]' through the pointer member 'f->v', which changes during the call ('f' is assigned at line 72)}}
    out[i] = f->v[i];
}

// A clause may name a pointer member of a struct embedded in the variable's.
struct outer {
  int k;
  struct field f;
};

PPAR_JIT(parallel, target=cuda, in(o->k.v[0:1])) // expected-error {{'o->k.v' in a data clause of 'through_int' goes through 'k', which is not a struct member}}
void through_int(struct outer *o) { (void)o; }

PPAR_JIT(parallel, target=cuda, in(o->f.n[0:1])) // expected-error {{'o->f.n' in a data clause of 'nested_not_pointer' is not a pointer (only a pointer member's elements can be copied)}}
void nested_not_pointer(struct outer *o) { (void)o; }

PPAR_JIT(parallel, target=cuda, in(o->f.w[0:1])) // expected-error {{'o->f.w' in a data clause of 'nested_no_member' names no member of 'struct field'}}
void nested_no_member(struct outer *o) { (void)o; }
