// `for (sum = j = 0; j < n; j++)` inside a prange loop: ppar took 'sum' for
// the inner loop's variable ("must have an integer type") and called 'j'
// carried by the outer loop, which stayed serial although every iteration
// sets j and sum first. The inner loop's variable is j, the one its
// condition and increment name; j and sum are private to the outer loop.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s < %t.report
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>

#pragma ppar jit(parallel)
void mult(const double *v, double *out, int n)
{
    int i, j;
    double sum;
#pragma ppar prange
// CHECK: chained_init.c:[[@LINE+2]]:5: remark: loop parallelised: omp parallel for {{.*}} private(j, sum){{$}}
// CHECK: chained_init.c:[[@LINE+2]]:9: remark: loop not vectorized with simd: the loop's first clause also sets 'sum'; a parallel loop may set only its variable 'j' there
    for (i = 0; i < n; i++) {
        for (sum = j = 0; j < n; j++)
            sum += v[j] / ((i + j) * (i + j + 1) / 2 + i + 1);
        out[i] = sum;
    }
}

int main(void)
{
    enum { N = 2000 };
    static double v[N], out[N];
    for (int i = 0; i < N; i++) v[i] = 1.0;
    mult(v, out, N);
    double t = 0;
    for (int i = 0; i < N; i++) t += out[i];
    printf("%.9f\n", t);
    return 0;
}
