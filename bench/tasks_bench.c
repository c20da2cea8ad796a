/*
 * tasks_bench.c - task-graph overhead of ppar's runtime against hand-written
 * OpenMP tasks, in one process, with the same thread count T.
 *
 *   clang-19 -O2 -fopenmp -Iinclude -Iruntime bench/tasks_bench.c \
 *       build/lib/libppar_rt.a -lpthread -ldl -o tasks_bench
 *   PPAR_NUM_THREADS=2 OMP_NUM_THREADS=2 ./tasks_bench [N] [reps] [N_fan]
 *
 * (bash bench/tasks_run.sh does this for 1 thread and all cores, and adds
 * Dask.) The ppar side calls the __ppar_rt_task_* ABI the way plugin-generated
 * code does for `PPAR_DELAYED(nogil)` functions: an args struct copied into
 * the task, one static wrapper per function, accesses for pointer arguments,
 * the future released when it goes out of scope, a scope around the caller,
 * and ppar_compute() or a force to wait. Tasks are lazy (the default of
 * `delayed`) except in indep_eager and the eager sweep.
 *
 * Part 1, microseconds per task (create + run + free), best of `reps`:
 *   indep        N independent empty tasks, then one wait
 *   indep_eager  the same, `delayed(nogil, eager)`
 *   chain        N tasks, each inout on one memory cell (a serial chain)
 *   fanin        N_fan tasks, then one that takes all their futures and
 *                sums them
 *   fanin_mem    N_fan tasks each writing x[i] (out), then one reading
 *                x[0:N_fan] (in): the fan-in as ppar code writes it, through
 *                memory ranges.
 * The fan-ins use a smaller N_fan (default 20,000) because libomp takes
 * O(N^2) to create the one task with N dependences (both OpenMP fan-ins
 * are one code: depend(out: x[i]), then depend(iterator(j=0:n), in: x[j])).
 * (ppar's cost per task used to grow with N too, when its pending accesses
 * were a list; they are indexed by address now.)
 * Lines: `shape threads ppar_us omp_us ratio` (ratio = omp_us / ppar_us,
 * above 1: ppar is cheaper).
 *
 * Part 2, granularity (Task Bench's METG): N independent tasks each spinning
 * a calibrated busy loop of W ns, W = 100 ns ... 1.6 ms, doubling;
 * efficiency = (N * W / T) / elapsed. Lines:
 *   `sweep T W_ns N static_eff ppar_eff ppar_lazy_eff omp_eff`
 * where `static` is the same work split evenly over the threads with no
 * tasks at all (omp parallel for schedule(static)): the machine's ceiling.
 *   `metg threads ppar_ns omp_ns ratio`
 * METG(50%) = the smallest W from which on (for it and every larger W)
 * efficiency >= 50%; `none` if even 1.6 ms does not reach it. ppar_ns is the
 * eager variant (work overlaps creation, as with OpenMP tasks).
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* libomp's idle threads keep spinning for KMP_BLOCKTIME (200 ms) after a
 * parallel region; let them fall asleep before ppar is timed, so they do not
 * take its cores. (ppar's idle workers sleep after a few microseconds.) */
static void let_omp_sleep(void) {
  struct timespec d = {0, 250 * 1000 * 1000};
  nanosleep(&d, NULL);
}

/* ---- the "user's" functions ---------------------------------------------- */

__attribute__((noinline)) static void empty(long i) { __asm__ volatile("" ::"r"(i)); }
__attribute__((noinline)) static void bump(long *cell) { ++*cell; }
__attribute__((noinline)) static long part(long i) { return i; }
__attribute__((noinline)) static void produce(long *x, long i) { x[i] = i; }
__attribute__((noinline)) static long total(const long *x, long n) {
  long s = 0;
  for (long i = 0; i < n; i++)
    s += x[i];
  return s;
}

/* Calibrated work: an LCG step per iteration, kept in a register so the
 * compiler cannot fold the loop. Each call continues its thread's chain
 * (seed), so the CPU cannot overlap one task's work with the next one's, which
 * would make short tasks look cheaper than calibrated. */
static double ns_per_iter;
static _Thread_local unsigned long seed = 1;
__attribute__((noinline)) static void spin(long iters) {
  unsigned long x = seed;
  for (long i = 0; i < iters; i++) {
    x = x * 6364136223846793005ul + 1442695040888963407ul;
    __asm__ volatile("" : "+r"(x));
  }
  seed = x;
}

