// The GPU call protocol of ppar_rt_abi.h driven by hand, as generated code
// drives it, with hand-written CUDA kernels: saxpy, a double sum with
// atomicAdd into scratch, a 2-D kernel; results against CPU loops (the
// values are small integers, so every result is exact). Also: aliased and
// adjacent ranges share one device copy, resident data is used without a
// copy, a warm module (second call) is not compiled again, several threads
// call at once, a launch error and a compile error fall back with one line,
// and the cache directory is hit by a second process.
//
// REQUIRES: cuda-gpu
// RUN: %clang -std=c11 -O2 -g -I%include -I%rt_src %s -L%libdir -lppar_rt -Wl,-rpath,%libdir -lpthread -o %t
// RUN: rm -rf %t.cache %t.tmp && mkdir %t.tmp
// RUN: env TMPDIR=%t.tmp PPAR_CACHE_DIR=%t.cache PPAR_VERBOSE=1 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,FIRST --match-full-lines
// RUN: env TMPDIR=%t.tmp PPAR_CACHE_DIR=%t.cache PPAR_VERBOSE=1 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,SECOND --match-full-lines
// CHECK:       choose: cuda=3 auto=3 cpu=1 no_cuda_variant=1
// FIRST:       ppar: saxpy (gpu-call.c:100): kernel compiled in {{[0-9.]+}} ms for sm_{{[0-9]+}}
// SECOND:      ppar: saxpy (gpu-call.c:100): kernels loaded from cache in {{[0-9.]+}} ms for sm_{{[0-9]+}}
// CHECK:       saxpy n=1000000: ok
// CHECK-NEXT:  sum: ok
// CHECK-NEXT:  second call: ok
// CHECK-NEXT:  2-D 1000x300: ok
// CHECK-NEXT:  alias same pointer: shared=1 ok
// CHECK-NEXT:  alias adjacent: contiguous=1 ok
// CHECK-NEXT:  alias overlapping: offset=1 ok
// CHECK-NEXT:  unmapped pointer passes through: 1
// FIRST-NEXT:  ppar: waiting for 1 asynchronous GPU call (the first of saxpy, gpu-call.c:100) at ppar_to_host
// SECOND-NEXT: ppar: waiting for 1 asynchronous GPU call (the first of saxpy, gpu-call.c:100) at ppar_to_host
// CHECK-NEXT:  resident: to_device=0 no copy in=1 no copy out=1 to_host=0 ok
// CHECK-NEXT:  resident again: to_device=0 ok
// CHECK-NEXT:  resident overlap: -1 'ppar: ppar_to_device({{.+}}): the range overlaps resident data {{.+}} without being inside it; ppar_device_free that first'
// CHECK-NEXT:  resident free: 0 then to_host=-6 free=-6
// CHECK-NEXT:  large 300 MB: ok
// CHECK:       ppar: bounded (gpu-call.c:200): the GPU call failed: launching kernel k_bounded (grid {{[0-9]+}}x1, block 256x1) failed: CUDA_ERROR_{{[A-Z_]+}} ({{[0-9]+}}): {{.+}}; running the CPU version
// CHECK-NEXT:  launch error: end={{-[0-9]}} host untouched=1
// CHECK-NEXT:  after the error: ok
// CHECK:       ppar: saxpy (gpu-call.c:100): the GPU call failed: kernel 7 does not exist: the module has 4 (bad generated code); running the CPU version
// CHECK-NEXT:  bad kernel index: end=-1
// CHECK:       ppar: broken (gpu-call.c:300): cannot run on the GPU: kernel broken: NVRTC could not compile its CUDA source for sm_{{[0-9]+}}: {{.+}} (full log: {{.+}}/ppar-nvrtc-broken-{{[0-9]+}}.log); running the CPU version
// CHECK-NEXT:  broken: NULL NULL
// CHECK-NEXT:  threads: 8 x 40 calls ok
// FIRST-NEXT:  ppar: waiting for 1 asynchronous GPU call (the first of saxpy, gpu-call.c:100) at ppar_synchronize
// SECOND-NEXT: ppar: waiting for 1 asynchronous GPU call (the first of saxpy, gpu-call.c:100) at ppar_synchronize
// CHECK-NEXT:  warm call: {{[0-9.]+}} us per call with one launch
// CHECK-NEXT:  warm saxpy n=1000: {{[0-9.]+}} us per call
//
// PPAR_TRACE: compile, copies and kernels on a GPU row.
// RUN: env PPAR_TRACE=%t.json %t 2>&1 | FileCheck %s --check-prefix=RAN
// RAN: threads: 8 x 40 calls ok
// RUN: FileCheck %s --check-prefix=TRACE < %t.json
// TRACE-DAG: "name": "thread_name", {{.*}}"name": "GPU stream of thread {{[0-9]+}}"
// TRACE-DAG: {"name": "compile", "cat": "compile", {{.*}}"args": {"function": "saxpy", "device": 0, "kernels": "k_saxpy, k_sum, k_add2d, k_nop"}}
// TRACE-DAG: {"name": "H2D", "cat": "copy", {{.*}}"bytes": 8000000, "GB/s": {{[0-9.]+}}}}
// TRACE-DAG: {"name": "D2H", "cat": "copy", {{.*}}"bytes": 8000000, "GB/s": {{[0-9.]+}}}}
// TRACE-DAG: {"name": "k_saxpy", "cat": "kernel", {{.*}}"args": {"function": "saxpy", "device": 0}}
// TRACE-DAG: {"name": "k_sum", "cat": "kernel", {{.*}}

