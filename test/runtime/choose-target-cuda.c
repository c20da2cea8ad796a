// PPAR_TARGET=cuda asks for CUDA versions; a function that has none stops
// the program with one line naming it, its file:line, the cause and the fix.
// (This function has no CUDA variant; see choose-cuda.c for ones that do.)
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{run} = env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t
//
// RUN: env PPAR_TARGET=cuda not %{run} 2>&1 | FileCheck %s --match-full-lines
// Output written before the error is flushed, not lost.
// CHECK:      before the first call
// CHECK-NEXT: ppar: error: saxpy (kernels.c:12): PPAR_TARGET=cuda but no CUDA version of this function was generated; annotate it with jit(parallel, target=cuda) or unset PPAR_TARGET
// CHECK-NOT:  after
//
// RUN: env PPAR_TARGET=cpu %{run} 2>&1 | FileCheck %s --check-prefix=CPU
// CPU: before the first call
// CPU-NEXT: after: 1

#include "ppar_rt_abi.h"

#include <stdio.h>

static struct __ppar_rt_fn saxpy_fn = {"saxpy", "kernels.c", 12,
                                       1u << __PPAR_RT_CPU, 0};

int main(void) {
  printf("before the first call\n"); /* stays in stdout's buffer (a pipe) */
  int variant = __ppar_rt_choose(&saxpy_fn);
  printf("after: %d\n", variant);
  return 0;
}