/* Best of 5 runs of 10,000 calls of 1,000 iterations. */
static void calibrate(void) {
  double best = 1e9;
  for (int r = 0; r < 5; r++) {
    double t0 = now();
    for (int k = 0; k < 10000; k++)
      spin(1000);
    double dt = now() - t0;
    best = dt < best ? dt : best;
  }
  ns_per_iter = best * 1e9 / 1e7;
}

/* ---- ppar: what the plugin generates for these calls ---------------------- */

struct empty_args { long i; };
static void empty_task(void *a, void *r) {
  (void)r;
  empty(((struct empty_args *)a)->i);
}

struct bump_args { long *cell; };
static void bump_task(void *a, void *r) {
  (void)r;
  bump(((struct bump_args *)a)->cell);
}

struct part_args { long i; };
static void part_task(void *a, void *r) {
  *(long *)r = part(((struct part_args *)a)->i);
}

/* A call taking N futures: the wrapper forces them (free: they are done). */
struct sum_args { struct __ppar_rt_task **parts; long n; };
static void sum_task(void *a, void *r) {
  struct sum_args *p = a;
  long s = 0;
  for (long i = 0; i < p->n; i++)
    s += *(long *)__ppar_rt_task_force(p->parts[i]);
  *(long *)r = s;
}

struct produce_args { long *x; long i; };
static void produce_task(void *a, void *r) {
  (void)r;
  struct produce_args *p = a;
  produce(p->x, p->i);
}

struct total_args { const long *x; long n; };
static void total_task(void *a, void *r) {
  struct total_args *p = a;
  *(long *)r = total(p->x, p->n);
}

struct spin_args { long iters; };
static void spin_task(void *a, void *r) {
  (void)r;
  spin(((struct spin_args *)a)->iters);
}

#define NOGIL __PPAR_RT_TASK_NOGIL
#define EAGER __PPAR_RT_TASK_EAGER

static void ppar_indep(long n, unsigned flags) {
  __ppar_rt_scope_enter();
  for (long i = 0; i < n; i++)
    __ppar_rt_task_release(__ppar_rt_task_create(
        "empty", __FILE__, __LINE__, empty_task, &(struct empty_args){i},
        sizeof(struct empty_args), 0, 0, 0, 0, 0, flags));
  ppar_compute();
  __ppar_rt_scope_leave();
}

static long cell;

static void ppar_chain(long n) {
  cell = 0;
  __ppar_rt_scope_enter();
  for (long i = 0; i < n; i++) {
    struct __ppar_rt_access acc = {&cell, &cell + 1, __PPAR_RT_ACCESS_READWRITE};
    __ppar_rt_task_release(__ppar_rt_task_create(
        "bump", __FILE__, __LINE__, bump_task, &(struct bump_args){&cell},
        sizeof(struct bump_args), 0, &acc, 1, 0, 0, NOGIL));
  }
  ppar_compute();
  __ppar_rt_scope_leave();
  if (cell != n)
    fprintf(stderr, "tasks_bench: ppar chain counted %ld, not %ld\n", cell, n), exit(1);
}

static struct __ppar_rt_task **parts; /* N futures */
static long *xs;                      /* N cells    */

static void ppar_fanin(long n) {
  __ppar_rt_scope_enter();
  for (long i = 0; i < n; i++)
    parts[i] = __ppar_rt_task_create("part", __FILE__, __LINE__, part_task,
                                     &(struct part_args){i}, sizeof(struct part_args),
                                     sizeof(long), 0, 0, 0, 0, NOGIL);
  struct __ppar_rt_task *s = __ppar_rt_task_create(
      "sum", __FILE__, __LINE__, sum_task, &(struct sum_args){parts, n},
      sizeof(struct sum_args), sizeof(long), 0, 0, parts, (int)n, NOGIL);
  long got = *(long *)__ppar_rt_task_force(s);
  __ppar_rt_task_release(s);
  for (long i = 0; i < n; i++)
    __ppar_rt_task_release(parts[i]);
  __ppar_rt_scope_leave();
  if (got != n * (n - 1) / 2)
    fprintf(stderr, "tasks_bench: ppar fanin summed %ld\n", got), exit(1);
}

