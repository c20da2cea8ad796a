// A scratch array declared in the body of the outer loop: the answers are
// the serial ones whichever loop runs in parallel.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>

#pragma ppar jit(parallel)
void rows(int n, double *out)
{
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
