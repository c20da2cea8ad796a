// Blocks a target=cuda function allocates itself (malloc, calloc,
// aligned_alloc) go to the GPU whole, without a data clause, even when the
// loops' subscripts cannot bound them (a gather through a computed index):
// the variant keeps each block's size at its allocation; one allocated after
// the first kernel goes to the GPU at its allocation. Answers are the serial
// build's, on the GPU and without one.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: FileCheck %s --check-prefix=HOST < %t.d/gpu-local-block.ppar.c
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-local-block.gather.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
//
// REPORT-DAG: remark: 'gather' runs its 4 parallel loops as CUDA kernels
// REPORT-DAG: note: 'idx' is copied to the GPU before line [[#@LINE+20]] and back after line [[#@LINE+28]]: idx[0 .. n - 1], idx (its whole block) (the block malloc gave it)
// REPORT-DAG: note: 'tmp' is copied to the GPU before line [[#@LINE+19]] and back after line [[#@LINE+27]]: tmp[0 .. n - 1], tmp (its whole block) (the block malloc gave it)
// REPORT-DAG: remark: 'late' runs its 3 parallel loops as CUDA kernels
// HOST: __SIZE_TYPE__ __ppar_size_idx_[[#@LINE+12]]_10; int *idx = (__ppar_size_idx_[[#@LINE+12]]_10 = (n * sizeof *idx), malloc(n * sizeof *idx));
// HOST: (const void *)idx, (const void *)((const char *)idx + __ppar_size_idx_[[#@LINE+11]]_10)
// NVRTC: gpu-local-block.gather.cu: ok
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

#define N 4096

PPAR_JIT(parallel, target=cuda, in(x[0:n]))
double gather(int n, const double *x)
{
    int *idx = malloc(n * sizeof *idx);
    double *tmp = calloc(n, sizeof *tmp);
    double *out = aligned_alloc(64, 64 * ((n * sizeof(double) + 63) / 64));
    if (!idx || !tmp || !out)
        return -1;
    for (int i = 0; i < n; i++)
        idx[i] = (int)((7L * i * i + 3) % n);
    for (int i = 0; i < n; i++)
        tmp[i] = x[idx[i]] * 2 + idx[(i + 1) % n];
    for (int i = 0; i < n; i++)
        out[i] = tmp[idx[i]] + tmp[i];
    double s = 0;
    for (int i = 0; i < n; i++)
        s += out[i] * (i % 3);
    free(idx);
    free(tmp);
    free(out);
    return s;
}

PPAR_JIT(parallel, target=cuda, inout(x[0:n]))
double late(int n, double *x)
{
    for (int i = 0; i < n; i++)
        x[i] = i * 0.5;
    double *w = malloc(n * sizeof *w);
    for (int i = 0; i < n; i++)
        w[i] = x[(i * 7 + 3) % n];
    double s = 0;
    for (int i = 0; i < n; i++)
        s += w[i];
    free(w);
    return s;
}

int main(void)
{
    static double x[N];
    for (int i = 0; i < N; i++)
        x[i] = (i % 17) * 0.25;
    printf("%.6f\n", gather(N, x));
    printf("%.6f\n", late(N, x));
    return 0;
}
