// A scalar assigned on both branches of an if/else, and a struct whose
// members are all assigned before it is read, used to be called carried
// ("'p' carries a value from one iteration to the next"), keeping a prange
// loop serial. Every path of an iteration writes them first: both private.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s < %t.report
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>

typedef struct { double x, y; } V2;

#pragma ppar jit(parallel)
void f(const int *nb, const double *a, double *out, int n)
{
    int p;
    V2 d;
#pragma ppar prange
// CHECK: ifelse_assign_struct_private.c:[[@LINE+1]]:5: remark: loop parallelised: omp parallel for {{.*}} private(p, d){{$}}
    for (int i = 0; i < n; i++) {
        if (i % 2 == 0)
            p = i;
        else
            p = nb[i];
        d.x = a[p] - 1.0;
        d.y = a[p] + 1.0;
        out[i] = d.x * d.y;
    }
}

int main(void)
{
    enum { N = 1000 };
    static int nb[N];
    static double a[N], out[N];
    for (int i = 0; i < N; i++) { nb[i] = (i * 7) % N; a[i] = i * 0.5; }
    f(nb, a, out, N);
    double s = 0;
    for (int i = 0; i < N; i++) s += out[i];
    printf("%.3f\n", s);
    return 0;
}