#define _POSIX_C_SOURCE 200809L
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char source[] =
    "#define FOR(i, n) for (long long i = blockIdx.x * (long long)blockDim.x"
    " + threadIdx.x; i < (n); i += (long long)gridDim.x * blockDim.x)\n"
    "extern \"C\" __global__ void k_saxpy(long long n, double a,\n"
    "    const double *x, double *y) { FOR(i, n) y[i] = a * x[i] + y[i]; }\n"
    "extern \"C\" __global__ void k_sum(long long n, const double *x,\n"
    "    double *s) {\n"
    "  double acc = 0; FOR(i, n) acc += x[i];\n"
    "  for (int o = 16; o > 0; o /= 2)\n"
    "    acc += __shfl_down_sync(0xffffffffu, acc, o);\n"
    "  if ((threadIdx.x & 31) == 0) atomicAdd(s, acc);\n"
    "}\n"
    "extern \"C\" __global__ void k_add2d(long long nx, long long ny,\n"
    "    const double *a, double *b) {\n"
    "  for (long long j = blockIdx.y * (long long)blockDim.y + threadIdx.y;\n"
    "       j < ny; j += (long long)gridDim.y * blockDim.y)\n"
    "    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;\n"
    "         i < nx; i += (long long)gridDim.x * blockDim.x)\n"
    "      b[j * nx + i] += a[j * nx + i];\n"
    "}\n"
    "extern \"C\" __global__ void k_nop(int x) { (void)x; }\n";

static struct __ppar_rt_module saxpy_m = {
    "saxpy", "gpu-call.c", 100, source,
    (const char *const[]){"k_saxpy", "k_sum", "k_add2d", "k_nop"}, 4,
    __PPAR_RT_MODULE_CACHE, 0};

/* At most 64 threads per block: launching 256 is a launch error. */
static struct __ppar_rt_module bounded_m = {
    "bounded", "gpu-call.c", 200,
    "extern \"C\" __global__ void __launch_bounds__(64)\n"
    "k_bounded(long long n, double *y) {\n"
    "  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;"
    " i < n; i += (long long)gridDim.x * blockDim.x) y[i] = -1; }\n",
    (const char *const[]){"k_bounded"}, 1, 0, 0};

static struct __ppar_rt_module broken_m = {
    "broken", "gpu-call.c", 300,
    "extern \"C\" __global__ void k(int x) { x = ; }\n",
    (const char *const[]){"k"}, 1, 0, 0};

