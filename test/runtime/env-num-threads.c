// Thread count of generated OpenMP loops, __ppar_rt_num_threads():
// PPAR_NUM_THREADS (1..4096), else the first number of OMP_NUM_THREADS when
// it is valid, else the CPUs the process may run on (its affinity mask, as
// libomp and nproc count them) when the runtime was loaded.
//
// RUN: %clang -std=c11 -g -fsanitize=address,undefined -I%include -I%rt_src %s %rt_asan -o %t -lpthread -ldl
// DEFINE: %{run} = env UBSAN_OPTIONS=halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 %t
//
// Default: the CPUs.
// RUN: %{run} | FileCheck %s --check-prefix=CPUS
// RUN: env PPAR_NUM_THREADS= OMP_NUM_THREADS= %{run} | FileCheck %s --check-prefix=CPUS
// CPUS: cpus=[[N:[0-9]+]]
// CPUS-NEXT: threads=[[N]] (CPUs)
//
// A process started on one CPU (taskset -c 0) gets one thread.
// RUN: %{run} exec-pinned | FileCheck %s --check-prefix=PINNED
// PINNED: cpus=1
// PINNED-NEXT: threads=1 (CPUs)
//
// CPUs are counted at load: a mask narrowed later (an OpenMP runtime binding
// the initial thread, OMP_PROC_BIND) does not shrink the count.
// RUN: %{run} pin-after-load | FileCheck %s --check-prefix=CPUS
//
// RUN: env PPAR_NUM_THREADS=3 %{run} | FileCheck %s --check-prefix=PPAR3
// RUN: env PPAR_NUM_THREADS=3 OMP_NUM_THREADS=5 %{run} | FileCheck %s --check-prefix=PPAR3
// RUN: env PPAR_NUM_THREADS=3 OMP_NUM_THREADS=junk %{run} | FileCheck %s --check-prefix=PPAR3
// PPAR3: threads=3 (PPAR_NUM_THREADS)
// RUN: env PPAR_NUM_THREADS=1 %{run} | FileCheck %s --check-prefix=PPAR1
// PPAR1: threads=1 (PPAR_NUM_THREADS)
// RUN: env PPAR_NUM_THREADS=4096 %{run} | FileCheck %s --check-prefix=PPARMAX
// PPARMAX: threads=4096 (PPAR_NUM_THREADS)
//
// RUN: env OMP_NUM_THREADS=5 %{run} | FileCheck %s --check-prefix=OMP5
// RUN: env OMP_NUM_THREADS=5,2,1 %{run} | FileCheck %s --check-prefix=OMP5
// RUN: env "OMP_NUM_THREADS= 5 , 2" %{run} | FileCheck %s --check-prefix=OMP5
// RUN: env PPAR_NUM_THREADS= OMP_NUM_THREADS=5 %{run} | FileCheck %s --check-prefix=OMP5
// OMP5: threads=5 (OMP_NUM_THREADS)
//
// An OMP_NUM_THREADS we cannot use is the OpenMP runtime's to report; ppar
// falls back to the CPUs (and says so with PPAR_VERBOSE).
// RUN: env OMP_NUM_THREADS=0 %{run} | FileCheck %s --check-prefix=CPUS
// RUN: env OMP_NUM_THREADS=abc %{run} | FileCheck %s --check-prefix=CPUS
// RUN: env OMP_NUM_THREADS=,4 %{run} | FileCheck %s --check-prefix=CPUS
// RUN: env OMP_NUM_THREADS=5000 %{run} | FileCheck %s --check-prefix=CPUS
// RUN: env OMP_NUM_THREADS=abc PPAR_VERBOSE=1 %{run} 2>&1 | FileCheck %s --check-prefix=OMP-IGNORED
// OMP-IGNORED: ppar: ignoring OMP_NUM_THREADS='abc': its first number is not a whole number from 1 to 4096
//
// DEFINE: %{bad} = FileCheck %s --match-full-lines --implicit-check-not=threads=
// RUN: env PPAR_NUM_THREADS=0 not %{run} 2>&1 | %{bad} --check-prefix=BAD-0
// BAD-0: ppar: error: PPAR_NUM_THREADS='0' is not valid: expected a whole number from 1 to 4096
// RUN: env PPAR_NUM_THREADS=-2 not %{run} 2>&1 | %{bad} --check-prefix=BAD-NEG
// BAD-NEG: ppar: error: PPAR_NUM_THREADS='-2' is not valid: expected a whole number from 1 to 4096
// RUN: env PPAR_NUM_THREADS=4097 not %{run} 2>&1 | %{bad} --check-prefix=BAD-BIG
// BAD-BIG: ppar: error: PPAR_NUM_THREADS='4097' is not valid: expected a whole number from 1 to 4096
// RUN: env PPAR_NUM_THREADS=99999999999999999999999 not %{run} 2>&1 | %{bad} --check-prefix=BAD-HUGE
// BAD-HUGE: ppar: error: PPAR_NUM_THREADS='99999999999999999999999' is not valid: expected a whole number from 1 to 4096
// RUN: env PPAR_NUM_THREADS=four not %{run} 2>&1 | %{bad} --check-prefix=BAD-WORD
// BAD-WORD: ppar: error: PPAR_NUM_THREADS='four' is not valid: expected a whole number from 1 to 4096
// RUN: env PPAR_NUM_THREADS=4x not %{run} 2>&1 | %{bad} --check-prefix=BAD-SUFFIX
// BAD-SUFFIX: ppar: error: PPAR_NUM_THREADS='4x' is not valid: expected a whole number from 1 to 4096
// RUN: env PPAR_NUM_THREADS=+4 not %{run} 2>&1 | %{bad} --check-prefix=BAD-SIGN
// BAD-SIGN: ppar: error: PPAR_NUM_THREADS='+4' is not valid: expected a whole number from 1 to 4096
// RUN: env "PPAR_NUM_THREADS= 4" not %{run} 2>&1 | %{bad} --check-prefix=BAD-SPACE
// BAD-SPACE: ppar: error: PPAR_NUM_THREADS=' 4' is not valid: expected a whole number from 1 to 4096
// RUN: env PPAR_NUM_THREADS=4,2 not %{run} 2>&1 | %{bad} --check-prefix=BAD-LIST
// BAD-LIST: ppar: error: PPAR_NUM_THREADS='4,2' is not valid: expected a whole number from 1 to 4096

