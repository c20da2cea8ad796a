// target=cuda: a loop reading a flexible array member (`s->v[i]`) through
// a pointer. ppar used to ask for the clause 'inout(s[0:s->n])', which is
// wrong twice: a section of s counts whole struct S objects (the bytes of
// v[0..n-1] are not s->n of them), and the loop only reads. It also accepted
// that clause, and 'in(s[0:1])', silently, copying too little. No clause can
// give the size of a flexible array member: the function now runs on the
// CPU, with a warning that says why, with or without a clause. A clause
// 'in' over a pointer the loop writes is an error (the writes would not be
// copied back). The answers are the serial build's.
//
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
// RUN: %cc_ppar -fsyntax-only -DWRONG_DIRECTION -Xclang -verify=expected,dir %s
// RUN: %cc_ppar -O2 -Wno-everything %s -o %t %link_rt
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>
#include <stdlib.h>

struct S { int n; long v[]; };

#pragma ppar jit(parallel, target=cuda)
static long sum(struct S *s)
{
    long t = 0;
    int i;
    for (i = 0; i < s->n; i++)
        t += s->v[i]; // expected-warning {{'sum' runs on the CPU: the loop reaches the flexible array member 'v' through 's', whose size no data clause can give (a section of 's' counts whole 'struct S' objects)}}
    return t;
}

#pragma ppar jit(parallel, target=cuda, in(s[0:1]))
static long sum_clause(const struct S *s)
{
    long t = 0;
    for (int i = 0; i < s->n; i++)
        t += s->v[i]; // expected-warning {{'sum_clause' runs on the CPU: the loop reaches the flexible array member 'v'}}
    return t;
}

#ifdef WRONG_DIRECTION
#pragma ppar jit(parallel, target=cuda, in(x[0:n])) // dir-error {{the loop at line 44 writes 'x', but its data clause 'in' would not copy the writes back; use 'inout'}}
static void twice(double *x, int n)
{
    for (int i = 0; i < n; i++)
        x[i] *= 2;
}
#endif

int main(void)
{
    struct S *s = malloc(sizeof *s + 100 * sizeof(long));
    s->n = 100;
    for (int i = 0; i < 100; i++)
        s->v[i] = i;
    printf("%ld %ld\n", sum(s), sum_clause(s));
    free(s);
    return 0;
}
