// The `restrict` note of a loop that needs a run-time overlap check: shown
// at the parameter's own column, although the rewritten text puts the
// function's declarations on that line; offered once per parameter, not once
// per loop; for a parameter written as an array, inside its brackets
// (`double b[restrict n][n]`, C99 6.7.6.3). Every fix-it applied gives code
// the plugin accepts, and then no loop needs a check.
// RUN: %cc_ppar -fsyntax-only -fopenmp -fplugin-arg-ppar-report %s 2>&1 | FileCheck %s
// RUN: %cc_ppar -fsyntax-only -fopenmp -fplugin-arg-ppar-report -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s --check-prefix=FIXIT
// RUN: cp %s %t.c
// RUN: %cc_ppar -fsyntax-only -fopenmp -fplugin-arg-ppar-report -fdiagnostics-parseable-fixits %t.c 2> %t.diags
// RUN: %python %S/../Inputs/apply_fixits.py %t.diags
// RUN: %cc_ppar -fsyntax-only -fopenmp -fplugin-arg-ppar-report %t.c 2>&1 | FileCheck %s --check-prefix=FIXED

#include <ppar.h>

#pragma ppar jit(parallel)
void steps(int n, double a[n][n], double b[n][n], double *out) {
  for (int i = 1; i < n - 1; i++)
    for (int j = 0; j < n; j++)
      b[i][j] = a[i - 1][j] + a[i + 1][j];
  for (int i = 1; i < n - 1; i++)
    for (int j = 0; j < n; j++)
      a[i][j] = b[i][j] * 0.5;
  for (int i = 0; i < n; i++)
    out[i] = a[i][0];
}

// CHECK: restrict-fixits.c:[[#@LINE-11]]:42: note: if 'b' overlaps no other pointer, declare it restrict
// CHECK-NOT: note: if 'b'
// CHECK: restrict-fixits.c:[[#@LINE-13]]:26: note: if 'a' overlaps no other pointer, declare it restrict
// CHECK-NOT: note: if 'a'
// CHECK: restrict-fixits.c:[[#@LINE-15]]:59: note: if 'out' overlaps no other pointer, declare it restrict
// CHECK-NOT: note: if

// FIXIT-DAG: fix-it:"{{.*}}restrict-fixits.c":{[[#@LINE-18]]:44-[[#@LINE-18]]:44}:"restrict "
// FIXIT-DAG: fix-it:"{{.*}}restrict-fixits.c":{[[#@LINE-19]]:28-[[#@LINE-19]]:28}:"restrict "
// FIXIT-DAG: fix-it:"{{.*}}restrict-fixits.c":{[[#@LINE-20]]:59-[[#@LINE-20]]:59}:"restrict "

// FIXED-NOT: overlap
// FIXED: remark: loop parallelised
// FIXED-NOT: overlap