static int failures;
#define EXPECT(cond)                                                           \
  do {                                                                         \
    if (!(cond)) {                                                             \
      printf("FAILED line %d: %s\n", __LINE__, #cond);                         \
      failures++;                                                              \
    }                                                                          \
  } while (0)

static double *fill(size_t n, int salt) {
  double *p = malloc(n * sizeof *p);
  for (size_t i = 0; i < n; i++)
    p[i] = (double)((i * 7 + (size_t)salt) % 1000);
  return p;
}

/* y = a x + y on the GPU as generated code does it; the CPU loop when the
 * call cannot run. Returns end's code. */
static int saxpy(long long n, double a, const double *x, double *y) {
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&saxpy_m);
  if (!c)
    goto cpu;
  __ppar_rt_gpu_data(c, x, x + n, __PPAR_RT_ACCESS_READ);
  __ppar_rt_gpu_data(c, y, y + n, __PPAR_RT_ACCESS_READWRITE);
  if (__ppar_rt_gpu_copy_in(c))
    goto fail;
  double *d_x = __ppar_rt_gpu_ptr(c, x), *d_y = __ppar_rt_gpu_ptr(c, y);
  __ppar_rt_gpu_launch(c, 0, n, 1, (void *[]){&n, &a, &d_x, &d_y});
fail:;
  int rc = __ppar_rt_gpu_end(c);
  if (!rc)
    return 0;
cpu:
  for (long long i = 0; i < n; i++)
    y[i] = a * x[i] + y[i];
  return rc;
}

static double sum(long long n, const double *x) {
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&saxpy_m);
  double s = 0, zero = 0, part = 0;
  __ppar_rt_gpu_data(c, x, x + n, __PPAR_RT_ACCESS_READ);
  if (__ppar_rt_gpu_copy_in(c))
    goto fail;
  double *d_x = __ppar_rt_gpu_ptr(c, x);
  double *d_s = __ppar_rt_gpu_scratch(c, &zero, sizeof zero);
  __ppar_rt_gpu_launch(c, 1, n, 1, (void *[]){&n, &d_x, &d_s});
  if (__ppar_rt_gpu_fetch(c, &part, d_s, sizeof part) == 0)
    s += part;
fail:
  if (__ppar_rt_gpu_end(c))
    return -1;
  return s;
}

static double cpu_sum(long long n, const double *x) {
  double s = 0;
  for (long long i = 0; i < n; i++)
    s += x[i];
  return s;
}

static int same(const double *a, const double *b, size_t n) {
  return memcmp(a, b, n * sizeof *a) == 0;
}

static void test_saxpy(void) {
  long long n = 1000000;
  double *x = fill(n, 1), *y = fill(n, 2), *ref = fill(n, 2);
  for (long long i = 0; i < n; i++)
    ref[i] = 3 * x[i] + ref[i];
  int rc = saxpy(n, 3, x, y);
  EXPECT(rc == 0);
  printf("saxpy n=%lld: %s\n", n, rc == 0 && same(y, ref, n) ? "ok" : "WRONG");
  double s = sum(n, y);
  printf("sum: %s\n", s == cpu_sum(n, ref) ? "ok" : "WRONG");
  rc = saxpy(n, 3, x, y); /* the module is loaded: no compile, no log */
  for (long long i = 0; i < n; i++)
    ref[i] = 3 * x[i] + ref[i];
  printf("second call: %s\n", rc == 0 && same(y, ref, n) ? "ok" : "WRONG");
  free(x), free(y), free(ref);
}

