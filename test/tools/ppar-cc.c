// ppar-cc, the mpicc-like wrapper: builds, runs, prints its command, and
// compiles and links in separate steps.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %ppar_cc -O2 %s -o %t/exe
// RUN: %t/exe | FileCheck %s --check-prefix=OUT
// RUN: env PPAR_DISABLE_JIT=1 %t/exe | FileCheck %s --check-prefix=OUT
// OUT: sum = 4500000.0
// OUT-NEXT: plugin = 1

// The function was rewritten: its CPU clone is there.
// RUN: llvm-nm %t/exe | FileCheck %s --check-prefix=SYM
// SYM: __ppar_cpu_sum

// -c, then link separately, with the wrapper both times.
// RUN: %ppar_cc -O2 -c %s -o %t/a.o
// RUN: llvm-nm %t/a.o | FileCheck %s --check-prefix=OBJ
// OBJ-DAG: U __ppar_rt_choose
// OBJ-DAG: t __ppar_cpu_sum
// RUN: %ppar_cc %t/a.o -o %t/exe2
// RUN: %t/exe2 | FileCheck %s --check-prefix=OUT

// --showme prints the command, with the user's arguments quoted and in place;
// link flags only when linking.
// RUN: %ppar_cc --showme -O2 '-DMSG="a b"' %s -o %t/x | FileCheck %s --check-prefix=SHOW -DLIB=%libdir
// SHOW: {{^}}{{[^ ]*}}clang{{[^ ]*}} -fplugin=[[LIB]]/libppar.so -I{{[^ ]*}}include -fopenmp -O2 '-DMSG="a b"' {{.*}}ppar-cc.c -o {{[^ ]*}}/x -L[[LIB]] -lppar_rt -Wl,-rpath,[[LIB]] -fopenmp -L{{[^ ]*}} -Wl,-rpath,{{[^ ]*}}{{$}}
// RUN: %ppar_cc --showme -c %s | FileCheck %s --check-prefix=SHOWC -DLIB=%libdir
// SHOWC: -fplugin=[[LIB]]/libppar.so -I{{.*}} -fopenmp -c {{[^ ]*}}ppar-cc.c{{$}}
// RUN: %ppar_cc --showme -fsyntax-only %s | not grep -e -lppar_rt
// RUN: %ppar_cc --showme -E %s | not grep -e -lppar_rt
// RUN: %ppar_cc --showme -MM %s | not grep -e -lppar_rt
// RUN: %ppar_cc --showme:compile | FileCheck %s --check-prefix=SHOWCOMP -DLIB=%libdir
// SHOWCOMP: {{^}}-fplugin=[[LIB]]/libppar.so -I{{[^ ]*}}include -fopenmp{{$}}
// RUN: %ppar_cc --showme:link | FileCheck %s --check-prefix=SHOWLINK -DLIB=%libdir
// SHOWLINK: {{^}}-L[[LIB]] -lppar_rt -Wl,-rpath,[[LIB]] -fopenmp

// Arguments with spaces and quotes reach clang unchanged.
// RUN: %ppar_cc -O1 '-DMSG="a b"' %s -o '%t/with space'
// RUN: '%t/with space' | FileCheck %s --check-prefix=MSG
// MSG: msg = a b

// RUN: %ppar_cc --version | FileCheck %s --check-prefix=VER
// VER: ppar-cc (ppar) {{[0-9]+\.[0-9]+\.[0-9]+}}
// VER: clang version 19.

// Found through a symlink in another folder, as from a bin on PATH.
// RUN: ln -s %ppar_cc %t/cc-link
// RUN: %t/cc-link --showme:compile | FileCheck %s --check-prefix=SHOWCOMP -DLIB=%libdir
#include <stdio.h>
#include <ppar.h>

#define N 1000000
static double a[N];

#pragma ppar jit(parallel)
double sum(const double *x, long n) {
  double s = 0;
#pragma ppar prange
  for (long i = 0; i < n; i++)
    s += x[i];
  return s;
}

int main(void) {
  for (long i = 0; i < N; i++)
    a[i] = (double)(i % 10);
  printf("sum = %.1f\n", sum(a, N));
#ifdef __PPAR__
  printf("plugin = 1\n");
#else
  printf("plugin = 0\n");
#endif
#ifdef MSG
  printf("msg = %s\n", MSG);
#endif
  return 0;
}
