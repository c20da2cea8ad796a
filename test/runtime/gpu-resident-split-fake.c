// Resident data on several devices (docs/multi-gpu.md): with several
// devices in the set, ppar_to_device keeps one copy per device, a split
// call's parts use their copies in place, and before each call the rows a
// part reads that a neighbour wrote last (the halo) move device to device:
// a 2-D Jacobi time loop moves only halo rows between steps, never whole
// grids. On the stand-in driver with two devices (cuMemcpyPeerAsync), one
// used as three (cuMemcpyDtoDAsync between the virtual devices' copies),
// two without the peer entry (through the host), and one device (one copy,
// nothing split). One-device calls mixed in use the current device's copy,
// fetching what the split wrote elsewhere; ppar_to_device again refreshes
// every copy; ppar_to_host gathers each row from a copy holding it;
// ppar_device_free frees every copy.
//
// REQUIRES: nvrtc
// RUN: rm -rf %t.dir && mkdir -p %t.dir/lib %t.dir/nopeer
// RUN: %clang -shared -fPIC -O1 %S/Inputs/fake_cuda.c -o %t.dir/lib/libcuda.so.1 -lpthread
// RUN: %clang -shared -fPIC -O1 -DFAKE_CUDA_NO_PEER %S/Inputs/fake_cuda.c -o %t.dir/nopeer/libcuda.so.1 -lpthread
// RUN: %clang -std=c11 -g -Wl,--export-dynamic-symbol=fake_* -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// RUN: %clang -std=c11 -g -Wl,--export-dynamic-symbol=fake_* -fsanitize=thread -I%include -I%rt_src %s %rt_tsan -o %t.tsan -lpthread -ldl
// DEFINE: %{env} = env LD_LIBRARY_PATH=%t.dir/lib PPAR_CACHE_DIR=%t.dir/cache UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 TSAN_OPTIONS=halt_on_error=1
//
// Two devices: 19 steps after the first each move 2 halo rows of 32
// doubles (one each way), 9728 bytes, peer to peer.
// RUN: %{env} FAKE_CUDA_DEVICES=2 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,TWO --match-full-lines
// RUN: %{env} FAKE_CUDA_DEVICES=2 FAKE_CUDA_ASYNC=1 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,TWO --match-full-lines
// TWO:       parts 2
// TWO-NEXT:  first step: 0 bytes moved between devices
// TWO-NEXT:  20 steps: 9728 bytes moved between devices, the halo rows are 9728 (peer 9728, on one device 0, peer access asked 2)
//
// One device used as three: 4 halo rows a step, copies on one device.
// RUN: %{env} PPAR_DEVICES=0,0,0 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,THREE --match-full-lines
// RUN: %{env} PPAR_DEVICES=0,0,0 FAKE_CUDA_ASYNC=1 %t.tsan 2>&1 | FileCheck %s --check-prefixes=CHECK,THREE --match-full-lines
// THREE:      parts 3
// THREE-NEXT: first step: 0 bytes moved between devices
// THREE-NEXT: 20 steps: 19456 bytes moved between devices, the halo rows are 19456 (peer 0, on one device 19456, peer access asked 0)
//
// Without cuMemcpyPeerAsync the halos go through host memory: no copy
// between devices, the same results.
// RUN: %{env} LD_LIBRARY_PATH=%t.dir/nopeer FAKE_CUDA_DEVICES=2 %t 2>&1 | FileCheck %s --check-prefixes=CHECK,NOPEER --match-full-lines
// NOPEER:      parts 2
// NOPEER-NEXT: first step: 0 bytes moved between devices
// NOPEER-NEXT: 20 steps: 0 bytes moved between devices, the halo rows are 9728 (peer 0, on one device 0, peer access asked 0)
//
// One device: one copy, nothing split, nothing moved.
// RUN: %{env} %t 2>&1 | FileCheck %s --check-prefixes=CHECK,ONE --match-full-lines
// ONE:      parts 1
// ONE-NEXT: first step: 0 bytes moved between devices
// ONE-NEXT: 20 steps: 0 bytes moved between devices, the halo rows are 0 (peer 0, on one device 0, peer access asked 0)
//
// A launch fails on device 1: the other part may have written its copies in
// place, so the program ends with a line naming the device.
// RUN: %{env} FAKE_CUDA_DEVICES=2 FAKE_CUDA_BAD_DEVICE=1 not %t 2>&1 | FileCheck %s --check-prefix=FAULT --match-full-lines
// FAULT:      parts 2
// FAULT-NEXT: ppar: error: jacobi (gpu-resident-split-fake.c:100): the GPU call failed on device 1 (part 2 of 2): launching kernel k_jacobi (grid 1x1, block 256x1) failed: CUDA_ERROR_INVALID_VALUE (1): invalid argument; it uses resident data (ppar_to_device), which the other devices may have changed in place, so neither one device nor the CPU version can take over
// FAULT-NOT:  first step
//
// CHECK:      host grids untouched before ppar_to_host: 1
// CHECK-NEXT: after ppar_to_host: same as serial: 1
// CHECK-NEXT: one-device step between split steps: same as serial: 1
// CHECK-NEXT: ppar_to_device again, one device, then split: same as serial: 1
// CHECK-NEXT: ppar_device_free: 0 0, then ppar_to_host: -6
//
// A thread that chose its device (ppar_set_device, the last one) makes a
// range resident there alone; the same range from a thread that chose none
// is an error with two devices, and refreshes that copy where the last
// device is the first slot's.
// TWO-NEXT:    chosen device: 0; again from a thread that chose none: ppar: ppar_to_device({{.*}}): the range is resident on device 1 alone (made so after ppar_set_device); ppar_device_free it first
// NOPEER-NEXT: chosen device: 0; again from a thread that chose none: ppar: ppar_to_device({{.*}}): the range is resident on device 1 alone (made so after ppar_set_device); ppar_device_free it first
// THREE-NEXT:  chosen device: 0; again from a thread that chose none: 0
// ONE-NEXT:    chosen device: 0; again from a thread that chose none: 0
#define _POSIX_C_SOURCE 200809L
#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- The kernel of the stand-in ----------------------------------------- */

