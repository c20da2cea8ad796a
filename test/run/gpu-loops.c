// jit(parallel, target=cuda|auto) on real scientific C: every function
// below gets a GPU variant (the report says so), every kernel module the
// plugin writes compiles with NVRTC for sm_90, and the program prints what
// the serial program prints. Without a GPU the CPU variant runs and
// target=cuda says so once on stderr; on a GPU (scripts/gpu-suite.sh) the
// kernels run, compared with the same serial answers.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t --rtol 1e-9
// RUN: env PPAR_TARGET=cpu %t > %t.cpu 2> %t.cpu.err && %t.plain > %t.ref && cmp %t.cpu %t.ref
// RUN: not grep . %t.cpu.err
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-loops.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: %if !cuda-gpu %{ %t 2>&1 >/dev/null | FileCheck %s --check-prefix=FALLBACK %}
//
// REPORT-DAG: remark: 'saxpy' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'dot' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'extremes' runs its 2 parallel loops as CUDA kernels
// REPORT-DAG: remark: 'stencil' runs its 1 parallel loop as CUDA kernels when a GPU is present
// REPORT-DAG: remark: 'matvec' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'scale_rows' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'fixed_grid' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'jacobi' runs its 2 parallel loops as CUDA kernels
// REPORT-DAG: remark: 'jacobi_swap' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'strided' runs its 2 parallel loops as CUDA kernels
// REPORT-DAG: remark: 'particles' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'last_value' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'lower' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'shift' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'counts' runs its 1 parallel loop as CUDA kernels
// REPORT-NOT: runs on the CPU
//
// NVRTC-DAG: gpu-loops.saxpy.cu: ok, kernels: __ppar_k_saxpy_0
// NVRTC-DAG: gpu-loops.dot.cu: ok, kernels: __ppar_k_dot_0
// NVRTC-DAG: gpu-loops.extremes.cu: ok, kernels: __ppar_k_extremes_0 __ppar_k_extremes_1
// NVRTC-DAG: gpu-loops.stencil.cu: ok
// NVRTC-DAG: gpu-loops.matvec.cu: ok
// NVRTC-DAG: gpu-loops.scale_rows.cu: ok
// NVRTC-DAG: gpu-loops.fixed_grid.cu: ok
// NVRTC-DAG: gpu-loops.jacobi.cu: ok, kernels: __ppar_k_jacobi_0 __ppar_k_jacobi_1
// NVRTC-DAG: gpu-loops.jacobi_swap.cu: ok
// NVRTC-DAG: gpu-loops.strided.cu: ok
// NVRTC-DAG: gpu-loops.particles.cu: ok
// NVRTC-DAG: gpu-loops.last_value.cu: ok
// NVRTC-DAG: gpu-loops.lower.cu: ok
// NVRTC-DAG: gpu-loops.shift.cu: ok
// NVRTC-DAG: gpu-loops.counts.cu: ok
//
// FALLBACK: ppar: {{.*}}no CUDA device{{.*}}; running on the CPU
// FALLBACK-NOT: ppar:
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ppar.h>

#define N 5000
#define ROWS 60
#define COLS 70
#define STEPS 5

typedef double real;

/* 1. saxpy: size_t index, one read and one read-write pointer. */
PPAR_JIT(parallel, target=cuda)
void saxpy(size_t n, real a, const real *restrict x, real *restrict y) {
  for (size_t i = 0; i < n; i++)
    y[i] = a * x[i] + y[i];
}

/* 2. A sum reduction through a static inline helper and a math function. */
static inline double sq(double v) { return v * v; }

PPAR_JIT(parallel, target=cuda, cache)
double dot(int n, const double *x, const double *y) {
  double s = 0;
  for (int i = 0; i < n; i++)
    s += x[i] * y[i] + sq(sin(x[i])) * 1e-3;
  return s;
}

/* 3. min, max and an integer product; two kernels in one call (m is not a
 * constant: a nest of few constant iterations stays on the host). */
PPAR_JIT(parallel, target=cuda)
void extremes(long n, long m, const float *v, float *lo, float *hi, long long *prod) {
  float mn = v[0], mx = v[0];
  for (long i = 0; i < n; i++) {
    mn = fminf(mn, v[i]);
    if (v[i] > mx)
      mx = v[i];
  }
  long long p = 1;
  for (long i = 0; i < m; i++)
    p *= 1 + (i % 3);
  *lo = mn;
  *hi = mx;
  *prod = p;
}

