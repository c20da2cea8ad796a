// The plugin rewrites and compiles in one clang invocation; every output
// mode behaves as without it.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %cc_ppar -O0 -c %s -o %t/a.o
// RUN: llvm-nm %t/a.o | FileCheck %s --check-prefix=OBJ
// OBJ-DAG: U __kmpc_fork_call
// OBJ-DAG: U __ppar_rt_choose
// OBJ-DAG: T scale
// OBJ-DAG: t __ppar_cpu_scale
// RUN: %cc_ppar -O0 -S %s -o %t/a.s
// RUN: FileCheck %s --check-prefix=ASM < %t/a.s
// ASM: __ppar_cpu_scale:
// RUN: %cc_ppar -O0 -S -emit-llvm %s -o %t/a.ll
// RUN: FileCheck %s --check-prefix=IR < %t/a.ll
// IR: define {{.*}}void @scale(
// IR: call {{.*}}@__ppar_rt_choose(
// IR: call void {{.*}}@__kmpc_fork_call(
// RUN: %cc_ppar -c -MD -MF %t/a.d %s -o %t/b.o
// RUN: FileCheck %s --check-prefix=DEP < %t/a.d
// DEP: b.o:
// DEP: compile-modes.c
// DEP: include/ppar.h
// RUN: %cc_ppar -fsyntax-only -Wall -Wextra -Werror -DCHECK_PPAR %s
// RUN: %cc_ppar -g -O0 -c %s -o %t/g.o
// RUN: llvm-dwarfdump --debug-info %t/g.o | FileCheck %s --check-prefix=DWARF
// DWARF: DW_AT_name ("scale")
// DWARF-NEXT: DW_AT_decl_file ("{{.*}}compile-modes.c")
// DWARF-NEXT: DW_AT_decl_line ([[LINE:[0-9]+]])
// DWARF: DW_AT_name ("__ppar_cpu_scale")
// DWARF-NEXT: DW_AT_decl_file ("{{.*}}compile-modes.c")
// DWARF-NEXT: DW_AT_decl_line ([[LINE]])
// RUN: %cc_ppar -O2 %s -o %t/exe %link_rt
// RUN: %t/exe | FileCheck %s --check-prefix=OUT
// RUN: env PPAR_DISABLE_JIT=1 %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %cc_ppar -c %s -o %t/c.o
// RUN: %cc_plain %t/c.o -o %t/exe2 %link_rt
// RUN: %t/exe2 | FileCheck %s --check-prefix=OUT
// RUN: %cc_ppar -fopenmp -c %s -o %t/d.o
// RUN: %cc_ppar -O2 %s -o %t/exe3 -L%libdir -lppar_rt -Wl,-rpath,%libdir -fopenmp
// RUN: %t/exe3 | FileCheck %s --check-prefix=OUT
// RUN: env PPAR_VERBOSE=1 %t/exe3 2>&1 | FileCheck %s --check-prefix=VERBOSE
// RUN: env PPAR_VERBOSE=1 PPAR_DISABLE_JIT=1 %t/exe3 2>&1 | FileCheck %s --check-prefix=SERIAL
// RUN: not %t/exe3 --fail 2>&1 | FileCheck %s --check-prefix=FAIL
// RUN: env PPAR_NUM_THREADS=zero not %t/exe3 2>&1 | FileCheck %s --check-prefix=BADENV
// RUN: env PPAR_TARGET=cuda not %t/exe3 2>&1 | FileCheck %s --check-prefix=NOCUDA
// RUN: cat %s | %cc_ppar -O0 -x c -c - -o %t/stdin.o
// RUN: llvm-nm %t/stdin.o | FileCheck %s --check-prefix=OBJ
// RUN: %cc_ppar -fsyntax-only -Xclang -ast-dump %s | FileCheck %s --check-prefix=AST
// AST: FunctionDecl {{.*}} __ppar_cpu_scale
// AST: OMPParallelForDirective
#include <stdio.h>
#include <string.h>
#include <ppar.h>

#if defined(CHECK_PPAR) && !defined(__PPAR__)
#error "__PPAR__ is not defined"
#endif

#pragma ppar jit(parallel)
void scale(double *x, int n, double a) {
#pragma ppar prange
  for (int i = 0; i < n; i++)
    x[i] *= a;
}

int main(int argc, char **argv) {
  double x[1000];
  for (int i = 0; i < 1000; i++)
    x[i] = i;
  scale(x, 1000, 0.5);
  printf("%g %g\n", x[1], x[999]);
  // OUT: 0.5 499.5
  // VERBOSE: scale ({{.*}}compile-modes.c:{{[0-9]+}}): running the multi-core version
  // SERIAL: scale ({{.*}}compile-modes.c:{{[0-9]+}}): running the serial version (PPAR_DISABLE_JIT is set)
  // BADENV: PPAR_NUM_THREADS
  // NOCUDA: scale ({{.*}}compile-modes.c:{{[0-9]+}}): PPAR_TARGET=cuda but no CUDA version
  if (argc > 1 && strcmp(argv[1], "--fail") == 0) {
    fprintf(stderr, "failing on purpose\n");
    // FAIL: failing on purpose
    return 1;
  }
  return 0;
}
