// One GPU call split across devices (docs/multi-gpu.md), on the stand-in
// driver with two devices (FAKE_CUDA_DEVICES=2) or one used as several
// (PPAR_DEVICES=0,0,0): near-equal blocks in part order, each part on a
// thread of its own with its device current and its own device memory,
// each copying in only its block's bytes with their halo; the split is
// declined when two parts would copy out overlapping bytes (a column of a
// row-major array), and a part that fails names its device and leaves the
// host untouched, so that the call can run again on one device.
//
// REQUIRES: nvrtc
// RUN: rm -rf %t.dir && mkdir -p %t.dir/lib
// RUN: %clang -shared -fPIC -O1 %S/Inputs/fake_cuda.c -o %t.dir/lib/libcuda.so.1 -lpthread
// RUN: %clang -std=c11 -g -Wl,--export-dynamic-symbol=fake_k_* -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -Wl,--export-dynamic-symbol=fake_k_* -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// DEFINE: %{env} = env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 TSAN_OPTIONS=halt_on_error=1
//
// RUN: %{env} FAKE_CUDA_DEVICES=2 %t split 2>&1 | FileCheck %s --check-prefix=TWO --match-full-lines
// RUN: %{env} FAKE_CUDA_DEVICES=2 PPAR_DEVICES=all %t.tsan split 2>&1 | FileCheck %s --check-prefix=TWO --match-full-lines
// TWO:      parts 2
// TWO-NEXT: part 0 of 2: device 0, trips 0..499, x[0..501) in, y[1..500) out
// TWO-NEXT: part 1 of 2: device 1, trips 499..998, x[499..1000) in, y[500..999) out
// TWO-NEXT: split: 0, y[1]=4 y[500]=2000 y[501]=2004 y[998]=3992 (serial: 4 2000 2004 3992)
// TWO-NEXT: again: 0, same: 1, other threads: 1
//
// RUN: %{env} PPAR_DEVICES=0,0,0 %t split 2>&1 | FileCheck %s --check-prefix=THREE --match-full-lines
// RUN: %{env} FAKE_CUDA_ASYNC=1 PPAR_DEVICES=0,0,0 %t.tsan split 2>&1 | FileCheck %s --check-prefix=THREE --match-full-lines
// THREE:      parts 3
// THREE-NEXT: part 0 of 3: device 0, trips 0..333, x[0..335) in, y[1..334) out
// THREE-NEXT: part 1 of 3: device 0, trips 333..666, x[333..668) in, y[334..667) out
// THREE-NEXT: part 2 of 3: device 0, trips 666..998, x[666..1000) in, y[667..999) out
// THREE-NEXT: split: 0, y[1]=4 y[500]=2000 y[501]=2004 y[998]=3992 (serial: 4 2000 2004 3992)
// THREE-NEXT: again: 0, same: 1, other threads: 1
//
// Writes of two parts overlap (each writes a column of every row): no part
// copies out, and the call runs on one device; the same call again is
// declined before any part runs.
// RUN: %{env} PPAR_DEVICES=0,0 %t overlap 2>&1 | FileCheck %s --check-prefix=OVERLAP --match-full-lines
// OVERLAP:      split: -4 (declined), m[0][0]=-1 m[7][3]=-1 (untouched)
// OVERLAP-NEXT: one device: 0, m[0][0]=0 m[7][3]=73
// OVERLAP-NEXT: again: -4, parts run: 0
//
// A launch fails on device 1: the line names it, no part copies out.
// RUN: %{env} FAKE_CUDA_DEVICES=2 PPAR_DEVICES=0,1 FAKE_CUDA_BAD_DEVICE=1 %t fault 2>&1 | FileCheck %s --check-prefix=FAULT --match-full-lines
// FAULT:      ppar: stencil (gpu-split-fake.c:100): the GPU call failed on device 1 (part 2 of 2): launching kernel k_stencil (grid 2x1, block 256x1) failed: CUDA_ERROR_INVALID_VALUE (1): invalid argument; running it on one device
// FAULT-NEXT: split: -5, y[1]=-1 y[998]=-1 (untouched)
// FAULT-NEXT: one device: 0, y[1]=4 y[998]=3992
//
// Across distinct GPUs a part gets at least one wave of the GPU's threads
// (the stand-in's: 4 multiprocessors of 4 threads, 16): 31 iterations on
// two devices stay on one, 32 split in two. Virtual devices split any loop
// (SMALL below).
// RUN: %{env} FAKE_CUDA_DEVICES=2 %t wave 2>&1 | FileCheck %s --check-prefix=WAVE --match-full-lines
// WAVE: 31 iterations: -4, 32: 0, y[1]=4 y[32]=128
//
// The device set: one device (no split), fewer trips than parts, bad values.
// RUN: %{env} %t small 2>&1 | FileCheck %s --check-prefix=ONE --match-full-lines
// ONE: parts 1, split: -4
// RUN: %{env} PPAR_DEVICES=0,0,0,0 %t small 2>&1 | FileCheck %s --check-prefix=SMALL --match-full-lines
// SMALL: parts 4, split of 3 trips (three parts): 0, y[1]=4 y[3]=12
// RUN: %{env} PPAR_DEVICES=0,2 not %t small 2>&1 | FileCheck %s --check-prefix=NODEV --match-full-lines
// NODEV: ppar: error: PPAR_DEVICES='0,2': device 2 does not exist: devices are numbered 0 to 0
// RUN: %{env} PPAR_DEVICES=0,gpu1 not %t small 2>&1 | FileCheck %s --check-prefix=BAD --match-full-lines
// BAD: ppar: error: PPAR_DEVICES='0,gpu1' is not valid: expected device ordinals separated by commas (0,1; 0,0 uses device 0 twice) or 'all'
#define _POSIX_C_SOURCE 200809L
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* ---- Kernels of the stand-in -------------------------------------------- */

