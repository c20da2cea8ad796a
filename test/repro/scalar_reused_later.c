// Function-scope index variables reused by two prange loop nests
// (`k = i + m*j`): k was called carried by the first nest because a later
// mention of it, in the second nest, comes after its own assignment there.
// k and i are written first in every iteration and dead after each nest:
// private, without lastprivate, in both.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s < %t.report
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>

#pragma ppar jit(parallel)
void f(float *a, float *b, long n, long m)
{
    long i, j, k;
#pragma ppar prange
// CHECK: scalar_reused_later.c:[[@LINE+1]]:5: remark: loop parallelised: omp parallel for {{.*}} private(i, k){{$}}
    for (j = 0; j < n; j++) {
        for (i = 0; i < m; i++) {
            k = i + m * j;
            a[k] = 2.0f * a[k];
        }
    }
#pragma ppar prange
// CHECK: scalar_reused_later.c:[[@LINE+1]]:5: remark: loop parallelised: omp parallel for {{.*}} private(i, k){{$}}
    for (j = 0; j < n; j++) {
        for (i = 0; i < m; i++) {
            k = i + m * j;
            b[k] = a[k] + 1.0f;
        }
    }
}

int main(void)
{
    static float a[1000 * 1000], b[1000 * 1000];
    for (long i = 0; i < 1000 * 1000; i++) a[i] = (float)(i % 7);
    f(a, b, 1000, 1000);
    double s = 0;
    for (long i = 0; i < 1000 * 1000; i++) s += b[i];
    printf("%.1f\n", s);
    return 0;
}
