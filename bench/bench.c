/* bench.c - times the benchmark kernels of every C variant in one process.
 *
 *   bench [-r REPS] [KERNEL...]        (default: 7 repetitions, all kernels)
 *
 * For each kernel: sets up its data, runs the serial variant (the kernels of
 * kernels_ppar.c compiled without the plugin) as the reference, then the ppar
 * variants and the hand-written OpenMP one. Each variant is first run once
 * (warm-up, and the run whose results are checked against the serial ones),
 * then REPS times; the best and the median time are reported. One line per
 * (kernel, variant), as space-separated key=value pairs:
 *
 *   result kernel=dot variant=ppar threads=2 size=33554432 reps=7
 *          best_ms=12.345 median_ms=12.901 check=ok err=1.2e-16 checksum=...
 *
 * check is ok when the result differs from the serial one by at most
 * TOL (relative to the largest magnitude involved; reductions are summed in
 * another order in parallel). bench/bench_numba.py prints the same lines.
 * Exit status 1 when a check fails. */
#define _DEFAULT_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "kernels.h"

/* Problem sizes; bench_numba.py uses the same. */
#define N_STREAM (1L << 25) /* triad, dot: 32 Mi doubles, 256 MiB per array */
#define N_MATMUL 768        /* 3 x 4.5 MiB, 0.9 GFLOP                        */
#define N_JACOBI 2048       /* 2 x 32 MiB ...                                */
#define IT_JACOBI 10        /* ... 10 sweeps                                 */
#define N_TANH 6144         /* 2 x 288 MiB                                   */
#define N_SINCOS (1L << 22) /* 4 Mi sin and cos                              */

#define TOL 1e-10

/* From the ppar runtime (runtime/ppar_rt_abi.h): the threads of ppar loops. */
int __ppar_rt_num_threads(void);

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec * 1e-6;
}

/* Large arrays are allocated as NumPy allocates them for Numba: NumPy asks
 * for transparent huge pages (madvise MADV_HUGEPAGE) on every allocation of
 * 4 MiB or more, which matters where THP is in "madvise" mode, the usual
 * default. BENCH_HUGEPAGES=0 turns it off. */
