// __ppar_rt_choose as plugin-generated code calls it: the multi-core variant
// when one was generated, the serial one under PPAR_DISABLE_JIT=1 or when
// none was; the decision is made once per function and logged once.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{run} = env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t
//
// RUN: %{run} | FileCheck %s --check-prefix=JIT
// RUN: env PPAR_TARGET=cpu %{run} | FileCheck %s --check-prefix=JIT
// RUN: env PPAR_DISABLE_JIT=0 %{run} | FileCheck %s --check-prefix=JIT
// JIT:      saxpy=1 both=1 plain=0 serial_only=0
// JIT-NEXT: again saxpy=1 both=1 plain=0 serial_only=0
//
// RUN: env PPAR_DISABLE_JIT=1 %{run} | FileCheck %s --check-prefix=SERIAL
// PPAR_DISABLE_JIT wins over PPAR_TARGET: it is the debugging switch.
// RUN: env PPAR_DISABLE_JIT=1 PPAR_TARGET=cuda %{run} | FileCheck %s --check-prefix=SERIAL
// SERIAL:      saxpy=0 both=0 plain=0 serial_only=0
// SERIAL-NEXT: again saxpy=0 both=0 plain=0 serial_only=0
//
// RUN: env PPAR_VERBOSE=1 %{run} 2>&1 | FileCheck %s --check-prefix=LOG --match-full-lines
// LOG:      ppar: settings: {{.*}}
// LOG-NEXT: ppar: saxpy (kernels.c:12): running the multi-core version
// LOG-NEXT: ppar: both (kernels.c:20): running the multi-core version
// LOG-NEXT: ppar: plain (kernels.c:30): running the serial version (no multi-core version was generated)
// LOG-NEXT: ppar: serial_only (kernels.c:40): running the serial version (no multi-core version was generated)
// LOG-NEXT: saxpy=1 both=1 plain=0 serial_only=0
// LOG-NEXT: again saxpy=1 both=1 plain=0 serial_only=0
// LOG-NOT:  ppar:
//
// RUN: env PPAR_VERBOSE=1 PPAR_DISABLE_JIT=1 %{run} 2>&1 | FileCheck %s --check-prefix=LOG-SERIAL --match-full-lines
// LOG-SERIAL:      ppar: saxpy (kernels.c:12): running the serial version (PPAR_DISABLE_JIT is set)
// LOG-SERIAL-NEXT: ppar: both (kernels.c:20): running the serial version (PPAR_DISABLE_JIT is set)

#include "ppar_rt_abi.h"

#include <stdio.h>
#include <stdlib.h>

/* As the plugin emits them: one static descriptor per annotated function. */
static struct __ppar_rt_fn saxpy_fn = {"saxpy", "kernels.c", 12,
                                       1u << __PPAR_RT_CPU, 0};
static struct __ppar_rt_fn both_fn = {
    "both", "kernels.c", 20, (1u << __PPAR_RT_SERIAL) | (1u << __PPAR_RT_CPU),
    0};
static struct __ppar_rt_fn plain_fn = {"plain", "kernels.c", 30, 0u, 0};
static struct __ppar_rt_fn serial_only_fn = {"serial_only", "kernels.c", 40,
                                             1u << __PPAR_RT_SERIAL, 0};

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int first[4], again[4];
  struct __ppar_rt_fn *fns[4] = {&saxpy_fn, &both_fn, &plain_fn,
                                 &serial_only_fn};
  for (int i = 0; i < 4; i++)
    first[i] = __ppar_rt_choose(fns[i]);
  printf("saxpy=%d both=%d plain=%d serial_only=%d\n", first[0], first[1],
         first[2], first[3]);
  /* Later calls take the fast path and must agree with the first. */
  for (int round = 0; round < 1000; round++)
    for (int i = 0; i < 4; i++)
      if ((again[i] = __ppar_rt_choose(fns[i])) != first[i])
        return EXIT_FAILURE;
  printf("again saxpy=%d both=%d plain=%d serial_only=%d\n", again[0],
         again[1], again[2], again[3]);
  return 0;
}