int fake_k_stencil_nparams = 5, fake_k_column_nparams = 5;
/* y[i] = x[i-1] + 2 x[i] + x[i+1] for i = lo .. lo + n - 1, as a generated
 * kernel indexes: the device pointers stand for the host arrays' bases. */
int fake_k_stencil(void **p) {
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  const double *x = *(double **)p[3];
  double *y = *(double **)p[4];
  for (long long t = 0; t < n; t++) {
    long long i = lo + t;
    y[i] = x[i - 1] + 2 * x[i] + x[i + 1];
  }
  return 0;
}
/* m[r][c] = 10 r + c for the columns c = lo .. lo + n - 1, 8 columns. */
int fake_k_column(void **p) {
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  long long rows = *(long long *)p[3];
  double *m = *(double **)p[4];
  for (long long t = 0; t < n; t++)
    for (long long r = 0; r < rows; r++)
      m[r * 8 + lo + t] = 10.0 * (double)r + (double)(lo + t);
  return 0;
}

static const char source[] =
    "extern \"C\" __global__ void k_stencil(long long lo, long long n, int s, "
    "const double *x, double *y) {}\n"
    "extern \"C\" __global__ void k_column(long long lo, long long n, int s, "
    "long long rows, double *m) {}\n";
static struct __ppar_rt_module stencil_m = {
    "stencil", "gpu-split-fake.c", 100, source,
    (const char *const[]){"k_stencil"}, 1, 0, 0};
static struct __ppar_rt_module column_m = {
    "column", "gpu-split-fake.c", 200, source,
    (const char *const[]){"k_column"}, 1, 0, 0};

/* ---- What the plugin generates ------------------------------------------ */

enum { N = 1000, ROWS = 8 };
static double x[N], y[N], m[ROWS][8];
static char log_lines[16][160];
static pthread_t threads[16];
static void *dev_x[16];