static void test_2d(void) {
  long long nx = 1000, ny = 300, n = nx * ny;
  double *a = fill(n, 3), *b = fill(n, 4), *ref = fill(n, 4);
  for (long long i = 0; i < n; i++)
    ref[i] += a[i];
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&saxpy_m);
  __ppar_rt_gpu_data(c, a, a + n, __PPAR_RT_ACCESS_READ);
  __ppar_rt_gpu_data(c, b, b + n, __PPAR_RT_ACCESS_READWRITE);
  __ppar_rt_gpu_copy_in(c);
  double *d_a = __ppar_rt_gpu_ptr(c, a), *d_b = __ppar_rt_gpu_ptr(c, b);
  __ppar_rt_gpu_launch(c, 2, nx, ny, (void *[]){&nx, &ny, &d_a, &d_b});
  int rc = __ppar_rt_gpu_end(c);
  printf("2-D %lldx%lld: %s\n", nx, ny, rc == 0 && same(b, ref, n) ? "ok" : "WRONG");
  free(a), free(b), free(ref);
}

static void test_alias(void) {
  long long n = 100000;
  /* One array passed as both x and y: y = 3y + y. */
  double *a = fill(2 * n, 5), *ref = fill(2 * n, 5);
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&saxpy_m);
  __ppar_rt_gpu_data(c, a, a + n, __PPAR_RT_ACCESS_READ);
  __ppar_rt_gpu_data(c, a, a + n, __PPAR_RT_ACCESS_READWRITE);
  __ppar_rt_gpu_copy_in(c);
  double *d_x = __ppar_rt_gpu_ptr(c, a), *d_y = __ppar_rt_gpu_ptr(c, a);
  double three = 3;
  __ppar_rt_gpu_launch(c, 0, n, 1, (void *[]){&n, &three, &d_x, &d_y});
  int rc = __ppar_rt_gpu_end(c);
  for (long long i = 0; i < n; i++)
    ref[i] = 4 * ref[i];
  printf("alias same pointer: shared=%d %s\n", d_x == d_y,
         rc == 0 && same(a, ref, 2 * n) ? "ok" : "WRONG");

  /* x = a[0:n], y = a[n:2n]: adjacent, one device copy. */
  c = __ppar_rt_gpu_begin(&saxpy_m);
  __ppar_rt_gpu_data(c, a + n, a + 2 * n, __PPAR_RT_ACCESS_READWRITE);
  __ppar_rt_gpu_data(c, a, a + n, __PPAR_RT_ACCESS_READ);
  __ppar_rt_gpu_copy_in(c);
  d_x = __ppar_rt_gpu_ptr(c, a), d_y = __ppar_rt_gpu_ptr(c, a + n);
  __ppar_rt_gpu_launch(c, 0, n, 1, (void *[]){&n, &three, &d_x, &d_y});
  rc = __ppar_rt_gpu_end(c);
  for (long long i = 0; i < n; i++)
    ref[n + i] = 3 * ref[i] + ref[n + i];
  printf("alias adjacent: contiguous=%d %s\n", d_y == d_x + n,
         rc == 0 && same(a, ref, 2 * n) ? "ok" : "WRONG");

  /* x = a[0:n], y = a[n/2:n/2+n]: overlapping ranges; the kernel only reads
   * (a sum over x and over y), both through one copy. */
  c = __ppar_rt_gpu_begin(&saxpy_m);
  __ppar_rt_gpu_data(c, a, a + n, __PPAR_RT_ACCESS_READ);
  __ppar_rt_gpu_data(c, a + n / 2, a + n / 2 + n, __PPAR_RT_ACCESS_READ);
  __ppar_rt_gpu_copy_in(c);
  d_x = __ppar_rt_gpu_ptr(c, a), d_y = __ppar_rt_gpu_ptr(c, a + n / 2);
  double zero = 0, sx = 0, sy = 0;
  double *d_sx = __ppar_rt_gpu_scratch(c, &zero, sizeof zero);
  double *d_sy = __ppar_rt_gpu_scratch(c, &zero, sizeof zero);
  __ppar_rt_gpu_launch(c, 1, n, 1, (void *[]){&n, &d_x, &d_sx});
  __ppar_rt_gpu_launch(c, 1, n, 1, (void *[]){&n, &d_y, &d_sy});
  __ppar_rt_gpu_fetch(c, &sx, d_sx, sizeof sx);
  __ppar_rt_gpu_fetch(c, &sy, d_sy, sizeof sy);
  rc = __ppar_rt_gpu_end(c);
  printf("alias overlapping: offset=%d %s\n", d_y == d_x + n / 2,
         rc == 0 && sx == cpu_sum(n, ref) && sy == cpu_sum(n, ref + n / 2)
             ? "ok"
             : "WRONG");

  /* A pointer outside every range is passed through unchanged. */
  c = __ppar_rt_gpu_begin(&saxpy_m);
  __ppar_rt_gpu_data(c, a, a + 10, __PPAR_RT_ACCESS_READ);
  __ppar_rt_gpu_copy_in(c);
  printf("unmapped pointer passes through: %d\n",
         __ppar_rt_gpu_ptr(c, a + 11) == a + 11 &&
             __ppar_rt_gpu_ptr(c, a + 10) != a + 10);
  __ppar_rt_gpu_end(c);
  free(a), free(ref);
}

