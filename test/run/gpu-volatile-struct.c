// target=cuda: a kernel that assigns a struct to a volatile one, or reads
// one (the right of an assignment, an initialiser, an argument). C copies it
// member by member; CUDA C++ has no assignment or copy constructor for a
// volatile struct, so NVRTC rejected the kernel. The kernel copies
// through plain references now: it compiles, and the answers are the
// serial build's.
// RUN: rm -rf %t.d
// RUN: %cc_ppar -O1 %s -o %t %link_rt -fplugin-arg-ppar-emit=%t.d -fplugin-arg-ppar-report 2> %t.report
// RUN: FileCheck %s < %t.report
// RUN: %cc_plain -O1 -Wno-unknown-pragmas %s -o %t.plain
// RUN: %check_run %t.plain %t
// RUN: %if nvrtc %{ %nvrtc_check %t.d/gpu-volatile-struct.*.cu | FileCheck %s --check-prefix=NVRTC %}
// CHECK: remark: 'copy' runs its 1 parallel loop as CUDA kernels
// NVRTC: gpu-volatile-struct.copy.cu: ok
#include <stdio.h>

struct S1 { int f0; int f1 : 12; unsigned f3 : 12; };

static inline int weight(struct S1 s) { return s.f0 + s.f1; }

#pragma ppar jit(parallel, target=cuda)
void copy(int n, struct S1 *out, const struct S1 *in) {
  for (int i = 0; i < n; i++) {
    volatile struct S1 v;
    v = in[i];
    v.f1 += 1;
    struct S1 w = v;
    w.f0 += weight(v);
    out[i] = w;
  }
}

int main(void) {
  enum { N = 1000 };
  static struct S1 in[N], out[N];
  for (int i = 0; i < N; i++)
    in[i] = (struct S1){i, i % 100, (unsigned)i * 3};
  copy(N, out, in);
  long s = 0;
  for (int i = 0; i < N; i++)
    s += out[i].f0 + out[i].f1 * 7 + out[i].f3 * 13;
  printf("%ld\n", s);
  return 0;
}
