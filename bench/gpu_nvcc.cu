// gpu_nvcc.cu - the hand-written CUDA peer of bench/gpu_bench.c, and the
// reference bandwidths of the machine, measured in the same run.
//
//   nvcc -O3 -arch=sm_90 gpu_nvcc.cu -o gpu_nvcc
//   ./gpu_nvcc [LOG2N [REPS [XREPS]]]
//
// Prints the lines of gpu_bench.c (result case=... impl=nvcc ms=... bytes=...
// check=...), the same cases written as a CUDA programmer writes them:
//   ew_*      out[i] = a[i]*b[i] + c[i], one thread per element
//   saxpy_*   y[i] = alpha*x[i] + y[i], one thread per element
//   sum_*     grid-stride sum per thread, warp shuffles, one atomicAdd per
//             block (the result zeroed before and copied back after)
//   *_res     device arrays; *_xfer pageable host arrays (malloc) copied
//             with cudaMemcpy before and after the kernel (impl=nvcc), or
//             pinned ones (cudaMallocHost, impl=nvcc_pinned)
//   launch    bump<<<1, 256>>> on 256 doubles + cudaStreamSynchronize
//   launch_empty  an empty kernel <<<1, 1>>> + cudaStreamSynchronize
//   chain     bump launched 1,000 times per cudaStreamSynchronize: the
//             floor of a chain of asynchronous calls
// Kernel cases are timed like ppar's calls, on the host clock around the
// whole call (launch and wait). The references are timed with CUDA events:
//   ref_d2d           cudaMemcpy device to device, bytes read + written
//   ref_h2d_pinned    cudaMemcpy from cudaMallocHost memory
//   ref_d2h_pinned
//   ref_h2d_pageable  cudaMemcpy from malloc memory (as gpu_bench allocates:
//   ref_d2h_pageable  2 MiB aligned, transparent huge pages)
#include <cuda_runtime.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <algorithm>
#include <vector>

#define CK(x)                                                                  \
  do {                                                                         \
    cudaError_t e_ = (x);                                                      \
    if (e_ != cudaSuccess) {                                                   \
      fprintf(stderr, "gpu_nvcc: %s:%d: %s: %s\n", __FILE__, __LINE__, #x,     \
              cudaGetErrorString(e_));                                         \
      exit(2);                                                                 \
    }                                                                          \
  } while (0)
#define CKLAUNCH() CK(cudaGetLastError())

static const double ALPHA = 0.75;
static int failures;

__global__ void ew(long long n, const double *__restrict__ a,
                   const double *__restrict__ b, const double *__restrict__ c,
                   double *__restrict__ out) {
  long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n)
    out[i] = a[i] * b[i] + c[i];
}

__global__ void saxpy(long long n, double alpha, const double *__restrict__ x,
                      double *__restrict__ y) {
  long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n)
    y[i] = alpha * x[i] + y[i];
}

__global__ void sum(long long n, const double *__restrict__ x,
                    double *__restrict__ out) {
  __shared__ double part[32];
  double s = 0;
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n;
       i += (long long)blockDim.x * gridDim.x)
    s += x[i];
  for (int d = 16; d > 0; d /= 2)
    s += __shfl_down_sync(0xffffffffu, s, d);
  if (threadIdx.x % 32 == 0)
    part[threadIdx.x / 32] = s;
  __syncthreads();
  if (threadIdx.x < 32) {
    s = threadIdx.x < blockDim.x / 32 ? part[threadIdx.x] : 0;
    for (int d = 16; d > 0; d /= 2)
      s += __shfl_down_sync(0xffffffffu, s, d);
    if (threadIdx.x == 0)
      atomicAdd(out, s);
  }
}

__global__ void bump(long long n, double *x) {
  long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n)
    x[i] += 1.0;
}