static void test_resident(void) {
  long long n = 200000;
  double *x = fill(n, 6), *y = fill(n, 7), *x0 = fill(n, 6), *y0 = fill(n, 7);
  int to = ppar_to_device(x, n * sizeof *x);
  to |= ppar_to_device(y, n * sizeof *y);
  /* Changed on the host after to_device: the kernels must not see it. */
  for (long long i = 0; i < n; i++)
    x[i] = -1;
  int rc = saxpy(n, 2, x, y);
  int no_copy_out = same(y, y0, n); /* the result stays on the device */
  int back = ppar_to_host(y);
  for (long long i = 0; i < n; i++)
    y0[i] = 2 * x0[i] + y0[i];
  int no_copy_in = same(y, y0, n);
  printf("resident: to_device=%d no copy in=%d no copy out=%d to_host=%d "
         "%s\n",
         to, no_copy_in, no_copy_out, back, rc == 0 && no_copy_in ? "ok" : "WRONG");

  /* ppar_to_device again copies the host's bytes over. */
  for (long long i = 0; i < n; i++)
    x[i] = 1;
  to = ppar_to_device(x, n * sizeof *x);
  double s = sum(n, x);
  printf("resident again: to_device=%d %s\n", to, s == (double)n ? "ok" : "WRONG");

  int over = ppar_to_device(x + n / 2, n * sizeof *x);
  printf("resident overlap: %d '%s'\n", over, ppar_last_error());
  int f = ppar_device_free(x + 5); /* any address inside */
  ppar_device_free(y);
  int th = ppar_to_host(x);
  printf("resident free: %d then to_host=%d free=%d\n", f, th,
         ppar_device_free(x));
  free(x), free(y), free(x0), free(y0);
}

static void test_large(void) {
  long long n = 300000000 / 8;
  double *x = fill(n, 8), *y = fill(n, 9), *ref = fill(n, 9);
  int rc = saxpy(n, 1, x, y);
  for (long long i = 0; i < n; i++)
    ref[i] += x[i];
  printf("large 300 MB: %s\n", rc == 0 && same(y, ref, n) ? "ok" : "WRONG");
  free(x), free(y), free(ref);
}

static void test_errors(void) {
  long long n = 1000;
  double *y = fill(n, 10), *y0 = fill(n, 10);
  struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&bounded_m);
  __ppar_rt_gpu_data(c, y, y + n, __PPAR_RT_ACCESS_WRITE);
  __ppar_rt_gpu_copy_in(c);
  double *d_y = __ppar_rt_gpu_ptr(c, y);
  int l = __ppar_rt_gpu_launch(c, 0, n, 1, (void *[]){&n, &d_y});
  int e = __ppar_rt_gpu_end(c);
  fflush(stderr);
  printf("launch error: end=%d host untouched=%d\n", e,
         l == e && e < 0 && same(y, y0, n));
  fflush(stdout);
  /* Not sticky: the device still works. */
  double *x = fill(n, 11);
  int rc = saxpy(n, 1, x, y);
  for (long long i = 0; i < n; i++)
    y0[i] += x[i];
  printf("after the error: %s\n", rc == 0 && same(y, y0, n) ? "ok" : "WRONG");

  c = __ppar_rt_gpu_begin(&saxpy_m);
  int nop = 0;
  __ppar_rt_gpu_launch(c, 7, 1, 1, (void *[]){&nop});
  fflush(stdout);
  printf("bad kernel index: end=%d\n", __ppar_rt_gpu_end(c));
  fflush(stdout);
  struct __ppar_rt_gpu_call *b1 = __ppar_rt_gpu_begin(&broken_m);
  struct __ppar_rt_gpu_call *b2 = __ppar_rt_gpu_begin(&broken_m);
  printf("broken: %s %s\n", b1 ? "call" : "NULL", b2 ? "call" : "NULL");
  free(x), free(y), free(y0);
}