/* 4. A 3-point stencil: offsets in the subscripts, target=auto. */
PPAR_JIT(parallel, target=auto)
void stencil(int n, const double *in, double *out) {
  for (int i = 1; i < n - 1; i++)
    out[i] = 0.25 * in[i - 1] + 0.5 * in[i] + 0.25 * in[i + 1];
}

/* 5. Variable-length array parameters: a row per thread, a private sum. */
PPAR_JIT(parallel, target=cuda)
void matvec(int n, int m, const double A[n][m], const double *x, double *y) {
  for (int i = 0; i < n; i++) {
    double acc = 0;
    for (int j = 0; j < m; j++)
      acc += A[i][j] * x[j];
    y[i] = acc;
  }
}

/* 6. A perfect 2-D nest over a VLA: a 2-D grid. */
PPAR_JIT(parallel, target=cuda)
void scale_rows(int n, int m, double A[n][m], const double *f) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++)
      A[i][j] = A[i][j] * f[i] + (i - j) * 0.5;
}

/* 7. Fixed-size array parameters, macros in the bounds, a constant table. */
static const double coef[4] = {0.5, 0.25, 0.125, 0.0625};

PPAR_JIT(parallel, target=cuda)
void fixed_grid(double g[ROWS][COLS]) {
  for (int i = 0; i < ROWS; i++)
    for (int j = 0; j < COLS; j++)
      g[i][j] = g[i][j] * coef[(i + j) % 4] + 1.0;
}

/* 8. Time steps around two parallel loops: data moves once per call. */
PPAR_JIT(parallel, target=cuda)
void jacobi(int n, double *restrict u, double *restrict tmp, int steps) {
  for (int t = 0; t < steps; t++) {
    for (int i = 1; i < n - 1; i++)
      tmp[i] = (u[i - 1] + u[i + 1]) * 0.5;
    for (int i = 1; i < n - 1; i++)
      u[i] = tmp[i];
  }
}

/* 8b. The same with the arrays trading places after each step: both stay
 *     on the GPU for the whole call. */
PPAR_JIT(parallel, target=cuda)
void jacobi_swap(int n, double *restrict u, double *restrict v, int steps) {
  for (int t = 0; t < steps; t++) {
    for (int i = 1; i < n - 1; i++)
      v[i] = (u[i - 1] + u[i + 1]) * 0.5 + 0.01 * t;
    double *w = u;
    u = v;
    v = w;
  }
}

/* 9. Strided and descending loops, a loop variable kept after the loop. */
PPAR_JIT(parallel, target=cuda)
int strided(int n, int *restrict a, int *restrict b) {
  int i;
  for (i = 0; i < n; i += 3)
    a[i] = i * 2;
  for (int k = n - 1; k >= 0; k -= 2)
    b[k] = k + 7;
  return i;
}

/* 10. Structs and typedefs: an array of structs, a struct by value. */
typedef struct {
  double x, v;
} particle;
struct field {
  double g;
  int64_t steps;
};

PPAR_JIT(parallel, target=cuda)
void particles(int n, particle *p, struct field f, double dt) {
  for (int i = 0; i < n; i++) {
    for (int64_t s = 0; s < f.steps; s++) {
      p[i].v += f.g * dt;
      p[i].x += p[i].v * dt;
    }
  }
}

/* 11. A private temporary whose last value is read after the loop. */
PPAR_JIT(parallel, target=cuda)
double last_value(int n, const double *x, double *y) {
  double t = -1;
  for (int i = 0; i < n; i++) {
    t = x[i] * 2;
    y[i] = t + 1;
  }
  return t;
}

/* 12. A triangular nest: the inner loop runs in each thread. */
PPAR_JIT(parallel, target=cuda)
void lower(int n, double L[n][n]) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j <= i; j++)
      L[i][j] = 1.0 / (1 + i + j);
}

/* 13. Pointers that may overlap: checked at run time; an overlap runs the
 *     kernel's iterations in order on one thread. */
