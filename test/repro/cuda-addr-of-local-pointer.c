// target=cuda: a loop that only stores the address of a local pointer
// (`p[i] = &q`, as csmith writes `l_3454[i] = &l_3455`) used to stop with
// an error asking for a data clause on the local q, with a fix-it that the
// plugin then rejected (a clause names only parameters). q's elements are
// never touched: the stored value is q's address on the host, which the
// kernel now gets as an argument. `p[i] = &x` of an int used to store the
// address of the kernel's own copy of x instead. Both compile with no
// diagnostic, the kernels compile with NVRTC, and the answers are the serial
// build's.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -fsyntax-only -Xclang -verify %s
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: FileCheck %s --check-prefix=KERNEL < %t.d/cuda-addr-of-local-pointer.f.cu
// RUN: %if nvrtc %{ %nvrtc_check %t.d/cuda-addr-of-local-pointer.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
//
// expected-no-diagnostics
// REPORT-DAG: remark: 'f' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'g' runs its 1 parallel loop as CUDA kernels
// KERNEL: __global__ void __ppar_k_f_0({{.*}}, int ***p, int **__ppar_addr_q)
// KERNEL: p[i] = (int **)__ppar_addr_q;
// NVRTC-DAG: cuda-addr-of-local-pointer.f.cu: ok
// NVRTC-DAG: cuda-addr-of-local-pointer.g.cu: ok
#include <stdio.h>

#pragma ppar jit(parallel, target=cuda)
static int f(void)
{
    int x = 5;
    int *q = &x;
    int **p[4];
    int i;
    for (i = 0; i < 4; i++)
        p[i] = &q;
    return **p[3];
}

#pragma ppar jit(parallel, target=cuda)
static int g(void)
{
    int x = 7, y = 1;
    int *p[4];
    for (int i = 0; i < 4; i++)
        p[i] = &x;
    *p[2] += y;
    return *p[0] + x;
}

int main(void)
{
    printf("%d %d\n", f(), g());
    return 0;
}
