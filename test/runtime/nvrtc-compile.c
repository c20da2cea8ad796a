// NVRTC, loaded with dlopen, compiles CUDA C++ with no GPU present: a saxpy
// kernel and a double block reduction, to PTX (compute_90) and to CUBIN
// (sm_90). A syntax error gives PPAR_EDRIVER, the log (returned and written
// to $TMPDIR/ppar-nvrtc-<name>-<pid>.log, mode 0600) and one line in
// ppar_last_error naming the kernel, the first error and the log file. A
// compiled image goes through the kernel cache unchanged.
//
// REQUIRES: nvrtc
// RUN: %clang -std=c11 -g -I%include -I%rt_src %s %libdir/libppar_rt.a -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t.asan -lpthread -ldl
// RUN: rm -rf %t.tmp %t.cache && mkdir %t.tmp
// RUN: env TMPDIR=%t.tmp %t %t.cache | FileCheck %s --match-full-lines -DTMP=%t.tmp
// RUN: rm -rf %t.tmp %t.cache && mkdir %t.tmp
// RUN: env TMPDIR=%t.tmp UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t.asan %t.cache | FileCheck %s --match-full-lines -DTMP=%t.tmp
// CHECK:      nvrtc version: {{1[2-9]|[2-9][0-9]}}.{{[0-9]+}}
// CHECK-NEXT: options: ppar nvrtc options v2: --gpu-architecture=sm_XY (CUBIN) or compute_XY (PTX), --fmad=false (fast math: --use_fast_math); no headers
// CHECK-NEXT: saxpy PTX: rc=0 log=(null) nul-terminated=1 .entry=1 .target sm_90=1
// CHECK-NEXT: saxpy CUBIN: rc=0 log=(null) ELF=1 names kernel=1
// CHECK-NEXT: block_sum PTX: rc=0 log=(null) nul-terminated=1 .entry=1 .target sm_90=1
// CHECK-NEXT: block_sum CUBIN: rc=0 log=(null) ELF=1 names kernel=1
// CHECK-NEXT: block_sum PTX uses shared memory: 1, f64 add: 1
// CHECK-NEXT: saxpy PTX: fma 0, mul 1
// CHECK-NEXT: saxpy fast-math PTX: rc=0 fma 1
// CHECK-NEXT: broken: rc=-5 image=(nil) size=0 log has error=1
// CHECK-NEXT: last error: 'ppar: kernel broken: NVRTC could not compile its CUDA source for compute_90: broken.cu(3): error: {{.+}} (full log: [[TMP]]/ppar-nvrtc-broken-{{[0-9]+}}.log)'
// CHECK-NEXT: one line: 1
// CHECK-NEXT: log file: [[TMP]]/ppar-nvrtc-broken-PID.log exists=1 mode=0600 same as log=1
// CHECK-NEXT: again: rc=-5 log file: [[TMP]]/ppar-nvrtc-broken-PID-2.log exists=1
// CHECK-NEXT: sm_10: rc=-5 'ppar: kernel saxpy: nvrtcCompileProgram failed: NVRTC_ERROR_INVALID_OPTION (5): {{.+}}'
// CHECK-NEXT: bad arguments: -1 -1 -1 -1
// CHECK-NEXT: last error: 'ppar: kernel saxpy: 9.10 is not a compute capability'
// CHECK-NEXT: cache: store=0 load=0 same=1
//
// PPAR_VERBOSE=1 says which NVRTC was loaded.
// RUN: rm -rf %t.tmp %t.cache && mkdir %t.tmp
// RUN: env PPAR_VERBOSE=1 TMPDIR=%t.tmp %t %t.cache 2>&1 | FileCheck %s --check-prefix=V1
// V1: ppar: NVRTC {{[0-9]+}}.{{[0-9]+}} loaded from {{.*}}libnvrtc.so{{.*}}
// V1: nvrtc version: {{.*}}
//
// Without the loader's cache (ld.so --inhibit-cache) the sonames are not
// found where CUDA is installed in /usr/local/cuda, so NVRTC is opened by
// path from /usr/local/cuda/lib64, and compiling works only because
// libnvrtc-builtins was loaded first (PLUGIN-NOTES.md).
// RUN: rm -rf %t.tmp %t.cache && mkdir %t.tmp
// RUN: env PPAR_VERBOSE=1 TMPDIR=%t.tmp /lib64/ld-linux-x86-64.so.2 --inhibit-cache %t %t.cache 2>&1 | FileCheck %s --check-prefix=BYPATH
// BYPATH: ppar: NVRTC {{[0-9]+}}.{{[0-9]+}} loaded from {{.*}}libnvrtc.so{{.*}}
// BYPATH: saxpy PTX: rc=0 {{.*}}
// BYPATH: block_sum CUBIN: rc=0 {{.*}}
// BYPATH: cache: store=0 load=0 same=1

