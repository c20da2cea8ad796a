// A particle step in the style of a real particle filter, with target=cuda:
// the loop calls helper functions of this file that carry no annotation
// (one updates a per-particle generator state through a pointer, one draws
// from ppar.h's counter-based generator). Both are compiled for the GPU,
// the kernel compiles with NVRTC, and the answers are the serial build's,
// on the GPU and on the CPU fallback alike: a draw depends only on (key,
// stream, counter), never on which thread makes it.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: FileCheck %s --check-prefix=KERNEL < %t.d/gpu-random-helpers.move.cu
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-random-helpers.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %gcc -O2 -std=c11 %s -o %t.gcc -lm
// RUN: %check_run %t.plain %t
// RUN: %t.gcc > %t.gcc.out && %t.plain > %t.plain.out && diff %t.gcc.out %t.plain.out
//
// REPORT: remark: 'move' runs its 1 parallel loop as CUDA kernels
// KERNEL-DAG: static __device__ double uniform(unsigned int *seed, int i)
// KERNEL-DAG: static __device__ double ppar_random_normal(unsigned long long key, unsigned long long stream, unsigned long long n)
// KERNEL-DAG: static __device__ void ppar__philox4x32(
// NVRTC: gpu-random-helpers.move.cu: ok
#include <stdio.h>
#include <ppar.h>

#define N 20000

/* A linear congruential generator per particle, as C codes write it. */
double uniform(unsigned *seed, int i)
{
    seed[i] = seed[i] * 1103515245u + 12345u;
    return (seed[i] >> 8) / 16777216.0;
}

static double jitter(unsigned long long key, int i, int step)
{
    return 0.5 * ppar_random_normal(key, (unsigned long long)i, (unsigned long long)step);
}

PPAR_JIT(parallel, target=cuda)
void move(double *x, double *w, unsigned *seed, int n, int step)
{
    PPAR_PRANGE
    for (int i = 0; i < n; i++) {
        x[i] += 1.0 + jitter(42, i, step) + 0.01 * uniform(seed, i);
        w[i] = ppar_random_uniform(7, (unsigned long long)i, (unsigned long long)step);
    }
}

int main(void)
{
    static double x[N], w[N];
    static unsigned seed[N];
    for (int i = 0; i < N; i++)
        seed[i] = 7u * i + 1u;
    for (int t = 0; t < 4; t++)
        move(x, w, seed, N, t);
    double sx = 0, sw = 0;
    for (int i = 0; i < N; i++) {
        sx += x[i];
        sw += w[i];
    }
    printf("%.6f %.6f %u\n", sx, sw, seed[N - 1]);
    printf("%.17g %.17g\n", ppar_random_uniform(1, 2, 3), ppar_random_normal(1, 2, 3));
    return 0;
}
