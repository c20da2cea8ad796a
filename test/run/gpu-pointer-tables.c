// target=cuda on Rodinia backprop's layer-forward and adjust-weights pair.
// With the weights as a table of row pointers (`float **w; w[k][j]`) the
// GPU variant used to copy `&w[0][1] .. &w[n1][n2]` as one block, as if the
// rows were contiguous, and its kernels followed the host's row pointers.
// Such a function now stays on the CPU (and a loop writing through the
// table stays serial) and the report says why; the same
// pair over one flat array, with backprop's comments in its loops (which
// used to garble the launch text: `serial` undeclared), runs on the GPU.
// Answers are the serial build's in every mode.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -lm -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %cc_plain -O2 %s -o %t.plain -lm
// RUN: %check_run %t.plain %t --rtol 1e-5
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-pointer-tables.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: not ls %t.d/gpu-pointer-tables.layerforward.cu %t.d/gpu-pointer-tables.adjust_weights.cu
//
// REPORT-DAG: warning: 'layerforward' runs on the CPU: the loop reads 'conn[k]' from memory, a pointer (or a struct holding one) that the host stored: a table of pointers such as 'rows[i][k]' need not point to one block of memory, and a kernel cannot follow the host's pointers
// REPORT-DAG: remark: loop not parallelised: reads 'oldw[k][j]' through the pointer 'oldw[k]', which the loop reads from memory, so ppar cannot tell what it points to
// REPORT-DAG: remark: no loop of 'adjust_weights' runs in parallel; it runs serially
// REPORT-DAG: warning: 'row_sums' runs on the CPU: 'row' is declared inside the statement at line [[#@LINE+49]] that holds a kernel
// REPORT-DAG: remark: 'layerforward_flat' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'adjust_weights_flat' runs its 1 parallel loop as CUDA kernels
//
// NVRTC-DAG: gpu-pointer-tables.layerforward_flat.cu: ok
// NVRTC-DAG: gpu-pointer-tables.adjust_weights_flat.cu: ok
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define ETA 0.3       // learning rate
#define MOMENTUM 0.3  // momentum

static inline float squash(float x) { return 1.0f / (1.0f + expf(-x)); }

#pragma ppar jit(parallel, target=cuda)
void layerforward(float *l1, float *l2, float **conn, int n1, int n2) {
  float sum;
  int j, k;
  /*** Set up thresholding unit ***/
  l1[0] = 1.0;
  /*** For each unit in second layer ***/
  for (j = 1; j <= n2; j++) {
    /*** Compute weighted sum of its inputs ***/
    sum = 0.0;
    for (k = 0; k <= n1; k++) {
      sum += conn[k][j] * l1[k];
    }
    l2[j] = squash(sum);
  }
}

#pragma ppar jit(parallel, target=cuda)
void adjust_weights(float *delta, int ndelta, float *ly, int nly, float **w, float **oldw) {
  float new_dw;
  int k, j;
  ly[0] = 1.0;
  for (j = 1; j <= ndelta; j++) {
    for (k = 0; k <= nly; k++) {
      new_dw = ((ETA * delta[j] * ly[k]) + (MOMENTUM * oldw[k][j]));
      w[k][j] += new_dw;
      oldw[k][j] = new_dw;
    }
  }
}

// The row pointer in a local of the loop body: still a pointer from memory.
#pragma ppar jit(parallel, target=cuda)
void row_sums(float **t, float *out, int m, int n) {
  for (int i = 0; i < m; i++) {
    float *row = t[i];
    float s = 0;
    for (int j = 0; j < n; j++)
      s += row[j];
    out[i] = s;
  }
}

// The same pair over one block: (n1 + 1) rows of (n2 + 1) weights.
#pragma ppar jit(parallel, target=cuda)
void layerforward_flat(float *l1, float *l2, float *conn, int n1, int n2) {
  float sum;
  int j, k;
  l1[0] = 1.0; /* thresholding unit */
  for (j = 1; j <= n2; j++) { // each unit of the second layer
    /*** Compute weighted sum of its inputs ***/
    sum = 0.0;
    for (k = 0; k <= n1; k++) {
      sum += conn[k * (n2 + 1) + j] * l1[k]; // weight times input
    }
    l2[j] = squash(sum);
    /* done */
  }
}

#pragma ppar jit(parallel, target=cuda)
void adjust_weights_flat(float *delta, int ndelta, float *ly, int nly,
                         float w[nly + 1][ndelta + 1], float oldw[nly + 1][ndelta + 1]) {
  float new_dw;
  int k, j;
  ly[0] = 1.0;
  //eta = 0.3;
  //momentum = 0.3;
  for (j = 1; j <= ndelta; j++) {
    for (k = 0; k <= nly; k++) {
      new_dw = ((ETA * delta[j] * ly[k]) + (MOMENTUM * oldw[k][j]));
      w[k][j] += new_dw;
      oldw[k][j] = new_dw;
    }
  }
}

static float **alloc2d(int m, int n) {
  float **t = malloc((m + 1) * sizeof *t);
  for (int i = 0; i <= m; i++) {
    t[i] = malloc((n + 1) * sizeof **t);
    for (int j = 0; j <= n; j++)
      t[i][j] = 0.01f * ((i * 7 + j * 3) % 11);
  }
  return t;
}

static float *flat(float **t, int m, int n) {
  float *f = malloc((m + 1) * (n + 1) * sizeof *f);
  for (int i = 0; i <= m; i++)
    for (int j = 0; j <= n; j++)
      f[i * (n + 1) + j] = t[i][j];
  return f;
}

int main(void) {
  int n1 = 40, n2 = 16;
  float *l1 = malloc((n1 + 1) * sizeof *l1), *l2 = malloc((n2 + 1) * sizeof *l2);
  float *delta = malloc((n2 + 1) * sizeof *delta), *sums = malloc((n1 + 1) * sizeof *sums);
  for (int i = 0; i <= n1; i++)
    l1[i] = 0.1f * (i % 5);
  for (int i = 0; i <= n2; i++)
    delta[i] = 0.05f * (i % 3) - 0.02f;
  float **w = alloc2d(n1, n2), **oldw = alloc2d(n1, n2);
  float *wf = flat(w, n1, n2), *oldwf = flat(oldw, n1, n2);
  for (int pass = 0; pass < 2; pass++) {
    layerforward(l1, l2, w, n1, n2);
    adjust_weights(delta, n2, l1, n1, w, oldw);
  }
  double s = 0;
  for (int j = 1; j <= n2; j++)
    s += l2[j];
  printf("table: %.5f %.5f %.5f\n", s, w[3][4], oldw[n1][n2]);
  for (int pass = 0; pass < 2; pass++) {
    layerforward_flat(l1, l2, wf, n1, n2);
    adjust_weights_flat(delta, n2, l1, n1, (float (*)[n2 + 1])wf, (float (*)[n2 + 1])oldwf);
  }
  s = 0;
  for (int j = 1; j <= n2; j++)
    s += l2[j];
  printf("flat: %.5f %.5f %.5f\n", s, wf[3 * (n2 + 1) + 4], oldwf[n1 * (n2 + 1) + n2]);
  row_sums(w, sums, n1 + 1, n2 + 1);
  printf("rows: %.5f %.5f\n", sums[0], sums[n1]);
  return 0;
}