#define _GNU_SOURCE
#define PPAR_USE_RUNTIME 1
#include "ppar.h"

#include "kcache.h"
#include "nvrtc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char saxpy[] =
    "extern \"C\" __global__ void saxpy(int n, float a, const float *x,\n"
    "                                   float *y) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n)\n"
    "    y[i] = a * x[i] + y[i];\n"
    "}\n";

static const char block_sum[] =
    "extern \"C\" __global__ void block_sum(long n, const double *x,\n"
    "                                       double *out) {\n"
    "  __shared__ double part[256];\n"
    "  long i = (long)blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  part[threadIdx.x] = i < n ? x[i] : 0.0;\n"
    "  __syncthreads();\n"
    "  for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {\n"
    "    if (threadIdx.x < s)\n"
    "      part[threadIdx.x] += part[threadIdx.x + s];\n"
    "    __syncthreads();\n"
    "  }\n"
    "  if (threadIdx.x == 0)\n"
    "    atomicAdd(out, part[0]);\n"
    "}\n";

static const char broken[] =
    "extern \"C\" __global__ void broken(float *y) {\n"
    "  int i = threadIdx.x\n"
    "  y[i] = 0;\n"
    "}\n";

static int contains(const void *image, size_t size, const char *text) {
  return memmem(image, size, text, strlen(text)) != NULL;
}

/* Compile name to PTX and CUBIN for sm_90 and describe both. */
static void compile_both(const char *source, const char *name, void **ptx,
                         size_t *ptx_size) {
  char *log = (char *)1, entry[64];
  snprintf(entry, sizeof entry, ".entry %s(", name);
  int rc = __ppar_nvrtc_compile(source, name, 9, 0, 0, ptx, ptx_size, &log);
  printf("%s PTX: rc=%d log=%s nul-terminated=%d .entry=%d .target sm_90=%d\n",
         name, rc, log ? log : "(null)",
         *ptx_size > 0 && ((char *)*ptx)[*ptx_size - 1] == '\0' &&
             strlen(*ptx) == *ptx_size - 1,
         contains(*ptx, *ptx_size, entry),
         contains(*ptx, *ptx_size, ".target sm_90"));
  if (rc)
    printf("  %s\n", ppar_last_error());
  void *cubin;
  size_t cubin_size;
  rc = __ppar_nvrtc_compile(source, name, 9, 0, 1, &cubin, &cubin_size, &log);
  printf("%s CUBIN: rc=%d log=%s ELF=%d names kernel=%d\n", name, rc,
         log ? log : "(null)",
         cubin_size > 4 && memcmp(cubin, "\x7f" "ELF", 4) == 0,
         contains(cubin, cubin_size, name));
  free(cubin);
}

