// Rows reached through a table of pointers (`float **rows; rows[i][k]`)
// may be anywhere, even the same memory for every i: no run-time check of
// the table's first and last elements can show them apart, so the loop
// stays serial. Here every row is the same one; a parallel loop would lose
// updates. Arrays of arrays (VLA parameters) are still one object.
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s < %t.report
// RUN: %cc_plain -O2 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
#include <stdio.h>
#include <stdlib.h>

#pragma ppar jit(parallel)
void acc(float **rows, const float *src, int n, int m) {
  // CHECK: wrong_rowptr_overlap_check.c:[[@LINE+1]]:3: remark: loop not parallelised: writes 'rows[i][k]' through the pointer 'rows[i]', which the loop reads from memory, so ppar cannot tell what it points to
  for (int i = 0; i < n; i++)
    for (int k = 0; k < m; k++)
      rows[i][k] += src[(long)i * m + k];
}

#pragma ppar jit(parallel)
void reads_rows(float **rows, float *out, int n, int m) {
  // Reading through the table while writing elsewhere is independent when
  // 'out' overlaps no row, which ppar cannot check: serial too.
  // CHECK: wrong_rowptr_overlap_check.c:[[@LINE+1]]:3: remark: loop not parallelised: reads 'rows[i][k]' through the pointer 'rows[i]', which the loop reads from memory, so ppar cannot tell what it points to
  for (int i = 0; i < n; i++)
    for (int k = 0; k < m; k++)
      out[i] += rows[i][k];
}

#pragma ppar jit(parallel)
void vla(int n, int m, float a[n][m], const float *src) {
  // CHECK: wrong_rowptr_overlap_check.c:[[@LINE+1]]:3: remark: loop parallelised
  for (int i = 0; i < n; i++)
    for (int k = 0; k < m; k++)
      a[i][k] += src[(long)i * m + k];
}

int main(void) {
  int n = 200000, m = 4;
  float *base = calloc(m, sizeof(float));
  float **rows = malloc(n * sizeof(float *));
  float *src = malloc((long)n * m * sizeof(float));
  float *out = calloc(n, sizeof(float));
  float (*a)[4] = calloc(n, sizeof *a);
  for (int i = 0; i < n; i++)
    rows[i] = base; /* every row is the same memory */
  for (long i = 0; i < (long)n * m; i++)
    src[i] = 1.0f;
  acc(rows, src, n, m);
  reads_rows(rows, out, n, m);
  vla(n, m, a, src);
  printf("%.1f %.1f %.1f %.1f %.1f %.1f\n", base[0], base[1], base[2], base[3],
         out[n - 1], a[n - 1][3]);
  return 0;
}