static void ppar_fanin_mem(long n) {
  __ppar_rt_scope_enter();
  for (long i = 0; i < n; i++) {
    struct __ppar_rt_access acc = {xs + i, xs + i + 1, __PPAR_RT_ACCESS_WRITE};
    __ppar_rt_task_release(__ppar_rt_task_create(
        "produce", __FILE__, __LINE__, produce_task,
        &(struct produce_args){xs, i}, sizeof(struct produce_args), 0, &acc, 1,
        0, 0, NOGIL));
  }
  struct __ppar_rt_access acc = {xs, xs + n, __PPAR_RT_ACCESS_READ};
  struct __ppar_rt_task *s = __ppar_rt_task_create(
      "total", __FILE__, __LINE__, total_task, &(struct total_args){xs, n},
      sizeof(struct total_args), sizeof(long), &acc, 1, 0, 0, NOGIL);
  long got = *(long *)__ppar_rt_task_force(s);
  __ppar_rt_task_release(s);
  __ppar_rt_scope_leave();
  if (got != n * (n - 1) / 2)
    fprintf(stderr, "tasks_bench: ppar fanin_mem summed %ld\n", got), exit(1);
}

static void ppar_spin(long n, long iters, unsigned flags) {
  __ppar_rt_scope_enter();
  for (long i = 0; i < n; i++)
    __ppar_rt_task_release(__ppar_rt_task_create(
        "spin", __FILE__, __LINE__, spin_task, &(struct spin_args){iters},
        sizeof(struct spin_args), 0, 0, 0, 0, 0, flags));
  ppar_compute();
  __ppar_rt_scope_leave();
}

/* ---- OpenMP: the same graphs, hand-written --------------------------------- */

static void omp_indep(long n) {
#pragma omp parallel
#pragma omp single
  {
    for (long i = 0; i < n; i++) {
#pragma omp task firstprivate(i)
      empty(i);
    }
#pragma omp taskwait
  }
}

static void omp_chain(long n) {
  cell = 0;
#pragma omp parallel
#pragma omp single
  {
    for (long i = 0; i < n; i++) {
#pragma omp task depend(inout : cell)
      bump(&cell);
    }
#pragma omp taskwait
  }
  if (cell != n)
    fprintf(stderr, "tasks_bench: omp chain counted %ld, not %ld\n", cell, n), exit(1);
}

/* Both fan-ins: N tasks writing x[i], one task depending on every x[j]. */
static void omp_fanin(long n) {
  long got = 0;
  long *x = xs;
#pragma omp parallel
#pragma omp single
  {
    for (long i = 0; i < n; i++) {
#pragma omp task depend(out : x[i]) firstprivate(i)
      produce(x, i);
    }
#pragma omp task depend(iterator(j = 0 : n), in : x[j]) shared(got)
    got = total(x, n);
#pragma omp taskwait
  }
  if (got != n * (n - 1) / 2)
    fprintf(stderr, "tasks_bench: omp fanin summed %ld\n", got), exit(1);
}

static void omp_spin(long n, long iters) {
#pragma omp parallel
#pragma omp single
  {
    for (long i = 0; i < n; i++) {
#pragma omp task
      spin(iters);
    }
#pragma omp taskwait
  }
}

/* The ceiling: the same work, evenly split, no tasks. */
static void static_spin(long n, long iters) {
#pragma omp parallel for schedule(static)
  for (long i = 0; i < n; i++)
    spin(iters);
}

/* ---- driver ------------------------------------------------------------- */

enum { INDEP, INDEP_EAGER, CHAIN, FANIN, FANIN_MEM, NSHAPES };
static const char *shape_name[NSHAPES] = {"indep", "indep_eager", "chain",
                                          "fanin", "fanin_mem"};

static void run_ppar(int s, long n) {
  switch (s) {
  case INDEP: ppar_indep(n, NOGIL); break;
  case INDEP_EAGER: ppar_indep(n, NOGIL | EAGER); break;
  case CHAIN: ppar_chain(n); break;
  case FANIN: ppar_fanin(n); break;
  case FANIN_MEM: ppar_fanin_mem(n); break;
  }
}

static void run_omp(int s, long n) {
  switch (s) {
  case INDEP: case INDEP_EAGER: omp_indep(n); break;
  case CHAIN: omp_chain(n); break;
  case FANIN: case FANIN_MEM: omp_fanin(n); break;
  }
}

/* Seconds of the best of reps runs of `which` (0 ppar eager, 1 ppar lazy,
 * 2 omp tasks, 3 static), N tasks of iters iterations each. */
