// The three spellings of an annotation meet in one representation and give
// the same rewrite; the forward declaration goes before the attribute.
// RUN: rm -rf %t && %cc_ppar -std=c23 -fsyntax-only -fplugin-arg-ppar-emit=%t %s
// The CHECK lines are copied into the output too: drop comments first.
// RUN: grep -v '^ *//' %t/spellings.ppar.c | FileCheck %s
// RUN: %cc_ppar -std=c23 -fsyntax-only -Xclang -ast-dump %s | FileCheck %s --check-prefix=AST
#include <ppar.h>

// CHECK-LABEL: static void __ppar_cpu_by_macro(double *x, int n); PPAR_JIT(parallel)
PPAR_JIT(parallel)
void by_macro(double *x, int n) {
  PPAR_PRANGE
  for (int i = 0; i < n; i++) x[i] = 1;
}
// CHECK: _Pragma("omp parallel for {{.*}}") for (int i = 0; i < n; i++) x[i] = 1;

// CHECK-LABEL: static void __ppar_cpu_by_attribute(double *x, int n); {{\[\[}}ppar::jit("parallel")]] void by_attribute(double *x, int n) {
[[ppar::jit("parallel")]] void by_attribute(double *x, int n) {
  [[ppar::prange]] for (int i = 0; i < n; i++) x[i] = 2;
}
// CHECK: _Pragma("omp parallel for {{.*}}") {{\[\[}}ppar::prange]] for (int i = 0; i < n; i++) x[i] = 2;

// CHECK-LABEL: static void __ppar_cpu_by_gnu_attribute(double *x, int n);   __attribute__((ppar_jit("parallel")))
  __attribute__((ppar_jit("parallel")))
void by_gnu_attribute(double *x, int n) {
  __attribute__((ppar_prange)) for (int i = 0; i < n; i++) x[i] = 3;
}
// CHECK: _Pragma("omp parallel for {{.*}}") __attribute__((ppar_prange)) for (int i = 0; i < n; i++) x[i] = 3;

// AST-LABEL: FunctionDecl {{.*}} by_macro 'void (double *, int)'
// AST: AnnotateAttr {{.*}} "ppar.jit(parallel)"
// AST-LABEL: FunctionDecl {{.*}} by_attribute 'void (double *, int)'
// AST: AnnotateAttr {{.*}} "ppar.jit(parallel)"
// AST-LABEL: FunctionDecl {{.*}} by_gnu_attribute 'void (double *, int)'
// AST: AnnotateAttr {{.*}} "ppar.jit(parallel)"
