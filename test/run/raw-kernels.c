// Raw kernels (jit(kernel)): functions written per thread and launched over
// a grid with ppar_launch. Every kernel module compiles with NVRTC; without
// a GPU the threads run as an OpenMP loop (target=auto: silently), and the
// program prints what its serial build prints (ppar.h's serial
// ppar_launch), with gcc too; PPAR_TARGET=cpu says nothing.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 -Wall %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %if nvrtc %{ %nvrtc_check %t.d/raw-kernels.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: %cc_plain -O2 -Wall %s -o %t.plain -lm
// RUN: %check_run %t.plain %t
// RUN: env PPAR_TARGET=cpu %t > %t.cpu 2> %t.cpu.err && %t.plain > %t.ref && cmp %t.cpu %t.ref
// RUN: not grep . %t.cpu.err
// RUN: %if gcc %{ %gcc -O2 -std=gnu11 %s -o %t.gcc -lm && %t.gcc > %t.gcc.out && cmp %t.gcc.out %t.ref %}
//
// REPORT-DAG: remark: 'increment' is a raw kernel: increment_launch runs its threads as a CUDA grid when a GPU is present, else as an OpenMP parallel loop
// REPORT-DAG: remark: 'scale_cpu' is a raw kernel: scale_cpu_launch runs its threads as an OpenMP parallel loop
// NVRTC-DAG: raw-kernels.increment.cu: ok, kernels: __ppar_k_increment
// NVRTC-DAG: raw-kernels.histogram.cu: ok
// NVRTC-DAG: raw-kernels.histogram_c11.cu: ok
// NVRTC-DAG: raw-kernels.stride.cu: ok
// NVRTC-DAG: raw-kernels.blocks.cu: ok
// NVRTC-DAG: raw-kernels.extremes.cu: ok
// NVRTC-DAG: raw-kernels.transpose.cu: ok
// NVRTC-DAG: raw-kernels.resident_step.cu: ok
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

#define N 5000
#define BINS 16

PPAR_JIT(kernel, target=auto, inout(a[0:n]))
void increment(float *a, int n) {
  long long i = ppar_thread_index();
  if (i < n)
    a[i] += 1.0f;
}

/* No GPU version asked for: the threads run on the CPU cores. */
PPAR_JIT(kernel, inout(a[0:n]))
void scale_cpu(double *a, int n, double f) {
  long long i = ppar_thread_index();
  if (i < n)
    a[i] *= f;
}