PPAR_JIT(parallel, target=cuda)
void shift(int n, const double *src, double *dst) {
  for (int i = 0; i < n; i++)
    dst[i] = src[i] + 1;
}

/* 14. Integer reductions: a count, a bitwise or, a logical and. */
PPAR_JIT(parallel, target=cuda)
unsigned counts(int n, const int *v, int *all_pos) {
  unsigned c = 0, bits = 0;
  int pos = 1;
  for (int i = 0; i < n; i++) {
    c += v[i] % 7 == 0;
    bits |= (unsigned)v[i] & 0xF0u;
    pos = pos && v[i] > 0;
  }
  *all_pos = pos;
  return c + bits;
}

int main(void) {
  double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
  float *f = malloc(N * sizeof *f);
  int *iv = malloc(N * sizeof *iv), *ia = calloc(N, sizeof *ia), *ib = calloc(N, sizeof *ib);
  for (int i = 0; i < N; i++) {
    x[i] = sin(i * 0.01);
    y[i] = cos(i * 0.02);
    f[i] = (float)((i * 37) % 1001) - 500.0f;
    iv[i] = 1 + (i * 13) % 97;
  }

  saxpy(N, 2.5, x, y);
  printf("saxpy %.12g %.12g\n", y[1], y[N - 1]);
  printf("dot %.12g\n", dot(N, x, y));

  float lo, hi;
  long long prod;
  extremes(N, 20, f, &lo, &hi, &prod);
  printf("extremes %g %g %lld\n", lo, hi, prod);

  double *s = calloc(N, sizeof *s);
  stencil(N, y, s);
  printf("stencil %.12g %.12g %.12g\n", s[0], s[1], s[N - 2]);

  double (*A)[COLS] = malloc(ROWS * sizeof *A);
  for (int i = 0; i < ROWS; i++)
    for (int j = 0; j < COLS; j++)
      A[i][j] = (i * COLS + j) % 11;
  matvec(ROWS, COLS, (const double (*)[COLS])A, x, y);
  printf("matvec %.12g %.12g\n", y[0], y[ROWS - 1]);
  scale_rows(ROWS, COLS, A, x);
  printf("scale_rows %.12g %.12g\n", A[3][5], A[ROWS - 1][COLS - 1]);
  fixed_grid(A);
  printf("fixed_grid %.12g %.12g\n", A[2][3], A[ROWS - 1][COLS - 2]);

  for (int i = 0; i < N; i++)
    y[i] = i % 10 == 0 ? 1.0 : 0.0;
  jacobi(N, y, s, STEPS);
  printf("jacobi %.12g %.12g %.12g\n", y[1], y[9], y[N / 2]);

  for (int i = 0; i < N; i++)
    y[i] = s[i] = i % 7 == 0 ? 1.0 : 0.0;
  jacobi_swap(N, y, s, STEPS);
  printf("jacobi_swap %.12g %.12g %.12g %.12g\n", y[1], y[8], s[1], s[N / 2]);

  int last = strided(N, ia, ib);
  printf("strided %d %d %d %d %d\n", last, ia[3], ia[4], ib[N - 1], ib[N - 2]);

  particle *p = malloc(100 * sizeof *p);
  for (int i = 0; i < 100; i++)
    p[i] = (particle){i * 0.1, 0};
  particles(100, p, (struct field){-9.81, 10}, 0.01);
  printf("particles %.12g %.12g\n", p[0].x, p[99].v);

  printf("last_value %.12g %.12g\n", last_value(N, x, y), y[N - 1]);

  double (*L)[40] = calloc(40, sizeof *L);
  lower(40, L);
  printf("lower %.12g %.12g %.12g\n", L[0][0], L[39][39], L[5][6]);

  for (int i = 0; i < N; i++)
    y[i] = i;
  shift(N - 1, y, y + 1); /* overlaps: the serial order is kept */
  printf("shift overlap %.12g %.12g\n", y[1], y[N - 1]);
  shift(N / 2, y, y + N / 2); /* disjoint */
  printf("shift %.12g\n", y[N / 2 + 3]);

  int all_pos;
  unsigned c = counts(N, iv, &all_pos);
  printf("counts %u %d\n", c, all_pos);
  return 0;
}
