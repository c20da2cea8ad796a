// target=cuda with a comment inside a parallel loop's body: the GPU
// variant's host code used to be cut short by about the comment's length
// (the comments were removed after the loop was replaced by its launch), so
// the rewritten file did not compile. It compiles, its kernel compiles with
// NVRTC, and it prints the serial answer (test/run/gpu-comments.c has the
// other places a comment can be).
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s < %t.report
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
// RUN: %if nvrtc %{ %nvrtc_check %t.d/cuda_comment_in_loop.*.cu | FileCheck %s --check-prefix=NVRTC %}
// CHECK: remark: 'twice' runs its 1 parallel loop as CUDA kernels
// NVRTC: cuda_comment_in_loop.twice.cu: ok
#include <stdio.h>

#pragma ppar jit(parallel, target=cuda)
void twice(double *x, int n)
{
    for (int i = 0; i < n; i++) {
        x[i] = 2 * x[i];
        // a comment
    }
}

int main(void)
{
    double x[100], s = 0;
    for (int i = 0; i < 100; i++) x[i] = i;
    twice(x, 100);
    for (int i = 0; i < 100; i++) s += x[i];
    printf("%g\n", s);
    return 0;
}