enum { ROWS = 40, COLS = 32, STEPS = 20 };

int fake_k_jacobi_nparams = 5;
/* b[i][j] = average of a's four neighbours for the rows i = lo .. lo + n -
 * 1 and the inner columns; the device pointers stand for the bases. */
int fake_k_jacobi(void **p) {
  long long lo = *(long long *)p[0], n = *(long long *)p[1];
  const double *a = *(double **)p[3];
  double *b = *(double **)p[4];
  for (long long i = lo; i < lo + n; i++)
    for (int j = 1; j < COLS - 1; j++)
      b[i * COLS + j] = 0.25 * (a[(i - 1) * COLS + j] + a[(i + 1) * COLS + j] +
                                a[i * COLS + j - 1] + a[i * COLS + j + 1]);
  return 0;
}

static const char source[] =
    "extern \"C\" __global__ void k_jacobi(long long lo, long long n, int s, "
    "const double *a, double *b) {}\n";
static struct __ppar_rt_module jacobi_m = {
    "jacobi", "gpu-resident-split-fake.c", 100, source,
    (const char *const[]){"k_jacobi"}, 1, 0, 0};

/* ---- What the plugin generates ------------------------------------------ */

static double A[ROWS][COLS], B[ROWS][COLS];
static double SA[ROWS][COLS], SB[ROWS][COLS]; /* the serial run */

struct env {
  double (*a)[COLS], (*b)[COLS];
};

/* The one-device call for the rows [1 + first, 1 + first + count) of
 * `for (i = 1; i < ROWS - 1; i++)`: its rows of b, and of a with the row
 * above and below. */
static int jacobi_part(void *e_, const struct __ppar_rt_gpu_part *p) {
  const struct env *e = e_;
  struct __ppar_rt_gpu_call *g = __ppar_rt_gpu_begin(&jacobi_m);
  if (!g)
    return PPAR_ENODEV;
  long long lo = 1 + p->first, n = p->count, last = lo + n - 1;
  __ppar_rt_gpu_data(g, &e->a[lo - 1][0], &e->a[last + 1][COLS - 1] + 1,
                     __PPAR_RT_ACCESS_READ);
  __ppar_rt_gpu_data(g, &e->b[lo][0], &e->b[last][COLS - 1] + 1,
                     __PPAR_RT_ACCESS_READWRITE);
  __ppar_rt_gpu_copy_in(g);
  int serial = 0;
  void *pa = (char *)__ppar_rt_gpu_ptr(g, &e->a[lo - 1][0]) -
             ((const char *)&e->a[lo - 1][0] - (const char *)e->a);
  void *pb = (char *)__ppar_rt_gpu_ptr(g, &e->b[lo][0]) -
             ((const char *)&e->b[lo][0] - (const char *)e->b);
  __ppar_rt_gpu_launch(g, 0, n, 1, (void *[]){&lo, &n, &serial, &pa, &pb});
  return __ppar_rt_gpu_end(g);
}

/* A step: split when the device set has several devices, else (or when
 * declined) on the current device. */
static void step(double (*a)[COLS], double (*b)[COLS], int split) {
  struct env e = {a, b};
  if (split && __ppar_rt_gpu_parts() > 1 &&
      __ppar_rt_gpu_split(&jacobi_m, ROWS - 2, (ROWS - 2) * (COLS - 2), jacobi_part, &e) == 0)
    return;
  struct __ppar_rt_gpu_part all = {0, 1, 0, 0, ROWS - 2};
  if (jacobi_part(&e, &all) != 0) {
    printf("step failed: %s\n", ppar_last_error());
    exit(1);
  }
}

static void serial_step(double (*a)[COLS], double (*b)[COLS]) {
  for (int i = 1; i < ROWS - 1; i++)
    for (int j = 1; j < COLS - 1; j++)
      b[i][j] = 0.25 * (a[i - 1][j] + a[i + 1][j] + a[i][j - 1] + a[i][j + 1]);
}