static double time_spin(int which, long n, long iters, int reps) {
  double best = 1e30;
  for (int r = 0; r < reps; r++) {
    double t0 = now();
    switch (which) {
    case 0: ppar_spin(n, iters, NOGIL | EAGER); break;
    case 1: ppar_spin(n, iters, NOGIL); break;
    case 2: omp_spin(n, iters); break;
    case 3: static_spin(n, iters); break;
    }
    double dt = now() - t0;
    best = dt < best ? dt : best;
  }
  return best;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  int reps = argc > 2 ? atoi(argv[2]) : 3;
  long n_fan = argc > 3 ? atol(argv[3]) : 20000;
  int T = __ppar_rt_num_threads();
  if (omp_get_max_threads() != T) {
    fprintf(stderr, "tasks_bench: ppar has %d threads, OpenMP %d: set "
                    "PPAR_NUM_THREADS and OMP_NUM_THREADS to the same T\n",
            T, omp_get_max_threads());
    return 1;
  }
  long big = n > n_fan ? n : n_fan;
  parts = malloc((size_t)big * sizeof *parts);
  xs = calloc((size_t)big, sizeof *xs);
  if (!parts || !xs)
    return fprintf(stderr, "tasks_bench: out of memory\n"), 1;
  calibrate();
  printf("# tasks_bench: T=%d, N=%ld (fan-ins: %ld), best of %d; busy loop "
         "%.3f ns/iteration\n", T, n, n_fan, reps, ns_per_iter);
  printf("# shape threads ppar_us omp_us ratio(omp/ppar)\n");
  fflush(stdout);

  for (int s = 0; s < NSHAPES; s++) {
    long m = s == FANIN || s == FANIN_MEM ? n_fan : n;
    run_ppar(s, m / 10 > 0 ? m / 10 : 1); /* warm-up: threads, allocator */
    run_omp(s, m / 10 > 0 ? m / 10 : 1);
    double bp = 1e30, bo = 1e30;
    for (int r = 0; r < reps; r++) {
      let_omp_sleep();
      double t0 = now();
      run_ppar(s, m);
      double t1 = now();
      run_omp(s, m);
      double t2 = now();
      bp = t1 - t0 < bp ? t1 - t0 : bp;
      bo = t2 - t1 < bo ? t2 - t1 : bo;
    }
    double up = bp / (double)m * 1e6, uo = bo / (double)m * 1e6;
    printf("%s %d %.3f %.3f %.2f\n", shape_name[s], T, up, uo, uo / up);
    fflush(stdout);
  }

  /* Part 2: W = 100 ns * 2^k. Each point does about 0.1 s of work per
   * thread (at most 100,000 tasks, at least 16 per thread). */
  enum { NW = 15 };
  double eff[4][NW];
  long ws[NW];
  printf("# sweep threads W_ns N static_eff ppar_eff ppar_lazy_eff omp_eff\n");
  for (int k = 0; k < NW; k++) {
    long w = 100L << k;
    long iters = (long)((double)w / ns_per_iter + 0.5);
    long m = (long)(0.1e9 * T / (double)w);
    m = m > 100000 ? 100000 : m < 16L * T ? 16L * T : m;
    double work = (double)m * (double)iters * ns_per_iter * 1e-9 / T;
    ws[k] = w;
    let_omp_sleep(); /* the ppar variants come first */
    for (int v = 0; v < 4; v++)
      eff[v][k] = work / time_spin(v, m, iters, reps);
    printf("sweep %d %ld %ld %.3f %.3f %.3f %.3f\n", T, w, m, eff[3][k],
           eff[0][k], eff[1][k], eff[2][k]);
    fflush(stdout);
  }
  long metg[3];
  char txt[3][32];
  for (int v = 0; v < 3; v++) {
    metg[v] = -1;
    for (int k = NW - 1; k >= 0 && eff[v][k] >= 0.5; k--)
      metg[v] = ws[k];
    if (metg[v] < 0)
      snprintf(txt[v], sizeof txt[v], "none");
    else
      snprintf(txt[v], sizeof txt[v], "%ld", metg[v]);
  }
  if (metg[0] > 0 && metg[2] > 0)
    printf("metg %d %s %s %.2f\n", T, txt[0], txt[2],
           (double)metg[2] / (double)metg[0]);
  else
    printf("metg %d %s %s -\n", T, txt[0], txt[2]);
  printf("# metg_lazy %d %s (ppar without eager)\n", T, txt[1]);
  free(parts);
  free(xs);
  return 0;
}