static void compile_error(void) {
  void *image = (void *)1;
  size_t size = 1;
  char *log;
  int rc = __ppar_nvrtc_compile(broken, "broken", 9, 0, 0, &image, &size, &log);
  printf("broken: rc=%d image=%s size=%zu log has error=%d\n", rc,
         image ? "set" : "(nil)", size, log && strstr(log, "error") != NULL);
  const char *msg = ppar_last_error();
  printf("last error: '%s'\n", msg);
  printf("one line: %d\n", strchr(msg, '\n') == NULL);

  char path[4096], text[65536] = "";
  snprintf(path, sizeof path, "%s/ppar-nvrtc-broken-%ld.log", getenv("TMPDIR"),
           (long)getpid());
  struct stat st;
  int exists = stat(path, &st) == 0;
  FILE *f = fopen(path, "r");
  size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
  text[n] = '\0';
  if (f)
    fclose(f);
  printf("log file: %s/ppar-nvrtc-broken-PID.log exists=%d mode=%04o same as "
         "log=%d\n",
         getenv("TMPDIR"), exists, (unsigned)(st.st_mode & 07777),
         log && strcmp(text, log) == 0 && strstr(msg, path) != NULL);
  free(log);

  /* A second failure in the same process gets a file of its own. */
  rc = __ppar_nvrtc_compile(broken, "broken", 9, 0, 0, &image, &size, NULL);
  snprintf(path, sizeof path, "%s/ppar-nvrtc-broken-%ld-2.log",
           getenv("TMPDIR"), (long)getpid());
  printf("again: rc=%d log file: %s/ppar-nvrtc-broken-PID-2.log exists=%d\n",
         rc, getenv("TMPDIR"), stat(path, &st) == 0);
}

static void bad_input(void) {
  void *image;
  size_t size;
  int rc = __ppar_nvrtc_compile(saxpy, "saxpy", 1, 0, 1, &image, &size, NULL);
  printf("sm_10: rc=%d '%s'\n", rc, ppar_last_error());
  printf("bad arguments: %d %d %d %d\n",
         __ppar_nvrtc_compile(NULL, "saxpy", 9, 0, 1, &image, &size, NULL),
         __ppar_nvrtc_compile(saxpy, NULL, 9, 0, 1, &image, &size, NULL),
         __ppar_nvrtc_compile(saxpy, "saxpy", 9, 0, 1, NULL, &size, NULL),
         __ppar_nvrtc_compile(saxpy, "saxpy", 9, 10, 1, &image, &size, NULL));
  printf("last error: '%s'\n", ppar_last_error());
}

/* What the GPU engine will do: key from the inputs, compile, store, load. */
static void through_cache(const char *dir, const void *ptx, size_t size,
                          int major, int minor) {
  struct __ppar_kcache_key key;
  __ppar_kcache_key_init(&key, saxpy, __ppar_nvrtc_options_text(), major,
                         minor, 9, 0, 0);
  int store = __ppar_kcache_store(dir, &key, ptx, size);
  void *image;
  size_t got;
  int load = __ppar_kcache_load(dir, &key, &image, &got);
  printf("cache: store=%d load=%d same=%d\n", store, load,
         load == 0 && got == size && memcmp(image, ptx, size) == 0);
  free(image);
}

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  setvbuf(stdout, NULL, _IONBF, 0);
  int major = 0, minor = 0;
  if (__ppar_nvrtc_version(&major, &minor) != 0) {
    printf("no NVRTC: %s\n", ppar_last_error());
    return 1;
  }
  printf("nvrtc version: %d.%d\n", major, minor);
  printf("options: %s\n", __ppar_nvrtc_options_text());

  void *saxpy_ptx, *sum_ptx;
  size_t saxpy_size, sum_size;
  compile_both(saxpy, "saxpy", &saxpy_ptx, &saxpy_size);
  compile_both(block_sum, "block_sum", &sum_ptx, &sum_size);
  printf("block_sum PTX uses shared memory: %d, f64 add: %d\n",
         contains(sum_ptx, sum_size, ".shared"),
         contains(sum_ptx, sum_size, ".add.f64"));
  /* y = a * x + y rounds twice, as on the host, unless fast math fuses it. */
  printf("saxpy PTX: fma %d, mul %d\n", contains(saxpy_ptx, saxpy_size, "fma.rn"),
         contains(saxpy_ptx, saxpy_size, "mul.rn"));
  void *fast = NULL;
  size_t fast_size = 0;
  int frc = __ppar_nvrtc_compile(saxpy, "saxpy", 9, 0, __PPAR_NVRTC_FAST_MATH, &fast,
                                 &fast_size, NULL);
  printf("saxpy fast-math PTX: rc=%d fma %d\n", frc, fast && contains(fast, fast_size, "fma.rn"));
  free(fast);
  compile_error();
  bad_input();
  through_cache(argv[1], saxpy_ptx, saxpy_size, major, minor);
  free(saxpy_ptx);
  free(sum_ptx);
  return 0;
}