static void init(double (*a)[COLS], double (*b)[COLS]) {
  for (int i = 0; i < ROWS; i++)
    for (int j = 0; j < COLS; j++)
      a[i][j] = b[i][j] = (i * 7 + j * 3) % 11 + (i == 0 ? 100.0 : 0.0);
}

static int same(void) {
  return !memcmp(A, SA, sizeof A) && !memcmp(B, SB, sizeof B);
}

/* The stand-in's counters (absent from a real driver). */
static long counter(const char *name) {
  void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_NOLOAD);
  long (*f)(void) = lib ? (long (*)(void))dlsym(lib, name) : NULL;
  long n = f ? f() : 0;
  if (lib)
    dlclose(lib);
  return n;
}
static long moved(void) {
  return counter("fake_cuda_peer_bytes") + counter("fake_cuda_dtod_bytes");
}

/* ppar_to_device(A) from a thread of its own, which chose no device. */
static char unchosen_said[300];
static void *to_device_unchosen(void *arg) {
  (void)arg;
  int rc = ppar_to_device(A, sizeof A);
  snprintf(unchosen_said, sizeof unchosen_said, "%s",
           rc ? ppar_last_error() : "0");
  return NULL;
}

int main(void) {
  int parts = __ppar_rt_gpu_parts();
  init(A, B);
  init(SA, SB);
  if (ppar_to_device(A, sizeof A) || ppar_to_device(B, sizeof B)) {
    printf("ppar_to_device: %s\n", ppar_last_error());
    return 1;
  }
  printf("parts %d\n", parts);

  long before = moved();
  step(A, B, 1);
  serial_step(SA, SB);
  printf("first step: %ld bytes moved between devices\n", moved() - before);
  for (int s = 1; s < STEPS; s++) {
    if (s % 2)
      step(B, A, 1), serial_step(SB, SA);
    else
      step(A, B, 1), serial_step(SA, SB);
  }
  long halo = (long)(STEPS - 1) * 2 * (parts - 1) * COLS * (long)sizeof(double);
  printf("%d steps: %ld bytes moved between devices, the halo rows are %ld "
         "(peer %ld, on one device %ld, peer access asked %ld)\n",
         STEPS, moved() - before, halo, counter("fake_cuda_peer_bytes"),
         counter("fake_cuda_dtod_bytes"), counter("fake_cuda_peer_enables"));

  double HA[ROWS][COLS], HB[ROWS][COLS];
  init(HA, HB);
  printf("host grids untouched before ppar_to_host: %d\n",
         !memcmp(A, HA, sizeof A) && !memcmp(B, HB, sizeof B));
  int rc = ppar_to_host(A) | ppar_to_host(B);
  printf("after ppar_to_host: same as serial: %d\n", !rc && same());

  /* One device between split steps: it reads every row of the grid on the
   * current device's copy (fetching the rows other devices wrote), then
   * the split reads its halos from that copy; the same on the last device
   * (its copy is the second slot's with two devices). */
  step(B, A, 0), serial_step(SB, SA);
  step(A, B, 1), serial_step(SA, SB);
  step(B, A, 1), serial_step(SB, SA);
  ppar_set_device(ppar_device_count() - 1);
  step(A, B, 0), serial_step(SA, SB);
  ppar_set_device(0);
  step(B, A, 1), serial_step(SB, SA);
  rc = ppar_to_host(A) | ppar_to_host(B);
  printf("one-device step between split steps: same as serial: %d\n",
         !rc && same());

  /* The host changes A; ppar_to_device again makes every copy current.
   * Then a one-device step writes B on the first copy (in flight with
   * FAKE_CUDA_ASYNC), and the split's other parts fetch their rows of B
   * from it after that call's kernel. */
  for (int j = 0; j < COLS; j++)
    A[ROWS / 2][j] = SA[ROWS / 2][j] = 1000.0 + j;
  rc = ppar_to_device(A, sizeof A) | ppar_to_device(B, sizeof B);
  step(A, B, 0), serial_step(SA, SB);
  step(B, A, 1), serial_step(SB, SA);
  rc |= ppar_to_host(A) | ppar_to_host(B);
  printf("ppar_to_device again, one device, then split: same as serial: %d\n",
         !rc && same());

  int fa = ppar_device_free(A), fb = ppar_device_free(B);
  printf("ppar_device_free: %d %d, then ppar_to_host: %d\n", fa, fb,
         ppar_to_host(A));
  ppar_set_device(ppar_device_count() - 1);
  rc = ppar_to_device(A, sizeof A);
  pthread_t unchosen;
  pthread_create(&unchosen, NULL, to_device_unchosen, NULL);
  pthread_join(unchosen, NULL);
  printf("chosen device: %d; again from a thread that chose none: %s\n", rc,
         unchosen_said);
  ppar_device_free(A);
  return 0;
}
