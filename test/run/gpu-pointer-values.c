// target=cuda on loops that use pointers as values, as csmith programs do
// everywhere: a loop that only copies or stores a pointer, or compares it
// with null, needs its value, not its memory, and gets the host's value (it
// used to stop with an error asking for a data clause of a pointer it never
// follows); a loop that follows it (`p[idx[i]]`) still needs p's memory. A
// loop that stores a GPU address where the host sees it (`out[i] = &a[i]`
// of an array on the GPU) stays on the CPU: the host used to get the
// device's address. C's implicit
// conversions that C++ lacks (NULL, `(void *)0`, to another pointer type; an
// integer to an enum) are explicit casts in the kernel, so NVRTC compiles
// it. Answers are the serial build's.
//
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O2 %s -o %t %link_rt -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s --check-prefix=REPORT < %t.report
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-pointer-values.*.cu | FileCheck %s --check-prefix=NVRTC %}
// RUN: FileCheck %s --check-prefix=KERNEL < %t.d/gpu-pointer-values.store.cu
// RUN: %cc_plain -O2 %s -o %t.plain
// RUN: %check_run %t.plain %t
// RUN: not %cc_ppar -fsyntax-only -DFOLLOWED %s 2>&1 | FileCheck %s --check-prefix=FOLLOWED
//
// REPORT-DAG: remark: 'store' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'nulls' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: remark: 'colours' runs its 1 parallel loop as CUDA kernels
// REPORT-DAG: warning: 'addresses' runs on the CPU: the loop stores the pointer '&a[i]' where the host sees it, and in a kernel it would be a GPU address
// REPORT-NOT: error
// KERNEL: __global__ void __ppar_k_store_0({{.*}}int *p, int *restrict *restrict out, int *restrict same)
// NVRTC-DAG: gpu-pointer-values.store.cu: ok
// NVRTC-DAG: gpu-pointer-values.nulls.cu: ok
// NVRTC-DAG: gpu-pointer-values.colours.cu: ok
// FOLLOWED: error: ppar cannot tell which elements of 'p' the loop at line {{[0-9]+}} touches
#include <stddef.h>
#include <stdio.h>

static int g[4] = {1, 2, 3, 4};

// p is copied, compared and stored; never followed.
#pragma ppar jit(parallel, target=cuda)
static int store(int *p, int *restrict out[restrict 8], int same[restrict 8]) {
  int *q = NULL;
  for (int i = 0; i < 8; i++) {
    q = p;
    out[i] = p + (i % 2);
    same[i] = (p != NULL) + !q;
  }
  return q == p;
}

#pragma ppar jit(parallel, target=cuda)
static void nulls(int *out[8], long *wide[8]) {
  for (int i = 0; i < 8; i++) {
    out[i] = NULL;
    wide[i] = (void *)0;
  }
}

enum colour { RED, GREEN, BLUE };
#pragma ppar jit(parallel, target=cuda)
static void colours(enum colour c[6]) {
  for (int i = 0; i < 6; i++)
    c[i] = i % 3;
}

#pragma ppar jit(parallel, target=cuda)
static void addresses(int a[restrict 8], int *out[restrict 8]) {
  for (int i = 0; i < 8; i++) {
    a[i] = i;
    out[i] = &a[i];
  }
}

#ifdef FOLLOWED
#pragma ppar jit(parallel, target=cuda)
static void followed(const int *p, const int *idx, int out[restrict 8]) {
  for (int i = 0; i < 8; i++)
    out[i] = p[idx[i]];
}
#endif

int main(void) {
  int *out[8], same[8];
  long *wide[8];
  enum colour c[6];
  int r = store(g, out, same);
  printf("%d", r);
  for (int i = 0; i < 8; i++)
    printf(" %d:%d", (int)(out[i] - g), same[i]);
  int a[8];
  addresses(a, out);
  for (int i = 0; i < 8; i++)
    printf(" %d", *out[i] + (int)(out[i] - a));
  nulls(out, wide);
  colours(c);
  for (int i = 0; i < 8; i++)
    printf(" %d%d", out[i] == NULL, wide[i] == NULL);
  for (int i = 0; i < 6; i++)
    printf(" %d", c[i]);
  printf("\n");
  return 0;
}
