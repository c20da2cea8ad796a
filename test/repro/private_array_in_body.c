// A scratch array declared in the body of the outer loop was taken for
// memory the iterations share ("tmp[k] may be written by more than one
// iteration"), so only the 8-iteration inner loops were candidates. Each
// iteration has its own array: the outer loop runs in parallel.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s < %t.report
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>

#pragma ppar jit(parallel)
void rows(int n, double *out)
{
// CHECK: private_array_in_body.c:[[@LINE+1]]:5: remark: loop parallelised: omp parallel for schedule(static)
    for (int y = 0; y < n; y++) {            /* expected: parallelised */
        double tmp[8];
        for (int k = 0; k < 8; k++)
            tmp[k] = y * 0.5 + k;
        double s = 0;
        for (int k = 0; k < 8; k++)
            s += tmp[k] * tmp[k];
        out[y] = s;
    }
}

int main(void)
{
    static double out[2000];
    rows(2000, out);
    double t = 0;
    for (int i = 0; i < 2000; i++) t += out[i];
    printf("%.6e\n", t);
    return 0;
}