#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "config.h"
#include "ppar_rt_abi.h"

#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int first_cpu(const cpu_set_t *set) {
  for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
    if (CPU_ISSET(cpu, set))
      return cpu;
  return -1;
}

static void pin_to(int cpu) {
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpu, &one);
  if (sched_setaffinity(0, sizeof one, &one) != 0) {
    perror("sched_setaffinity");
    _exit(1);
  }
}

int main(int argc, char **argv) {
  static const char *const from[] = {"PPAR_NUM_THREADS", "OMP_NUM_THREADS",
                                     "CPUs"};
  const char *mode = argc > 1 ? argv[1] : "";
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) != 0) {
    perror("sched_getaffinity");
    return 1;
  }
  if (strcmp(mode, "exec-pinned") == 0) {
    /* Like `taskset -c N prog`: the new process starts on one CPU. */
    pin_to(first_cpu(&set));
    execv(argv[0], (char *[]){argv[0], NULL});
    perror("execv");
    return 1;
  }
  printf("cpus=%d\n", CPU_COUNT(&set));
  if (strcmp(mode, "pin-after-load") == 0)
    pin_to(first_cpu(&set));
  printf("threads=%d (%s)\n", __ppar_rt_num_threads(),
         from[__ppar_config()->threads_from]);
  return 0;
}
