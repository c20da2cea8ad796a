/* gpu_streams.c - streams from the task graph (docs/benchmarks.md, "GPU"):
 * four independent copy-in + kernel + copy-out calls, made one after the
 * other, against the same calls made by four `delayed` tasks (with their
 * extents as clauses, so that they do not conflict), whose calls
 * run on the streams of the pool's workers and overlap their copies and
 * kernels. Built with the plugin by bench/gpu_run.sh.
 *
 *   gpu_streams [LOG2N [ITERS [REPS]]]
 *   gpu_streams replay
 *
 * Each call is work(n, iters, x, y): y[i] = x[i] through ITERS steps of a
 * multiply-add (default 2^24 doubles, 128 MiB in and 128 MiB out per call;
 * ITERS 1500, so that the kernel takes about as long as a copy on an H100).
 * Cases, host memory from malloc (pageable: the runtime stages the copies
 * through pinned chunks) and from ppar_host_alloc (pinned):
 *
 *   result case=streams4_seq impl=ppar ms=... bytes=... check=OK mem=pageable
 *   result case=streams4_tasks impl=ppar ms=... bytes=... check=OK mem=pageable
 *   result case=streams4_speedup impl=ppar ratio=1.83 mem=pageable (goal >= 1.5)
 *
 * Times are the median of REPS (default 5) after a warm-up; the tasks case
 * includes creating the tasks and ppar_compute().
 *
 * Record and replay: a time step of 10 small calls (nudge, 256 doubles,
 * resident) made one by one, against the step recorded once with
 * ppar_record and replayed (a CUDA graph), STEPS (1000) steps and one
 * ppar_synchronize each way; the time is per step (goal: replayed >= 2x
 * faster):
 *
 *   result case=replay10_calls impl=ppar us_per_step=... check=OK
 *   result case=replay10_graph impl=ppar us_per_step=... check=OK
 *   result case=replay10_speedup impl=ppar ratio=... (goal >= 2)
 *
 * Run it with
 * PPAR_TARGET=cuda (a function that cannot use the GPU ends the program)
 * and PPAR_TRACE=streams.json to see the four streams' rows overlap. */
#define _DEFAULT_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ppar.h>

PPAR_JIT(parallel, target=cuda, cache)
void work(size_t n, int iters, const double *restrict x, double *restrict y) {
  for (size_t i = 0; i < n; i++) {
    double v = x[i];
    for (int k = 0; k < iters; k++)
      v = v * 0.9999 + 0.0001;
    y[i] = v;
  }
}

PPAR_DELAYED(nogil, in(x[0:n]), inout(y[0:n]))
int step(size_t n, int iters, const double *restrict x, double *restrict y) {
  work(n, iters, x, y);
  return 0;
}

PPAR_JIT(parallel, target=cuda, cache)
void nudge(size_t n, double a, double *restrict v) {
  for (size_t i = 0; i < n; i++)
    v[i] = v[i] * a + 1e-3;
}

struct ten_args {
  size_t n;
  double *v;
};

/* One time step: 10 small calls on resident data. */
static void ten(void *arg) {
  struct ten_args *s = arg;
  for (int k = 0; k < 10; k++)
    nudge(s->n, 0.999, s->v);
}

enum { CALLS = 4 };

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* y against the same steps on the CPU, at a few points. */
static int check(size_t n, int iters, double *const *x, double *const *y) {
  for (int c = 0; c < CALLS; c++)
    for (size_t i = 0; i < n; i += n / 7 + 1) {
      double v = x[c][i];
      for (int k = 0; k < iters; k++)
        v = v * 0.9999 + 0.0001;
      if (fabs(v - y[c][i]) > 1e-9 * fabs(v) + 1e-12)
        return 0;
    }
  return 1;
}

static void sequence(size_t n, int iters, double *const *x, double *const *y) {
  for (int c = 0; c < CALLS; c++)
    work(n, iters, x[c], y[c]);
}

/* The pointers are read into locals before the first task: a call whose
 * argument is read from memory (x[c]) would first wait for the pending
 * tasks that may write it, here the previous ones. */
static void tasks(size_t n, int iters, double *const *x, double *const *y) {
  double *x0 = x[0], *x1 = x[1], *x2 = x[2], *x3 = x[3];
  double *y0 = y[0], *y1 = y[1], *y2 = y[2], *y3 = y[3];
  step(n, iters, x0, y0);
  step(n, iters, x1, y1);
  step(n, iters, x2, y2);
  step(n, iters, x3, y3);
  ppar_compute();
}

