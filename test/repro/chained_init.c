// A loop initialising two scalars in its header (`for (sum = j = 0; ...)`)
// inside a prange loop: whatever ppar decides, the answers are the serial ones.
// RUN: %cc_ppar -O2 %s -o %t %link_rt
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>

#pragma ppar jit(parallel)
void mult(const double *v, double *out, int n)
{
    int i, j;
    double sum;
#pragma ppar prange
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