static int thread_bad;

static void *thread(void *arg) {
  long long n = 10000 + 1000 * (long long)(size_t)arg;
  double *x = fill(n, 12), *y = fill(n, 13), *ref = fill(n, 13);
  for (int it = 0; it < 40; it++) {
    saxpy(n, 1, x, y);
    for (long long i = 0; i < n; i++)
      ref[i] += x[i];
    if (!same(y, ref, n) || sum(n, y) != cpu_sum(n, ref))
      __atomic_fetch_add(&thread_bad, 1, __ATOMIC_RELAXED);
  }
  free(x), free(y), free(ref);
  return NULL;
}

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static void test_warm(void) {
  int reps = 20000, x = 1;
  for (int pass = 0; pass < 2; pass++) { /* the first pass warms up */
    double t0 = now_us();
    for (int i = 0; i < reps; i++) {
      struct __ppar_rt_gpu_call *c = __ppar_rt_gpu_begin(&saxpy_m);
      __ppar_rt_gpu_copy_in(c);
      __ppar_rt_gpu_launch(c, 3, 1, 1, (void *[]){&x});
      __ppar_rt_gpu_end(c);
      ppar_synchronize(); /* a call with no data does not wait by itself */
    }
    double per = (now_us() - t0) / reps;
    if (pass)
      printf("warm call: %.2f us per call with one launch\n", per);
  }
  long long n = 1000;
  double *a = fill(n, 1), *b = fill(n, 2);
  double t0 = now_us();
  for (int i = 0; i < 2000; i++)
    saxpy(n, 0, a, b);
  printf("warm saxpy n=%lld: %.2f us per call\n", n, (now_us() - t0) / 2000);
  free(a), free(b);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (ppar_device_count() < 1) {
    printf("no device: %s\n", ppar_last_error());
    return 1;
  }
  struct __ppar_rt_fn fc = {"fc", "c.c", 1, 1u << 1 | 1u << 3,
                            __PPAR_RT_TARGET_CUDA, 0};
  struct __ppar_rt_fn fa = {"fa", "c.c", 2, 1u << 1 | 1u << 3,
                            __PPAR_RT_TARGET_AUTO, 0};
  struct __ppar_rt_fn fp = {"fp", "c.c", 3, 1u << 1 | 1u << 3,
                            __PPAR_RT_TARGET_CPU, 0};
  struct __ppar_rt_fn fn = {"fn", "c.c", 4, 1u << 1, __PPAR_RT_TARGET_CUDA, 0};
  printf("choose: cuda=%d auto=%d cpu=%d no_cuda_variant=%d\n",
         __ppar_rt_choose(&fc), __ppar_rt_choose(&fa), __ppar_rt_choose(&fp),
         __ppar_rt_choose(&fn));
  test_saxpy();
  test_2d();
  test_alias();
  test_resident();
  test_large();
  test_errors();
  pthread_t t[8];
  for (int i = 0; i < 8; i++)
    pthread_create(&t[i], NULL, thread, (void *)(size_t)i);
  for (int i = 0; i < 8; i++)
    pthread_join(t[i], NULL);
  printf("threads: 8 x 40 calls %s\n", thread_bad ? "WRONG" : "ok");
  test_warm();
  return failures != 0;
}