static int measure(const char *mem, size_t n, int iters, int reps,
                   double *const *x, double *const *y) {
  double t[2][64];
  const char *names[2] = {"streams4_seq", "streams4_tasks"};
  int ok = 1;
  for (int which = 0; which < 2; which++) {
    for (int r = 0; r <= reps; r++) {
      for (int c = 0; c < CALLS; c++)
        memset(y[c], 0, n * sizeof(double));
      double t0 = now_ms();
      if (which)
        tasks(n, iters, x, y);
      else
        sequence(n, iters, x, y);
      double ms = now_ms() - t0;
      if (r)
        t[which][r - 1] = ms; /* r == 0: the warm-up */
    }
    int good = check(n, iters, x, y);
    ok &= good;
    printf("result case=%s impl=ppar ms=%.4f bytes=%zu check=%s mem=%s\n",
           names[which], median(t[which], reps),
           (size_t)CALLS * 2 * n * sizeof(double), good ? "OK" : "FAIL", mem);
  }
  double seq = median(t[0], reps), par = median(t[1], reps);
  printf("result case=streams4_speedup impl=ppar ratio=%.2f mem=%s (goal >= "
         "1.5)\n",
         seq / par, mem);
  fflush(stdout);
  return ok;
}

/* Per-step microseconds of STEPS steps made one by one (graph 0) or
 * replayed (graph 1), after a warm-up; v checked against the CPU. */
static int replay_case(int graph) {
  enum { SMALL = 256, STEPS = 1000 };
  static double v[SMALL];
  for (int i = 0; i < SMALL; i++)
    v[i] = i;
  if (ppar_to_device(v, sizeof v) != 0)
    return 0;
  struct ten_args st = {SMALL, v};
  ppar_recording *rec = NULL;
  if (graph && ppar_record(&rec, ten, &st) != 0)
    return 0;
  if (!graph)
    ten(&st); /* the same warm-up step */
  ppar_synchronize();
  double t0 = now_ms();
  for (int s = 0; s < STEPS; s++)
    if (graph)
      ppar_replay(rec);
    else
      ten(&st);
  int ok = ppar_synchronize() == 0;
  double us = (now_ms() - t0) * 1e3 / STEPS;
  ppar_record_free(rec);
  ppar_to_host(v);
  ppar_device_free(v);
  for (int i = 0; i < SMALL; i += 17) {
    double w = i;
    for (int s = 0; s < (STEPS + 1) * 10; s++)
      w = w * 0.999 + 1e-3;
    ok &= fabs(w - v[i]) <= 1e-9 * fabs(w) + 1e-12;
  }
  printf("result case=replay10_%s impl=ppar us_per_step=%.3f check=%s\n",
         graph ? "graph" : "calls", us, ok ? "OK" : "FAIL");
  fflush(stdout);
  return ok ? (int)(us * 1000) + 1 : 0;
}

int main(int argc, char **argv) {
  int log2n = argc > 1 ? atoi(argv[1]) : 24;
  int iters = argc > 2 ? atoi(argv[2]) : 1500;
  int reps = argc > 3 ? atoi(argv[3]) : 5;
  if (reps < 1 || reps > 63)
    reps = 5;
  size_t n = (size_t)1 << log2n;
  if (ppar_device_count() < 1 && !getenv("GPU_BENCH_ALLOW_CPU")) {
    printf("# no GPU: %s (GPU_BENCH_ALLOW_CPU=1 runs it on the CPU)\n",
           ppar_last_error());
    return 0;
  }
  double *x[CALLS], *y[CALLS];
  int ok = 1;
  if (argc > 1 && !strcmp(argv[1], "replay")) {
    int calls = replay_case(0), graph = replay_case(1);
    if (calls && graph)
      printf("result case=replay10_speedup impl=ppar ratio=%.2f (goal >= 2)\n",
             (double)calls / graph);
    return calls && graph ? 0 : 1;
  }
  for (int pinned = 0; pinned < 2; pinned++) {
    for (int c = 0; c < CALLS; c++) {
      x[c] = pinned ? ppar_host_alloc(n * sizeof(double))
                    : malloc(n * sizeof(double));
      y[c] = pinned ? ppar_host_alloc(n * sizeof(double))
                    : malloc(n * sizeof(double));
      if (!x[c] || !y[c]) {
        printf("# out of host memory\n");
        return 1;
      }
      for (size_t i = 0; i < n; i++)
        x[c][i] = (double)((i * 2654435761u + (size_t)c) % 1000) / 1000;
    }
    ok &= measure(pinned ? "pinned" : "pageable", n, iters, reps, x, y);
    for (int c = 0; c < CALLS; c++) {
      if (pinned) {
        ppar_host_free(x[c]);
        ppar_host_free(y[c]);
      } else {
        free(x[c]);
        free(y[c]);
      }
    }
  }
  return ok ? 0 : 1;
}
