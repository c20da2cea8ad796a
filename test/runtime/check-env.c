// Whether loops are checked: PPAR_CHECK set and PPAR_DISABLE_JIT not (the
// serial version runs alone then, with nothing to compare it with). And
// PPAR_CHECK_RTOL, the tolerance of reductions: a number from 0 to 1, read
// once with the other settings; a bad value stops the program with status 2.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{run} = env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t
// DEFINE: %{status} = sh -c '"$0" "$@" 2>&1; echo "exit status $?"'
// DEFINE: %{fc} = FileCheck %s --match-full-lines --implicit-check-not=ppar:
//
// RUN: %{status} %{run} | %{fc} --check-prefix=OFF
// RUN: %{status} env PPAR_CHECK=0 %{run} | %{fc} --check-prefix=OFF
// RUN: %{status} env PPAR_CHECK= %{run} | %{fc} --check-prefix=OFF
// RUN: %{status} env PPAR_CHECK=1 PPAR_DISABLE_JIT=1 %{run} | %{fc} --check-prefix=OFF
// OFF:      checking=0 again=0 rtol=1e-08 a[3]=7
// OFF-NEXT: exit status 0
//
// Nothing is checked, so nothing is said at exit, even with PPAR_VERBOSE.
// RUN: %{status} env PPAR_VERBOSE=1 PPAR_CHECK=1 PPAR_DISABLE_JIT=1 %{run} | FileCheck %s --match-full-lines --check-prefix=OFF-V
// OFF-V:      ppar: settings: {{.*}} disable_jit=1, check=1, {{.*}}
// OFF-V-NEXT: checking=0 again=0 rtol=1e-08 a[3]=7
// OFF-V-NEXT: exit status 0
//
// RUN: %{status} env PPAR_CHECK=1 %{run} | %{fc} --check-prefix=ON
// RUN: %{status} env PPAR_CHECK=yes PPAR_DISABLE_JIT=0 %{run} | %{fc} --check-prefix=ON
// ON:      checking=1 again=1 rtol=1e-08 a[3]=7
// ON-NEXT: exit status 0
//
// RUN: %{status} env PPAR_CHECK_RTOL=1e-6 %{run} | %{fc} --check-prefix=R6
// R6: checking=0 again=0 rtol=1e-06 a[3]=7
// RUN: %{status} env PPAR_CHECK=1 PPAR_CHECK_RTOL=0.001 %{run} | %{fc} --check-prefix=R3
// R3: checking=1 again=1 rtol=0.001 a[3]=7
// RUN: %{status} env PPAR_CHECK_RTOL=.5 %{run} | %{fc} --check-prefix=R5
// R5: checking=0 again=0 rtol=0.5 a[3]=7
// RUN: %{status} env PPAR_CHECK_RTOL=0 %{run} | %{fc} --check-prefix=R0
// RUN: %{status} env PPAR_CHECK_RTOL=0.0 %{run} | %{fc} --check-prefix=R0
// RUN: %{status} env PPAR_CHECK_RTOL=1e-400 %{run} | %{fc} --check-prefix=R0
// R0: checking=0 again=0 rtol=0 a[3]=7
// RUN: %{status} env PPAR_CHECK_RTOL=1 %{run} | %{fc} --check-prefix=R1
// RUN: %{status} env PPAR_CHECK_RTOL=1E0 %{run} | %{fc} --check-prefix=R1
// R1: checking=0 again=0 rtol=1 a[3]=7
// Empty counts as unset.
// RUN: %{status} env PPAR_CHECK_RTOL= %{run} | %{fc} --check-prefix=OFF
//
// DEFINE: %{bad} = FileCheck %s --match-full-lines --implicit-check-not=checking= --check-prefix
// RUN: %{status} env PPAR_CHECK=1 PPAR_CHECK_RTOL=abc %{run} | %{bad}=BAD-ABC
// BAD-ABC:      ppar: error: PPAR_CHECK_RTOL='abc' is not valid: expected a relative tolerance from 0 to 1, such as 1e-6
// BAD-ABC-NEXT: exit status 2
// A bad value stops the program even when checking is off.
// RUN: %{status} env PPAR_CHECK_RTOL=-1e-6 %{run} | %{bad}=BAD-NEG
// BAD-NEG:      ppar: error: PPAR_CHECK_RTOL='-1e-6' is not valid: expected a relative tolerance from 0 to 1, such as 1e-6
// BAD-NEG-NEXT: exit status 2
// RUN: %{status} env PPAR_CHECK_RTOL=2 %{run} | %{bad}=BAD-BIG
// BAD-BIG: ppar: error: PPAR_CHECK_RTOL='2' is not valid: expected a relative tolerance from 0 to 1, such as 1e-6
// RUN: %{status} env PPAR_CHECK_RTOL=1e400 %{run} | %{bad}=BAD-HUGE
// BAD-HUGE: ppar: error: PPAR_CHECK_RTOL='1e400' is not valid: expected a relative tolerance from 0 to 1, such as 1e-6
// RUN: %{status} env PPAR_CHECK_RTOL=nan %{run} | %{bad}=BAD-NAN
// BAD-NAN: ppar: error: PPAR_CHECK_RTOL='nan' is not valid: expected a relative tolerance from 0 to 1, such as 1e-6
// RUN: %{status} env PPAR_CHECK_RTOL=inf %{run} | %{bad}=BAD-INF
// BAD-INF: ppar: error: PPAR_CHECK_RTOL='inf' is not valid: expected a relative tolerance from 0 to 1, such as 1e-6
// RUN: %{status} env 'PPAR_CHECK_RTOL= 1e-6' %{run} | %{bad}=BAD-SPACE
// BAD-SPACE: ppar: error: PPAR_CHECK_RTOL=' 1e-6' is not valid: expected a relative tolerance from 0 to 1, such as 1e-6
// RUN: %{status} env PPAR_CHECK_RTOL=1e-6x %{run} | %{bad}=BAD-SUFFIX
// BAD-SUFFIX: ppar: error: PPAR_CHECK_RTOL='1e-6x' is not valid: expected a relative tolerance from 0 to 1, such as 1e-6
// RUN: %{status} env PPAR_CHECK_RTOL=0x1p-20 %{run} | %{bad}=BAD-HEX
// BAD-HEX: ppar: error: PPAR_CHECK_RTOL='0x1p-20' is not valid: expected a relative tolerance from 0 to 1, such as 1e-6
// RUN: %{status} env PPAR_CHECK_RTOL=. %{run} | %{bad}=BAD-DOT
// BAD-DOT: ppar: error: PPAR_CHECK_RTOL='.' is not valid: expected a relative tolerance from 0 to 1, such as 1e-6
// RUN: %{status} env PPAR_CHECK_RTOL=1e %{run} | %{bad}=BAD-E
// BAD-E: ppar: error: PPAR_CHECK_RTOL='1e' is not valid: expected a relative tolerance from 0 to 1, such as 1e-6
// Every bad variable is named before the program stops.
// RUN: %{status} env PPAR_CHECK=maybe PPAR_CHECK_RTOL=tight %{run} | %{bad}=BAD-TWO
// BAD-TWO:      ppar: error: PPAR_CHECK='maybe' is not valid: expected 0 or 1 (or true/false, yes/no, on/off)
// BAD-TWO-NEXT: ppar: error: PPAR_CHECK_RTOL='tight' is not valid: expected a relative tolerance from 0 to 1, such as 1e-6
// BAD-TWO-NEXT: exit status 2

#include "config.h"
#include "ppar_rt_abi.h"

#include <stdio.h>
#include <stdlib.h>

/* What the plugin generates for `for (i..) a[i] = a[i] * 2 + 1`. */
static void twice_plus_one(int n, int *a) {
  struct __ppar_rt_check *c = 0;
  if (__ppar_rt_checking() &&
      (c = __ppar_rt_check_begin(
           "twice_plus_one", "env.c", 3,
           (struct __ppar_rt_region[]){{a, a + n, 'i', sizeof *a, "a"}}, 1))) {
    for (int i = 0; i < n; i++)
      a[i] = a[i] * 2 + 1;
    __ppar_rt_check_mid(c);
  }
  for (int i = 0; i < n; i++)
    a[i] = a[i] * 2 + 1;
  if (c)
    __ppar_rt_check_end(c);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int checking = __ppar_rt_checking();
  int again = __ppar_rt_checking(); /* the cached answer */
  int a[8] = {3, 3, 3, 3, 3, 3, 3, 3};
  twice_plus_one(8, a); /* once, checked or not */
  printf("checking=%d again=%d rtol=%g a[3]=%d\n", checking, again,
         __ppar_config()->check_rtol, a[3]);
  return 0;
}