// bump for programmatic dependent launch (Hopper): the launch of the next
// kernel overlaps this one's tail; each waits for its predecessor's memory
// before touching x.
__global__ void bump_pdl(long long n, double *x) {
  cudaGridDependencySynchronize();
  long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x;
  if (i < n)
    x[i] += 1.0;
  cudaTriggerProgrammaticLaunchCompletion();
}

__global__ void empty() {}

static double now_ms() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec * 1e-6;
}

static double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static double *big_host(size_t n) {
  void *p = nullptr;
  size_t bytes = n * sizeof(double);
  if (posix_memalign(&p, (size_t)2 << 20, bytes)) {
    fprintf(stderr, "gpu_nvcc: out of host memory\n");
    exit(2);
  }
#ifdef MADV_HUGEPAGE
  madvise(p, bytes, MADV_HUGEPAGE);
#endif
  memset(p, 0, bytes); /* touch: first-touch page faults are not a copy's */
  return (double *)p;
}

// The same values as gpu_bench.c's rnd(): [0.5, 1.5).
static double rnd(uint64_t seed, size_t i) {
  uint64_t z = seed + 0x9E3779B97F4A7C15ull * (i + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return 0.5 + (double)(z >> 11) * 0x1.0p-53;
}

static bool check_arr(const char *what, const double *got, const double *want,
                      size_t n, double rtol) {
  size_t bad = 0, first = n;
  for (size_t i = 0; i < n; i++)
    if (!(fabs(got[i] - want[i]) <= rtol * fabs(want[i]))) {
      if (!bad)
        first = i;
      bad++;
    }
  if (!bad)
    return true;
  fprintf(stderr, "gpu_nvcc: FAIL %s: %zu of %zu differ; first [%zu] = %.17g, "
                  "expected %.17g\n",
          what, bad, n, first, got[first], want[first]);
  failures++;
  return false;
}

static bool check_val(const char *what, double got, double want, double rtol) {
  if (fabs(got - want) <= rtol * fabs(want))
    return true;
  fprintf(stderr, "gpu_nvcc: FAIL %s: %.17g, expected %.17g\n", what, got, want);
  failures++;
  return false;
}

static void result(const char *kase, const char *impl, double ms, size_t bytes,
                   const char *check) {
  printf("result case=%s impl=%s ms=%.6f bytes=%zu check=%s\n", kase, impl, ms,
         bytes, check);
  fflush(stdout);
}

// Median over reps of an event-timed operation, after one warm-up.
template <typename F> static double event_ms(int reps, F f) {
  cudaEvent_t e0, e1;
  CK(cudaEventCreate(&e0));
  CK(cudaEventCreate(&e1));
  f();
  CK(cudaDeviceSynchronize());
  std::vector<double> t;
  for (int r = 0; r < reps; r++) {
    CK(cudaEventRecord(e0));
    f();
    CK(cudaEventRecord(e1));
    CK(cudaEventSynchronize(e1));
    float ms;
    CK(cudaEventElapsedTime(&ms, e0, e1));
    t.push_back(ms);
  }
  CK(cudaEventDestroy(e0));
  CK(cudaEventDestroy(e1));
  return median(t);
}

// Median over reps of a whole synchronous call on the host clock, after one
// warm-up (the caller checks the warm-up's result).
template <typename F> static double host_ms(int reps, F f) {
  std::vector<double> t;
  for (int r = 0; r < reps; r++) {
    double t0 = now_ms();
    f();
    t.push_back(now_ms() - t0);
  }
  return median(t);
}

int main(int argc, char **argv) {
  int log2n = argc > 1 ? atoi(argv[1]) : 26;
  int reps = argc > 2 ? atoi(argv[2]) : 20;
  int xreps = argc > 3 ? atoi(argv[3]) : 5;
  size_t n = (size_t)1 << log2n, bytes = n * sizeof(double);
  cudaDeviceProp prop;
  CK(cudaGetDeviceProperties(&prop, 0));
  int drv = 0, rt = 0;
  CK(cudaDriverGetVersion(&drv));
  CK(cudaRuntimeGetVersion(&rt));
  printf("# gpu_nvcc: %s, %d SMs, %.0f MiB, CUDA driver %d, runtime %d, "
         "n = 2^%d\n",
         prop.name, prop.multiProcessorCount, prop.totalGlobalMem / 1048576.0,
         drv, rt, log2n);

  double *ha = big_host(n), *hb = big_host(n), *hc = big_host(n);
  double *hout = big_host(n), *hy = big_host(n), *hy0 = big_host(n);
  double *ref = big_host(n);
  for (size_t i = 0; i < n; i++)
    ha[i] = rnd(1, i), hb[i] = rnd(2, i), hc[i] = rnd(3, i), hy0[i] = rnd(4, i);
  long double ls = 0;
  for (size_t i = 0; i < n; i++)
    ls += ha[i];
  double sum_ref = (double)ls;

  double *pa, *pb, *pc, *pout, *py; // pinned copies
  CK(cudaMallocHost(&pa, bytes));
  CK(cudaMallocHost(&pb, bytes));
  CK(cudaMallocHost(&pc, bytes));
  CK(cudaMallocHost(&pout, bytes));
  CK(cudaMallocHost(&py, bytes));
  memcpy(pa, ha, bytes), memcpy(pb, hb, bytes), memcpy(pc, hc, bytes);

  double *da, *db, *dc, *dout, *dy, *dsum;
  CK(cudaMalloc(&da, bytes));
  CK(cudaMalloc(&db, bytes));
  CK(cudaMalloc(&dc, bytes));
  CK(cudaMalloc(&dout, bytes));
  CK(cudaMalloc(&dy, bytes));
  CK(cudaMalloc(&dsum, sizeof(double)));

  // ---- reference bandwidths ----
  result("ref_d2d", "nvcc",
         event_ms(reps, [&] { CK(cudaMemcpy(dout, da, bytes, cudaMemcpyDeviceToDevice)); }),
         2 * bytes, "-");
  result("ref_h2d_pinned", "nvcc",
         event_ms(xreps, [&] { CK(cudaMemcpy(da, pa, bytes, cudaMemcpyHostToDevice)); }),
         bytes, "-");
  result("ref_d2h_pinned", "nvcc",
         event_ms(xreps, [&] { CK(cudaMemcpy(pout, da, bytes, cudaMemcpyDeviceToHost)); }),
         bytes, "-");
  result("ref_h2d_pageable", "nvcc",
         event_ms(xreps, [&] { CK(cudaMemcpy(da, ha, bytes, cudaMemcpyHostToDevice)); }),
         bytes, "-");
  result("ref_d2h_pageable", "nvcc",
         event_ms(xreps, [&] { CK(cudaMemcpy(hout, da, bytes, cudaMemcpyDeviceToHost)); }),
         bytes, "-");

  const unsigned bs = 256;
  const unsigned grid = (unsigned)((n + bs - 1) / bs);
  const unsigned sgrid = prop.multiProcessorCount * (2048 / bs);
  bool ok;

  // ---- resident data ----
  CK(cudaMemcpy(da, ha, bytes, cudaMemcpyHostToDevice));
  CK(cudaMemcpy(db, hb, bytes, cudaMemcpyHostToDevice));
  CK(cudaMemcpy(dc, hc, bytes, cudaMemcpyHostToDevice));
  CK(cudaMemcpy(dy, hy0, bytes, cudaMemcpyHostToDevice));
  for (size_t i = 0; i < n; i++)
    ref[i] = ha[i] * hb[i] + hc[i];
  auto ew_res = [&] {
    ew<<<grid, bs>>>((long long)n, da, db, dc, dout);
    CKLAUNCH();
    CK(cudaStreamSynchronize(0));
  };
  CK(cudaMemset(dout, 0xff, bytes)); // NaN
  ew_res();
  CK(cudaMemcpy(hout, dout, bytes, cudaMemcpyDeviceToHost));
  ok = check_arr("ew_res", hout, ref, n, 1e-15);
  result("ew_res", "nvcc", host_ms(reps, ew_res), 4 * bytes, ok ? "OK" : "FAIL");

  auto saxpy_res = [&] {
    saxpy<<<grid, bs>>>((long long)n, ALPHA, da, dy);
    CKLAUNCH();
    CK(cudaStreamSynchronize(0));
  };
  saxpy_res();
  CK(cudaMemcpy(hy, dy, bytes, cudaMemcpyDeviceToHost));
  for (size_t i = 0; i < n; i++)
    ref[i] = ALPHA * ha[i] + hy0[i];
  ok = check_arr("saxpy_res", hy, ref, n, 1e-15);
  result("saxpy_res", "nvcc", host_ms(reps, saxpy_res), 3 * bytes, ok ? "OK" : "FAIL");

  double s = 0;
  auto sum_res = [&] {
    CK(cudaMemsetAsync(dsum, 0, sizeof(double)));
    sum<<<sgrid, bs>>>((long long)n, da, dsum);
    CKLAUNCH();
    CK(cudaMemcpy(&s, dsum, sizeof s, cudaMemcpyDeviceToHost));
  };
  sum_res();
  ok = check_val("sum_res", s, sum_ref, 1e-10);
  result("sum_res", "nvcc", host_ms(reps, sum_res), bytes, ok ? "OK" : "FAIL");

  // ---- host data, copied on every call: pageable (malloc) and pinned ----
  for (int pinned = 0; pinned < 2; pinned++) {
    const char *impl = pinned ? "nvcc_pinned" : "nvcc";
    double *a = pinned ? pa : ha, *b = pinned ? pb : hb, *c = pinned ? pc : hc;
    double *o = pinned ? pout : hout, *y = pinned ? py : hy;
    for (size_t i = 0; i < n; i++)
      ref[i] = ha[i] * hb[i] + hc[i];
    auto ew_x = [&] {
      CK(cudaMemcpy(da, a, bytes, cudaMemcpyHostToDevice));
      CK(cudaMemcpy(db, b, bytes, cudaMemcpyHostToDevice));
      CK(cudaMemcpy(dc, c, bytes, cudaMemcpyHostToDevice));
      ew<<<grid, bs>>>((long long)n, da, db, dc, dout);
      CKLAUNCH();
      CK(cudaMemcpy(o, dout, bytes, cudaMemcpyDeviceToHost));
    };
    for (size_t i = 0; i < n; i++)
      o[i] = NAN;
    ew_x();
    ok = check_arr("ew_xfer", o, ref, n, 1e-15);
    result("ew_xfer", impl, host_ms(xreps, ew_x), 4 * bytes, ok ? "OK" : "FAIL");

    memcpy(y, hy0, bytes);
    auto saxpy_x = [&] {
      CK(cudaMemcpy(da, a, bytes, cudaMemcpyHostToDevice));
      CK(cudaMemcpy(dy, y, bytes, cudaMemcpyHostToDevice));
      saxpy<<<grid, bs>>>((long long)n, ALPHA, da, dy);
      CKLAUNCH();
      CK(cudaMemcpy(y, dy, bytes, cudaMemcpyDeviceToHost));
    };
    saxpy_x();
    for (size_t i = 0; i < n; i++)
      ref[i] = ALPHA * ha[i] + hy0[i];
    ok = check_arr("saxpy_xfer", y, ref, n, 1e-15);
    result("saxpy_xfer", impl, host_ms(xreps, saxpy_x), 3 * bytes, ok ? "OK" : "FAIL");

    auto sum_x = [&] {
      CK(cudaMemcpy(da, a, bytes, cudaMemcpyHostToDevice));
      CK(cudaMemsetAsync(dsum, 0, sizeof(double)));
      sum<<<sgrid, bs>>>((long long)n, da, dsum);
      CKLAUNCH();
      CK(cudaMemcpy(&s, dsum, sizeof s, cudaMemcpyDeviceToHost));
    };
    sum_x();
    ok = check_val("sum_xfer", s, sum_ref, 1e-10);
    result("sum_xfer", impl, host_ms(xreps, sum_x), bytes, ok ? "OK" : "FAIL");
  }

  // ---- launch + wait: a tiny kernel and an empty one ----
  const int BATCH = 10000, BATCHES = 7, TINY = 256;
  double *dt;
  CK(cudaMalloc(&dt, TINY * sizeof(double)));
  CK(cudaMemset(dt, 0, TINY * sizeof(double)));
  long calls = 0;
  auto batches = [&](auto f) {
    for (int i = 0; i < 100; i++)
      f();
    std::vector<double> tb;
    for (int b = 0; b < BATCHES; b++) {
      double t0 = now_ms();
      for (int i = 0; i < BATCH; i++)
        f();
      tb.push_back((now_ms() - t0) / BATCH);
    }
    return median(tb);
  };
  double tl = batches([&] {
    bump<<<1, TINY>>>(TINY, dt);
    CKLAUNCH();
    CK(cudaStreamSynchronize(0));
    calls++;
  });
  std::vector<double> ht(TINY);
  CK(cudaMemcpy(ht.data(), dt, TINY * sizeof(double), cudaMemcpyDeviceToHost));
  ok = ht[5] == (double)calls;
  if (!ok)
    fprintf(stderr, "gpu_nvcc: FAIL launch: %g, expected %ld\n", ht[5], calls), failures++;
  result("launch", "nvcc", tl, 0, ok ? "OK" : "FAIL");
  double te = batches([&] {
    empty<<<1, 1>>>();
    CKLAUNCH();
    CK(cudaStreamSynchronize(0));
  });
  result("launch_empty", "nvcc", te, 0, "-");
  // The floor of an asynchronous chain: the same kernel launched 1,000
  // times on stream st, one wait per chain (what ppar's chain case does);
  // checked by the count the kernels reached.
  auto chain = [&](const char *kase, cudaStream_t st, auto launch) {
    long before = calls;
    double t = batches([&] {
      launch();
      if (++calls % 1000 == 0)
        CK(cudaStreamSynchronize(st));
    });
    CK(cudaStreamSynchronize(st));
    CK(cudaMemcpy(ht.data(), dt, TINY * sizeof(double), cudaMemcpyDeviceToHost));
    bool good = ht[5] == (double)calls && calls > before;
    result(kase, "nvcc", t, 0, good ? "OK" : "FAIL");
  };
  chain("chain", 0, [&] {
    bump<<<1, TINY>>>(TINY, dt);
    CKLAUNCH();
  });
  // The same chain on a stream of its own, then with programmatic dependent
  // launch: whether the floor above is the launch or the gap between
  // dependent kernels on the GPU.
  cudaStream_t cs;
  CK(cudaStreamCreateWithFlags(&cs, cudaStreamNonBlocking));
  chain("chain_stream", cs, [&] {
    bump<<<1, TINY, 0, cs>>>(TINY, dt);
    CKLAUNCH();
  });
  cudaLaunchAttribute pdl[1];
  pdl[0].id = cudaLaunchAttributeProgrammaticStreamSerialization;
  pdl[0].val.programmaticStreamSerializationAllowed = 1;
  cudaLaunchConfig_t cfg = {};
  cfg.gridDim = dim3(1);
  cfg.blockDim = dim3(TINY);
  cfg.stream = cs;
  cfg.attrs = pdl;
  cfg.numAttrs = 1;
  chain("chain_pdl", cs, [&] { CK(cudaLaunchKernelEx(&cfg, bump_pdl, (long long)TINY, dt)); });
  CK(cudaStreamDestroy(cs));
  return failures ? 1 : 0;
}
