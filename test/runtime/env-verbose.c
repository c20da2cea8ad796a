// PPAR_VERBOSE: a level (0 = quiet, 1 = decisions, 2 = detail) or a boolean
// word. At level 1 the settings in force are logged once, on first use.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{run} = env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 HOME=/home/u %t
//
// RUN: %{run} 2>&1 | FileCheck %s --check-prefix=QUIET --implicit-check-not=ppar:
// RUN: env PPAR_VERBOSE=0 %{run} 2>&1 | FileCheck %s --check-prefix=QUIET --implicit-check-not=ppar:
// RUN: env PPAR_VERBOSE=off %{run} 2>&1 | FileCheck %s --check-prefix=QUIET --implicit-check-not=ppar:
// QUIET: verbose=0
//
// RUN: env PPAR_VERBOSE=1 %{run} 2>&1 | FileCheck %s --check-prefix=V1 --match-full-lines
// RUN: env PPAR_VERBOSE=yes %{run} 2>&1 | FileCheck %s --check-prefix=V1 --match-full-lines
// V1:      ppar: settings: threads={{[0-9]+}} (CPUs), target=unset, disable_jit=0, check=0, cache_dir=/home/u/.cache/ppar, graph=(none), trace=(none)
// V1-NEXT: verbose=1
// V1-NOT:  ppar:
//
// RUN: env PPAR_VERBOSE=2 PPAR_NUM_THREADS=3 PPAR_TARGET=cpu PPAR_CHECK=1 PPAR_GRAPH=g.dot PPAR_TRACE=t.json %{run} 2>&1 | FileCheck %s --check-prefix=V2 --match-full-lines
// V2:      ppar: settings: threads=3 (PPAR_NUM_THREADS), target=cpu, disable_jit=0, check=1, cache_dir=/home/u/.cache/ppar, graph=g.dot, trace=t.json
// V2-NEXT: verbose=2
//
// DEFINE: %{bad} = FileCheck %s --match-full-lines --implicit-check-not=verbose=
// RUN: env PPAR_VERBOSE=-1 not %{run} 2>&1 | %{bad} --check-prefix=BAD-NEG
// BAD-NEG: ppar: error: PPAR_VERBOSE='-1' is not valid: expected a whole number from 0 to 1000 (0 = quiet, 1 = decisions, 2 = detail) or true/false, yes/no, on/off
// RUN: env PPAR_VERBOSE=loud not %{run} 2>&1 | %{bad} --check-prefix=BAD-WORD
// BAD-WORD: ppar: error: PPAR_VERBOSE='loud' is not valid: expected a whole number from 0 to 1000 (0 = quiet, 1 = decisions, 2 = detail) or true/false, yes/no, on/off
// RUN: env PPAR_VERBOSE=1001 not %{run} 2>&1 | %{bad} --check-prefix=BAD-BIG
// BAD-BIG: ppar: error: PPAR_VERBOSE='1001' is not valid: expected a whole number from 0 to 1000 (0 = quiet, 1 = decisions, 2 = detail) or true/false, yes/no, on/off

#include "config.h"

#include <stdio.h>

int main(void) {
  /* Unbuffered, so that stdout and the runtime's stderr lines interleave in
   * the order they were written. */
  setvbuf(stdout, NULL, _IONBF, 0);
  printf("verbose=%d\n", __ppar_config()->verbose);
  __ppar_config(); /* the settings line is printed once, not per call */
  printf("done\n");
  return 0;
}