/* A helper of the file, compiled for the GPU too. */
static int bin_of(double x, int bins) {
  int b = (int)(x * bins);
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

/* ppar.h's atomics: integer and floating point adds. */
PPAR_JIT(kernel, target=auto, in(x[0:n]), inout(counts[0:BINS]), inout(weights[0:BINS]))
void histogram(const double *x, int n, unsigned *counts, double *weights) {
  long long i = ppar_thread_index();
  if (i >= n)
    return;
  int b = bin_of(x[i], BINS);
  ppar_atomic_add(&counts[b], 1u);
  ppar_atomic_add(&weights[b], 0.5);
}

/* C11 atomics on _Atomic objects: atomic_fetch_add, ++ and -=. */
PPAR_JIT(kernel, target=auto, in(x[0:n]), inout(counts[0:BINS]), inout(total[0:1]))
void histogram_c11(const double *x, int n, _Atomic long *counts, _Atomic int *total) {
  long long i = ppar_thread_index();
  if (i >= n)
    return;
  int b = bin_of(x[i], BINS);
  atomic_fetch_add(&counts[b], 2);
  counts[b] -= 1;
  (*total)++;
}

/* Fewer threads than elements: a grid-stride loop over ppar_grid_size(). */
PPAR_JIT(kernel, target=auto, in(x[0:n]), inout(y[0:n]))
void stride(int n, double alpha, const double *x, double *y) {
  for (long long i = ppar_thread_index(); i < n; i += ppar_grid_size())
    y[i] = alpha * x[i] + y[i];
}

/* Where each thread is: its block, its place in the block. */
PPAR_JIT(kernel, target=auto, out(where[0:n]))
void blocks(long *where, long n) {
  long long i = ppar_thread_index();
  if (i < n)
    where[i] = ppar_block_index() * 1000 + ppar_thread_in_block() * 10 + (ppar_block_dim() == 64);
}

/* Atomic min and max of integers. */
PPAR_JIT(kernel, target=auto, in(v[0:n]), inout(lo[0:1]), inout(hi[0:1]))
void extremes(const int *v, int n, int *lo, int *hi) {
  long long i = ppar_thread_index();
  if (i < n) {
    ppar_atomic_min(lo, v[i]);
    ppar_atomic_max(hi, v[i]);
  }
}

/* A 2-D problem on a 1-D grid, over a variable-length array. */
PPAR_JIT(kernel, target=auto, in(a[0:r]), out(t[0:c]))
void transpose(int r, int c, const double a[r][c], double t[c][r]) {
  long long k = ppar_thread_index();
  if (k < (long long)r * c) {
    int i = (int)(k / c), j = (int)(k % c);
    t[j][i] = a[i][j];
  }
}

/* A pointer without a clause: on a GPU it must be resident. */
PPAR_JIT(kernel, target=auto)
void resident_step(double *u, int n) {
  long long i = ppar_thread_index();
  if (i < n)
    u[i] = 0.5 * u[i] + 1.0;
}

int main(void) {
  float *a = malloc(N * sizeof *a);
  double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y), *d = malloc(N * sizeof *d);
  for (int i = 0; i < N; i++) {
    a[i] = (float)(i % 7);
    x[i] = (double)((i * 37) % 1000) / 1000.0;
    y[i] = i * 0.25;
    d[i] = i;
  }
  ppar_launch(increment, ppar_grid(N), a, N);
  ppar_launch(increment, ppar_blocks(3, 100), a, N); /* only the first 300 */
  double sa = 0;
  for (int i = 0; i < N; i++)
    sa += a[i];
  printf("increment: %.1f %g %g\n", sa, a[0], a[N - 1]);

  ppar_launch(scale_cpu, ppar_grid(N), d, N, 0.5);
  printf("scale_cpu: %g %g\n", d[1], d[N - 1]);

  unsigned counts[BINS] = {0};
  double weights[BINS] = {0};
  ppar_launch(histogram, ppar_grid(N), x, N, counts, weights);
  for (int b = 0; b < BINS; b++)
    printf("%u/%g%s", counts[b], weights[b], b == BINS - 1 ? "\n" : " ");

  _Atomic long c11[BINS];
  _Atomic int total = 0;
  for (int b = 0; b < BINS; b++)
    atomic_init(&c11[b], 0);
  ppar_launch(histogram_c11, ppar_grid(N), x, N, c11, &total);
  for (int b = 0; b < BINS; b++)
    printf("%ld%s", (long)atomic_load(&c11[b]), b == BINS - 1 ? "\n" : " ");
  printf("total %d\n", atomic_load(&total));

  ppar_launch(stride, ppar_blocks(2, 32), N, 2.0, x, y);
  printf("stride: %.6f %.6f\n", y[1], y[N - 1]);

  long *where = malloc(N * sizeof *where);
  ppar_launch(blocks, ppar_blocks((N + 63) / 64, 64), where, N);
  printf("blocks: %ld %ld %ld\n", where[0], where[65], where[N - 1]);

  int *v = malloc(N * sizeof *v), lo = 1 << 30, hi = -(1 << 30);
  for (int i = 0; i < N; i++)
    v[i] = (i * 7919) % 10007 - 5000;
  ppar_launch(extremes, ppar_grid(N), v, N, &lo, &hi);
  printf("extremes: %d %d\n", lo, hi);

  int r = 30, c = 50;
  double (*m)[c] = malloc(sizeof(double[r][c])), (*t)[r] = malloc(sizeof(double[c][r]));
  for (int i = 0; i < r; i++)
    for (int j = 0; j < c; j++)
      m[i][j] = i * 100 + j;
  ppar_launch(transpose, ppar_grid((long long)r * c), r, c, (const double (*)[c])m, t);
  printf("transpose: %g %g %g\n", t[0][1], t[49][29], t[7][3]);

  double *u = malloc(N * sizeof *u);
  for (int i = 0; i < N; i++)
    u[i] = i;
  ppar_to_device(u, N * sizeof *u);
  for (int s = 0; s < 3; s++)
    ppar_launch(resident_step, ppar_grid(N), u, N);
  ppar_to_host(u);
  ppar_device_free(u);
  printf("resident: %g %g\n", u[0], u[N - 1]);

  free(a), free(x), free(y), free(d), free(where), free(v), free(m), free(t), free(u);
  return 0;
}