struct stencil_env {
  long long n; /* the loop: i = 1 .. n - 2 */
  const double *x;
  double *y;
};

/* The one-device call for trips [first, first + count) of `for (i = 1; i <
 * n - 1; i++)`: its block of y, and of x with a halo of one. */
static int stencil_part(void *e_, const struct __ppar_rt_gpu_part *p) {
  const struct stencil_env *e = e_;
  struct __ppar_rt_gpu_call *g = __ppar_rt_gpu_begin(&stencil_m);
  if (!g)
    return PPAR_ENODEV;
  long long lo = 1 + p->first, n = p->count, last = lo + n - 1;
  __ppar_rt_gpu_data(g, &e->x[lo - 1], &e->x[last + 1] + 1,
                     __PPAR_RT_ACCESS_READ);
  __ppar_rt_gpu_data(g, &e->y[lo], &e->y[last] + 1, __PPAR_RT_ACCESS_WRITE);
  __ppar_rt_gpu_copy_in(g);
  int serial = 0;
  void *dx = __ppar_rt_gpu_ptr(g, &e->x[lo - 1]);
  void *px = (char *)dx - ((const char *)&e->x[lo - 1] - (const char *)e->x);
  void *py = (char *)__ppar_rt_gpu_ptr(g, &e->y[lo]) -
             ((const char *)&e->y[lo] - (const char *)e->y);
  __ppar_rt_gpu_launch(g, 0, n, 1, (void *[]){&lo, &n, &serial, &px, &py});
  snprintf(log_lines[p->part], sizeof log_lines[0],
           "part %d of %d: device %d, trips %lld..%lld, x[%lld..%lld) in, "
           "y[%lld..%lld) out",
           p->part, p->parts, p->device, p->first, p->first + p->count,
           lo - 1, last + 2, lo, last + 1);
  threads[p->part] = pthread_self();
  dev_x[p->part] = dx;
  return __ppar_rt_gpu_end(g);
}

/* The same on one device: the whole loop. */
static int stencil_one(const struct stencil_env *e) {
  struct __ppar_rt_gpu_part all = {0, 1, 0, 0, e->n - 2};
  return stencil_part((void *)e, &all);
}

static void serial_stencil(double *out) {
  for (long long i = 1; i < N - 1; i++)
    out[i] = x[i - 1] + 2 * x[i] + x[i + 1];
}

struct column_env {
  long long rows;
  double *m;
};
static int column_calls; /* atomic: calls of column_part */
static int column_part(void *e_, const struct __ppar_rt_gpu_part *p) {
  const struct column_env *e = e_;
  __atomic_add_fetch(&column_calls, 1, __ATOMIC_RELAXED);
  struct __ppar_rt_gpu_call *g = __ppar_rt_gpu_begin(&column_m);
  if (!g)
    return PPAR_ENODEV;
  long long lo = p->first, n = p->count, rows = e->rows;
  /* The bounding box of the columns lo .. lo + n - 1 of every row. */
  __ppar_rt_gpu_data(g, &e->m[lo], &e->m[(rows - 1) * 8 + lo + n - 1] + 1,
                     __PPAR_RT_ACCESS_WRITE);
  __ppar_rt_gpu_copy_in(g);
  int serial = 0;
  void *pm = (char *)__ppar_rt_gpu_ptr(g, &e->m[lo]) -
             ((const char *)&e->m[lo] - (const char *)e->m);
  __ppar_rt_gpu_launch(g, 0, n, 1, (void *[]){&lo, &n, &serial, &rows, &pm});
  return __ppar_rt_gpu_end(g);
}

