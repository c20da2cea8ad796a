// target=cuda: an extent ppar cannot find is an error at the use, and the
// data clause it proposes is a fix-it on a separate note at the annotation.
// The fix-it used to sit on the error, whose caret is far below the pragma:
// clang then labelled the use's line with the pragma's line number and did
// not show the fix-it. Applying the proposed clause gives a program that
// compiles, runs its loop on the GPU and prints what the serial build does.
//
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
// RUN: cp %s %t.c
// RUN: not %cc_ppar -fsyntax-only -fdiagnostics-parseable-fixits %t.c 2> %t.diag
// RUN: FileCheck %s --check-prefix=FIXIT < %t.diag
// RUN: %apply_fixits %t.diag
// RUN: FileCheck %s --check-prefix=FIXED < %t.c
// RUN: %cc_ppar -O2 %t.c -o %t %link_rt -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
//
// FIXIT: fix-it:"{{.*}}.c":{[[@LINE+5]]:39-[[@LINE+5]]:39}:", in(x[0:n])"
// FIXED: #pragma ppar jit(parallel, target=cuda, in(x[0:n]))
// REPORT: remark: 'gather' runs its 1 parallel loop as CUDA kernels
#include <stdio.h>

#pragma ppar jit(parallel, target=cuda) // expected-note {{add 'in(x[0:n])' if the loop touches only the elements x[0] to x[n - 1]}}
static void gather(double *restrict out, const double *x, const int *idx, int n)
{
    int k = 0;
    k += 1;
    k += 2;
    k += 3;
    k += 4;
    k += 5;
    k += 6;
    k += 7;
    k += 8;
    k += 9;
    k += 10;
    k += 11;
    k += 12;
    k += 13;
    k += 14;
    k += 15;
    k += 16;
    k += 17;
    k += 18;
    k += 19;
    k += 20;
    for (int i = 0; i < n; i++)
        out[i] = x[idx[i]] + k; // expected-error {{ppar cannot tell which elements of 'x' the loop at line 48 touches, so it cannot copy them to the GPU; give them with an in, out or inout data clause}}
}

int main(void)
{
    double x[8], out[8];
    int idx[8];
    for (int i = 0; i < 8; i++)
        x[i] = i * 1.5, idx[i] = (i * 5) % 8;
    gather(out, x, idx, 8);
    for (int i = 0; i < 8; i++)
        printf("%g\n", out[i]);
    return 0;
}
