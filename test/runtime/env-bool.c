// PPAR_DISABLE_JIT and PPAR_CHECK: 0/1, also true/false, yes/no, on/off in
// any case; empty means unset; anything else stops the program with one line
// naming the variable, the value and what is expected.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{run} = env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t
//
// RUN: %{run} | FileCheck %s --check-prefix=OFF
// RUN: env PPAR_DISABLE_JIT= PPAR_CHECK= %{run} | FileCheck %s --check-prefix=OFF
// RUN: env PPAR_DISABLE_JIT=0 PPAR_CHECK=0 %{run} | FileCheck %s --check-prefix=OFF
// RUN: env PPAR_DISABLE_JIT=false PPAR_CHECK=no %{run} | FileCheck %s --check-prefix=OFF
// RUN: env PPAR_DISABLE_JIT=OFF PPAR_CHECK=False %{run} | FileCheck %s --check-prefix=OFF
// OFF: disable_jit=0 check=0
//
// RUN: env PPAR_DISABLE_JIT=1 PPAR_CHECK=1 %{run} | FileCheck %s --check-prefix=ON
// RUN: env PPAR_DISABLE_JIT=true PPAR_CHECK=yes %{run} | FileCheck %s --check-prefix=ON
// RUN: env PPAR_DISABLE_JIT=ON PPAR_CHECK=TRUE %{run} | FileCheck %s --check-prefix=ON
// ON: disable_jit=1 check=1
//
// RUN: env PPAR_DISABLE_JIT=1 PPAR_CHECK=off %{run} | FileCheck %s --check-prefix=MIXED
// MIXED: disable_jit=1 check=0
//
// Read once: changing the environment after the first call changes nothing.
// RUN: env PPAR_DISABLE_JIT=1 %{run} setenv | FileCheck %s --check-prefix=ONCE
// ONCE: disable_jit=1 check=0
// ONCE-NEXT: after setenv: disable_jit=1 check=0
// Read when the library is loaded: a change made before the first call
// changes nothing either.
// RUN: env PPAR_DISABLE_JIT=1 %{run} setenv-first | FileCheck %s --check-prefix=ONCE
//
// DEFINE: %{bad} = FileCheck %s --match-full-lines --implicit-check-not=disable_jit
// RUN: env PPAR_DISABLE_JIT=2 not %{run} 2>&1 | %{bad} --check-prefix=BAD-JIT-2
// BAD-JIT-2: ppar: error: PPAR_DISABLE_JIT='2' is not valid: expected 0 or 1 (or true/false, yes/no, on/off)
// RUN: env PPAR_DISABLE_JIT=maybe not %{run} 2>&1 | %{bad} --check-prefix=BAD-JIT-WORD
// BAD-JIT-WORD: ppar: error: PPAR_DISABLE_JIT='maybe' is not valid: expected 0 or 1 (or true/false, yes/no, on/off)
// RUN: env "PPAR_DISABLE_JIT= 1" not %{run} 2>&1 | %{bad} --check-prefix=BAD-JIT-SPACE
// BAD-JIT-SPACE: ppar: error: PPAR_DISABLE_JIT=' 1' is not valid: expected 0 or 1 (or true/false, yes/no, on/off)
// RUN: env PPAR_CHECK=-1 not %{run} 2>&1 | %{bad} --check-prefix=BAD-CHECK
// BAD-CHECK: ppar: error: PPAR_CHECK='-1' is not valid: expected 0 or 1 (or true/false, yes/no, on/off)
// RUN: env PPAR_CHECK=y not %{run} 2>&1 | %{bad} --check-prefix=BAD-CHECK-Y
// BAD-CHECK-Y: ppar: error: PPAR_CHECK='y' is not valid: expected 0 or 1 (or true/false, yes/no, on/off)
//
// Every bad variable is reported, one line each, before the program stops.
// RUN: env PPAR_DISABLE_JIT=2 PPAR_CHECK=3 not %{run} 2>&1 | %{bad} --check-prefix=BAD-BOTH
// BAD-BOTH:      ppar: error: PPAR_DISABLE_JIT='2' is not valid: expected 0 or 1 (or true/false, yes/no, on/off)
// BAD-BOTH-NEXT: ppar: error: PPAR_CHECK='3' is not valid: expected 0 or 1 (or true/false, yes/no, on/off)

#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print(const char *what) {
  const struct __ppar_config *c = __ppar_config();
  printf("%sdisable_jit=%d check=%d\n", what, c->disable_jit, c->check);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "setenv-first") == 0) {
    setenv("PPAR_DISABLE_JIT", "0", 1);
    setenv("PPAR_CHECK", "1", 1);
  }
  print("");
  if (argc > 1 && strncmp(argv[1], "setenv", 6) == 0) {
    setenv("PPAR_DISABLE_JIT", "0", 1);
    setenv("PPAR_CHECK", "1", 1);
    print("after setenv: ");
  }
  return 0;
}