static void reset(void) {
  for (int i = 0; i < N; i++) {
    x[i] = i;
    y[i] = -1;
  }
}

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "split";
  struct stencil_env e = {N, x, y};
  reset();
  double want[N];
  serial_stencil(want);
  if (!strcmp(what, "split")) {
    int parts = __ppar_rt_gpu_parts();
    printf("parts %d\n", parts);
    int rc = __ppar_rt_gpu_split(&stencil_m, N - 2, N - 2, stencil_part, &e);
    for (int i = 0; i < parts; i++)
      printf("%s\n", log_lines[i]);
    printf("split: %d, y[1]=%g y[500]=%g y[501]=%g y[998]=%g (serial: %g %g "
           "%g %g)\n",
           rc, y[1], y[500], y[501], y[998], want[1], want[500], want[501],
           want[998]);
    /* A second call reuses the helpers (the same threads, warm state). */
    pthread_t first[16];
    memcpy(first, threads, sizeof first);
    reset();
    rc = __ppar_rt_gpu_split(&stencil_m, N - 2, N - 2, stencil_part, &e);
    int same = 1, others = 1;
    for (int i = 0; i < parts; i++) {
      same &= pthread_equal(first[i], threads[i]) != 0;
      others &= (i == 0) == (pthread_equal(threads[i], pthread_self()) != 0);
      for (int j = 0; j < i; j++)
        others &= dev_x[i] != dev_x[j];
    }
    same &= memcmp(y + 1, want + 1, (N - 2) * sizeof *y) == 0;
    printf("again: %d, same: %d, other threads: %d\n", rc, same, others);
  } else if (!strcmp(what, "overlap")) {
    for (int r = 0; r < ROWS; r++)
      for (int c = 0; c < 8; c++)
        m[r][c] = -1;
    struct column_env ce = {ROWS, &m[0][0]};
    int rc = __ppar_rt_gpu_split(&column_m, 8, 8 * ROWS, column_part, &ce);
    printf("split: %d (declined), m[0][0]=%g m[7][3]=%g (untouched)\n", rc,
           m[0][0], m[7][3]);
    struct __ppar_rt_gpu_part all = {0, 1, 0, 0, 8};
    rc = column_part(&ce, &all);
    printf("one device: %d, m[0][0]=%g m[7][3]=%g\n", rc, m[0][0], m[7][3]);
    /* The same call again is declined at once: no part runs. */
    int before = column_calls;
    rc = __ppar_rt_gpu_split(&column_m, 8, 8 * ROWS, column_part, &ce);
    printf("again: %d, parts run: %d\n", rc, column_calls - before);
  } else if (!strcmp(what, "fault")) {
    int rc = __ppar_rt_gpu_split(&stencil_m, N - 2, N - 2, stencil_part, &e);
    fflush(stderr);
    printf("split: %d, y[1]=%g y[998]=%g (untouched)\n", rc, y[1], y[998]);
    rc = stencil_one(&e);
    printf("one device: %d, y[1]=%g y[998]=%g\n", rc, y[1], y[998]);
  } else if (!strcmp(what, "wave")) {
    struct stencil_env s = {33, x, y};
    int short_rc = __ppar_rt_gpu_split(&stencil_m, 31, 31, stencil_part, &s);
    s.n = 34;
    int rc = __ppar_rt_gpu_split(&stencil_m, 32, 32, stencil_part, &s);
    printf("31 iterations: %d, 32: %d, y[1]=%g y[32]=%g\n", short_rc, rc, y[1],
           y[32]);
  } else if (!strcmp(what, "small")) {
    int parts = __ppar_rt_gpu_parts();
    struct stencil_env s = {5, x, y};
    if (parts == 1) {
      printf("parts 1, split: %d\n",
             __ppar_rt_gpu_split(&stencil_m, 3, 3, stencil_part, &s));
      return 0;
    }
    int rc = __ppar_rt_gpu_split(&stencil_m, 3, 3, stencil_part, &s);
    printf("parts %d, split of 3 trips (%s parts): %d, y[1]=%g y[3]=%g\n",
           parts, log_lines[3][0] ? "four" : "three", rc,
           y[1], y[3]);
  }
  return 0;
}
