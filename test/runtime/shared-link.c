// A program links the shared libppar_rt the way users do, with clang and with
// gcc, and reaches only the exported names.
//
// RUN: %clang -std=c11 -Wall -Wextra -Werror -I%include -I%rt_src %s -L%libdir -lppar_rt -Wl,-rpath,%libdir -o %t
// RUN: env PPAR_NUM_THREADS=3 %t | FileCheck %s --match-full-lines
// RUN: env PPAR_DISABLE_JIT=1 PPAR_NUM_THREADS=3 %t | FileCheck %s --match-full-lines --check-prefix=SERIAL
// CHECK: choose=1 threads=3 last_error=''
// SERIAL: choose=0 threads=3 last_error=''
//
// RUN: env PPAR_NUM_THREADS=three not %t 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: ppar: error: PPAR_NUM_THREADS='three' is not valid: expected a whole number from 1 to 4096
//
// Internal functions are not exported, so linking against them fails.
// RUN: not %clang -std=c11 -DUSE_INTERNAL -I%include -I%rt_src %s -L%libdir -lppar_rt -o %t.internal 2>&1 | FileCheck %s --check-prefix=HIDDEN
// HIDDEN: {{undefined (reference to|symbol:) .?__ppar_config}}

// RUN: %if gcc %{ %gcc -std=c11 -Wall -Wextra -Werror -I%rt_src %s -L%libdir -lppar_rt -Wl,-rpath,%libdir -o %t.gcc %}
// RUN: %if gcc %{ env PPAR_NUM_THREADS=3 %t.gcc | FileCheck %s --match-full-lines %}

#define PPAR_USE_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"
#ifdef USE_INTERNAL
#include "config.h"
#endif

#include <stdio.h>

static struct __ppar_rt_fn fn = {"f", __FILE__, __LINE__, 1u << __PPAR_RT_CPU,
                                 __PPAR_RT_TARGET_CPU, 0};

int main(void) {
#ifdef USE_INTERNAL
  printf("%d\n", __ppar_config()->num_threads);
#endif
  printf("choose=%d threads=%d last_error='%s'\n", __ppar_rt_choose(&fn),
         __ppar_rt_num_threads(), ppar_last_error());
  return 0;
}