static void *xmalloc(size_t bytes) {
  static int huge = -1;
  if (huge < 0) {
    const char *e = getenv("BENCH_HUGEPAGES");
    huge = !(e && !strcmp(e, "0"));
  }
  void *p = NULL;
  if (huge && bytes >= ((size_t)4 << 20)) {
    const size_t align = (size_t)2 << 20;
    if (posix_memalign(&p, align, bytes))
      p = NULL;
#ifdef MADV_HUGEPAGE
    else
      madvise(p, bytes, MADV_HUGEPAGE);
#endif
  } else {
    p = malloc(bytes);
  }
  if (!p) {
    fprintf(stderr, "bench: out of memory (%zu bytes)\n", bytes);
    exit(2);
  }
  return p;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* ---- the data of every kernel (same formulas in bench_numba.py) -------- */

static size_t n_stream = N_STREAM;
static double *sa, *sb, *sc, *sref; /* triad, dot */
static double dot_result, dot_ref, dot_scale;
static int n_mm = N_MATMUL;
static double *mA, *mB, *mC, *mref;
static int n_jac = N_JACOBI, it_jac = IT_JACOBI;
static double *ju, *jv, *jref, *jfref, *jhref;
static int n_tanh = N_TANH;
static double *ta, *tout, *tref;
static size_t n_sc = N_SINCOS;
static double *xa, *xb, *xout, *xref;

static void init_stream(void) {
  sa = xmalloc(n_stream * sizeof *sa);
  sb = xmalloc(n_stream * sizeof *sb);
  sc = xmalloc(n_stream * sizeof *sc);
  sref = xmalloc(n_stream * sizeof *sref);
  dot_scale = 0;
  for (size_t i = 0; i < n_stream; i++) {
    sa[i] = 0;
    sb[i] = (double)(i % 1000) * 1e-3;
    sc[i] = (double)(i % 997) * 2e-3 - 1.0;
    sref[i] = 0;
    dot_scale += fabs(sb[i] * sc[i]);
  }
}

static void init_jacobi(void) {
  size_t nn = (size_t)n_jac * n_jac;
  for (int i = 0; i < n_jac; i++)
    for (int j = 0; j < n_jac; j++)
      ju[(size_t)i * n_jac + j] = (double)((i * 3 + j * 5) % 17) / 17.0;
  memcpy(jv, ju, nn * sizeof *jv);
}

static void setup(void) {
  init_stream();
  size_t nn = (size_t)n_mm * n_mm;
  mA = xmalloc(nn * sizeof *mA);
  mB = xmalloc(nn * sizeof *mB);
  mC = xmalloc(nn * sizeof *mC);
  mref = xmalloc(nn * sizeof *mref);
  for (int i = 0; i < n_mm; i++)
    for (int j = 0; j < n_mm; j++) {
      mA[(size_t)i * n_mm + j] = (double)((i * 7 + j * 3) % 101) / 101.0 - 0.5;
      mB[(size_t)i * n_mm + j] = (double)((i * 5 + j * 11) % 103) / 103.0 - 0.5;
      mC[(size_t)i * n_mm + j] = mref[(size_t)i * n_mm + j] = 0;
    }
  nn = (size_t)n_jac * n_jac;
  ju = xmalloc(nn * sizeof *ju);
  jv = xmalloc(nn * sizeof *jv);
  jref = xmalloc(nn * sizeof *jref);
  memset(jref, 0, nn * sizeof *jref);
  jfref = xmalloc(nn * sizeof *jfref);
  memset(jfref, 0, nn * sizeof *jfref);
  jhref = xmalloc(nn * sizeof *jhref);
  memset(jhref, 0, nn * sizeof *jhref);
  nn = (size_t)n_tanh * n_tanh;
  ta = xmalloc(nn * sizeof *ta);
  tout = xmalloc(nn * sizeof *tout);
  tref = xmalloc(nn * sizeof *tref);
  for (int i = 0; i < n_tanh; i++)
    for (int j = 0; j < n_tanh; j++) {
      ta[(size_t)i * n_tanh + j] = (double)((i * 13 + j * 7) % 1000) * 1e-3 - 0.5;
      tout[(size_t)i * n_tanh + j] = tref[(size_t)i * n_tanh + j] = 0;
    }
  xa = xmalloc(n_sc * sizeof *xa);
  xb = xmalloc(n_sc * sizeof *xb);
  xout = xmalloc(n_sc * sizeof *xout);
  xref = xmalloc(n_sc * sizeof *xref);
  for (size_t i = 0; i < n_sc; i++) {
    xa[i] = (double)(i % 6283) * 1e-3;
    xb[i] = (double)(i % 3141) * 2e-3;
    xout[i] = xref[i] = 0;
  }
}

/* ---- one kernel: run, output, size ------------------------------------- */

enum kernel { TRIAD, DOT, MATMUL, JACOBI, TANH_TRACE, SINACOSB, JACOBI_FLAT, HEAT2D, NKERNELS };
static const char *kernel_names[NKERNELS] = {"triad",      "dot",      "matmul",
                                             "jacobi",     "tanh_trace", "sinacosb",
                                             "jacobi_flat", "heat2d"};

static void run(enum kernel k, const struct bench_kernels *v) {
  switch (k) {
  case TRIAD:
    v->triad(n_stream, sa, sb, sc, 3.0);
    break;
  case DOT:
    dot_result = v->dot(n_stream, sb, sc);
    break;
  case MATMUL:
    v->matmul(n_mm, (double (*)[n_mm])mA, (double (*)[n_mm])mB, (double (*)[n_mm])mC);
    break;
  case JACOBI:
    v->jacobi(n_jac, it_jac, (double (*)[n_jac])ju, (double (*)[n_jac])jv);
    break;
  case TANH_TRACE:
    v->tanh_trace(n_tanh, (double (*)[n_tanh])ta, (double (*)[n_tanh])tout);
    break;
  case SINACOSB:
    v->sinacosb(n_sc, xa, xb, xout);
    break;
  case JACOBI_FLAT:
    v->jacobi_flat(n_jac, it_jac, ju, jv);
    break;
  case HEAT2D:
    v->heat2d(n_jac, it_jac, (double (*)[n_jac])ju, (double (*)[n_jac])jv);
    break;
  default:
    break;
  }
}

/* The output array of kernel k (NULL for dot) and its length. */
static double *output(enum kernel k, size_t *len, double **ref) {
  switch (k) {
  case TRIAD:
    *len = n_stream, *ref = sref;
    return sa;
  case MATMUL:
    *len = (size_t)n_mm * n_mm, *ref = mref;
    return mC;
  case JACOBI: /* IT_JACOBI is even: the result is in u */
    *len = (size_t)n_jac * n_jac, *ref = jref;
    return ju;
  case JACOBI_FLAT:
    *len = (size_t)n_jac * n_jac, *ref = jfref;
    return ju;
  case HEAT2D: /* each step ends in a */
    *len = (size_t)n_jac * n_jac, *ref = jhref;
    return ju;
  case TANH_TRACE:
    *len = (size_t)n_tanh * n_tanh, *ref = tref;
    return tout;
  case SINACOSB:
    *len = n_sc, *ref = xref;
    return xout;
  default:
    *len = 0, *ref = NULL;
    return NULL;
  }
}

static size_t size_of(enum kernel k) {
  switch (k) {
  case TRIAD:
  case DOT:
    return n_stream;
  case MATMUL:
    return (size_t)n_mm;
  case JACOBI:
  case JACOBI_FLAT:
  case HEAT2D:
    return (size_t)n_jac;
  case TANH_TRACE:
    return (size_t)n_tanh;
  default:
    return n_sc;
  }
}

/* ---- timing and checking ------------------------------------------------ */

struct variant {
  const char *name;
  const struct bench_kernels *k;
  int threads;
};

static int failures;

static void bench_one(enum kernel k, const struct variant *v, int reps, int is_ref) {
  if (k == JACOBI || k == JACOBI_FLAT || k == HEAT2D)
    init_jacobi();
  double t0 = now_ms();
  run(k, v->k); /* warm-up, and the run that is checked */
  double first = now_ms() - t0;

  size_t len;
  double *ref, *out = output(k, &len, &ref);
  double err = 0, checksum = 0;
  const char *check = "ok";
  if (k == DOT) {
    checksum = dot_result;
    if (is_ref)
      dot_ref = dot_result;
    else
      err = fabs(dot_result - dot_ref) / dot_scale;
  } else {
    double big = 0, diff = 0;
    for (size_t i = 0; i < len; i++) {
      checksum += out[i];
      if (is_ref)
        ref[i] = out[i];
      big = fmax(big, fabs(ref[i]));
      diff = fmax(diff, fabs(out[i] - ref[i]));
    }
    err = big > 0 ? diff / big : diff;
  }
  if (!(err <= TOL)) {
    check = "FAIL";
    failures++;
  }

  double *t = xmalloc((size_t)reps * sizeof *t);
  for (int r = 0; r < reps; r++) {
    double s = now_ms();
    run(k, v->k);
    t[r] = now_ms() - s;
  }
  qsort(t, (size_t)reps, sizeof *t, cmp_double);
  printf("result kernel=%s variant=%s threads=%d size=%zu reps=%d best_ms=%.3f "
         "median_ms=%.3f first_ms=%.3f check=%s err=%.2e checksum=%.12e\n",
         kernel_names[k], v->name, v->threads, size_of(k), reps, t[0], t[reps / 2],
         first, check, err, checksum);
  fflush(stdout);
  free(t);
}

int main(int argc, char **argv) {
  int reps = 7;
  int want[NKERNELS] = {0}, any = 0;
  for (int a = 1; a < argc; a++) {
    if (!strcmp(argv[a], "-r") && a + 1 < argc) {
      reps = atoi(argv[++a]);
      if (reps < 1) {
        fprintf(stderr, "bench: -r needs a positive count\n");
        return 2;
      }
      continue;
    }
    int found = 0;
    for (int k = 0; k < NKERNELS; k++)
      if (!strcmp(argv[a], kernel_names[k]))
        want[k] = found = any = 1;
    if (!found) {
      fprintf(stderr, "usage: bench [-r REPS] [triad|dot|matmul|jacobi|tanh_trace|sinacosb|jacobi_flat|heat2d]...\n");
      return 2;
    }
  }
  const struct variant variants[] = {
      {"serial", &bench_serial, 1},
      {"ppar", &bench_ppar, __ppar_rt_num_threads()},
      {"ppar_auto", &bench_ppar_auto, __ppar_rt_num_threads()},
      {"omp", &bench_omp, bench_omp_threads()},
  };
  setup();
  for (int k = 0; k < NKERNELS; k++) {
    if (any && !want[k])
      continue;
    for (size_t v = 0; v < sizeof variants / sizeof *variants; v++)
      bench_one((enum kernel)k, &variants[v], reps, v == 0);
  }
  if (failures)
    fprintf(stderr, "bench: %d result(s) differ from the serial ones\n", failures);
  return failures ? 1 : 0;
}
