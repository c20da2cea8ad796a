// Programmatic dependent launch (PPAR_GPU_PDL=1), on the stand-in driver
// (Inputs/fake_cuda.c, a device of compute capability 9.0 with
// cuLaunchKernelEx): every generated kernel starts with
// __ppar_kernel_entry(), so with the variable on, the calls' kernels go
// through cuLaunchKernelEx with the programmatic-serialization attribute;
// without it, or while a step is recorded into a CUDA graph, they go
// through cuLaunchKernel (recording runs the captured graph once, then
// each replay once). The answers are the same every way.
//
// REQUIRES: nvrtc
// RUN: rm -rf %t.dir && mkdir -p %t.dir/lib
// RUN: %clang -shared -fPIC -O1 %S/Inputs/fake_cuda.c -o %t.dir/lib/libcuda.so.1
// RUN: %cc_ppar -O1 -Wl,--export-dynamic-symbol=fake_* %s -o %t %link_rt -ldl
// RUN: env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache %t 2>&1 | FileCheck %s --check-prefix=OFF --match-full-lines
// RUN: env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache PPAR_GPU_PDL=1 %t 2>&1 | FileCheck %s --check-prefix=ON --match-full-lines
// RUN: env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache PPAR_GPU_PDL=1 FAKE_CUDA_ASYNC=1 FAKE_CUDA_DELAY_US=20 %t 2>&1 | FileCheck %s --check-prefix=ON --match-full-lines
// RUN: not env LD_LIBRARY_PATH=%t.dir/lib PPAR_GPU_PDL=maybe %t 2>&1 | FileCheck %s --check-prefix=BAD
// OFF:      calls: u[0]=10 u[999]=1009 launches 10 programmatic 0
// OFF-NEXT: recorded: u[0]=11 u[999]=1010 programmatic 0
// OFF-NEXT: replayed: u[0]=13 u[999]=1012 graph launches 3 programmatic 0
// ON:       calls: u[0]=10 u[999]=1009 launches 10 programmatic 10
// ON-NEXT:  recorded: u[0]=11 u[999]=1010 programmatic 10
// ON-NEXT:  replayed: u[0]=13 u[999]=1012 graph launches 3 programmatic 10
// BAD: ppar: error: PPAR_GPU_PDL='maybe' is not valid: expected 0 or 1 (or true/false, yes/no, on/off)
#include <dlfcn.h>
#include <stdio.h>
#include <ppar.h>

PPAR_JIT(kernel, target=cuda)
void bump(double *u, int n) {
  long long i = ppar_thread_index();
  if (i < n)
    u[i] += 1.0;
}

/* The stand-in driver's counters (it is loaded by the runtime, not linked). */
static long (*fake_cuda_launches)(void), (*fake_cuda_graph_launches)(void),
    (*fake_cuda_programmatic)(void);

/* The "device" runs the generated kernel's threads over the last grid. */
static unsigned dims[6];
void fake_grid(const unsigned d[6]) {
  for (int i = 0; i < 6; i++)
    dims[i] = d[i];
}
int fake___ppar_k_bump_nparams = 3;
int fake___ppar_k_bump(void **p) {
  long long n = *(long long *)p[0];
  double *u = *(double **)p[1];
  int m = *(int *)p[2];
  for (long long t = 0; t < (long long)dims[0] * dims[3]; t++)
    if (t < n && t < m)
      u[t] += 1.0;
  return 0;
}

static double u[1000];
static void step(void *arg) {
  (void)arg;
  ppar_launch(bump, ppar_grid(1000), u, 1000);
}

int main(void) {
  void *lib = ppar_device_count() == 1 ? dlopen("libcuda.so.1", RTLD_NOW | RTLD_NOLOAD) : NULL;
  if (!lib)
    return printf("no stand-in driver\n"), 1;
  fake_cuda_launches = (long (*)(void))dlsym(lib, "fake_cuda_launches");
  fake_cuda_graph_launches = (long (*)(void))dlsym(lib, "fake_cuda_graph_launches");
  fake_cuda_programmatic = (long (*)(void))dlsym(lib, "fake_cuda_programmatic");
  for (int i = 0; i < 1000; i++)
    u[i] = i;
  ppar_to_device(u, sizeof u);
  for (int k = 0; k < 10; k++)
    ppar_launch(bump, ppar_grid(1000), u, 1000);
  ppar_to_host(u);
  printf("calls: u[0]=%g u[999]=%g launches %ld programmatic %ld\n", u[0], u[999],
         fake_cuda_launches(), fake_cuda_programmatic());
  ppar_recording *rec = NULL;
  if (ppar_record(&rec, step, NULL))
    return printf("record: %s\n", ppar_last_error()), 1;
  ppar_to_host(u);
  printf("recorded: u[0]=%g u[999]=%g programmatic %ld\n", u[0], u[999],
         fake_cuda_programmatic());
  ppar_replay(rec);
  ppar_replay(rec);
  ppar_to_host(u);
  printf("replayed: u[0]=%g u[999]=%g graph launches %ld programmatic %ld\n", u[0],
         u[999], fake_cuda_graph_launches(), fake_cuda_programmatic());
  ppar_record_free(rec);
  ppar_device_free(u);
  return 0;
}
