// A GPU function whose module cannot load (here: a compile error) while data
// is resident on the device: its CPU version would compute on host arrays
// whose current copy is on the device, a wrong answer; the program ends
// with the reason instead. Without resident data it falls back as before.
//
// REQUIRES: cuda-gpu
// RUN: %clang -std=c11 -g -I%include -I%rt_src %s -L%libdir -lppar_rt -Wl,-rpath,%libdir -o %t
// RUN: %t plain 2>&1 | FileCheck %s --check-prefix=PLAIN --match-full-lines
// RUN: not %t resident 2>&1 | FileCheck %s --check-prefix=RESIDENT --match-full-lines
// PLAIN:          ppar: broken (broken.c:7): cannot run on the GPU: kernel broken: NVRTC could not compile {{.+}}; running the CPU version
// PLAIN-NEXT:     begin: NULL
// RESIDENT:       to_device=0
// RESIDENT-NEXT:  ppar: broken (broken.c:7): cannot run on the GPU: kernel broken: NVRTC could not compile {{.+}}; running the CPU version
// RESIDENT-NEXT:  ppar: error: broken (broken.c:7): cannot run on the GPU (the reason is printed once, above) while data is resident on device 0 (ppar_to_device), whose copy there is current, so the CPU version cannot take over
// RESIDENT-NOT:   begin:

#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include <stdio.h>
#include <string.h>

static struct __ppar_rt_module broken_m = {
    "broken", "broken.c", 7, "extern \"C\" __global__ void k(int x) { x = ; }\n",
    (const char *const[]){"k"}, 1, 0, 0};

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  static double x[64];
  if (argc > 1 && strcmp(argv[1], "resident") == 0)
    printf("to_device=%d\n", ppar_to_device(x, sizeof x));
  printf("begin: %s\n", __ppar_rt_gpu_begin(&broken_m) ? "call" : "NULL");
  return 0;
}
