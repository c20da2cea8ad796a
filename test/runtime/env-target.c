// PPAR_TARGET: cpu or cuda (any case) overrides every function's target=;
// empty means unset; anything else stops the program with one line.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{run} = env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t
//
// RUN: %{run} | FileCheck %s --check-prefix=UNSET
// RUN: env PPAR_TARGET= %{run} | FileCheck %s --check-prefix=UNSET
// UNSET: target=unset
// RUN: env PPAR_TARGET=cpu %{run} | FileCheck %s --check-prefix=CPU
// RUN: env PPAR_TARGET=CPU %{run} | FileCheck %s --check-prefix=CPU
// CPU: target=cpu
// RUN: env PPAR_TARGET=cuda %{run} | FileCheck %s --check-prefix=CUDA
// RUN: env PPAR_TARGET=Cuda %{run} | FileCheck %s --check-prefix=CUDA
// CUDA: target=cuda
//
// DEFINE: %{bad} = FileCheck %s --match-full-lines --implicit-check-not=target=
// RUN: env PPAR_TARGET=opencl not %{run} 2>&1 | %{bad} --check-prefix=BAD-OPENCL
// BAD-OPENCL: ppar: error: PPAR_TARGET='opencl' is not valid: expected cpu or cuda
// `auto` is a per-function choice (target=auto), not a whole-run override.
// RUN: env PPAR_TARGET=auto not %{run} 2>&1 | %{bad} --check-prefix=BAD-AUTO
// BAD-AUTO: ppar: error: PPAR_TARGET='auto' is not valid: expected cpu or cuda
// RUN: env "PPAR_TARGET=cpu " not %{run} 2>&1 | %{bad} --check-prefix=BAD-SPACE
// BAD-SPACE: ppar: error: PPAR_TARGET='cpu ' is not valid: expected cpu or cuda
// RUN: env PPAR_TARGET=1 not %{run} 2>&1 | %{bad} --check-prefix=BAD-NUM
// BAD-NUM: ppar: error: PPAR_TARGET='1' is not valid: expected cpu or cuda

#include "config.h"

#include <stdio.h>

int main(void) {
  printf("target=%s\n", __ppar_target_name(__ppar_config()->target));
  return 0;
}
