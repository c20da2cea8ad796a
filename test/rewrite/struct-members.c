// Loops over pointer members, as emitted: the CPU variant's run-time overlap
// check compares the bytes of two members (`y->v[0 .. n - 1]` against
// `x.v`'s), spelled as the host code spells them, a member through a
// pointer read only when the pointer is not null (the check comes before
// the loop, which may run no iteration); the GPU variant registers each
// member's range and passes the member's device address to the kernel,
// whose text names the parameter `__ppar_m_y_v` where the loop wrote `y->v`.
// RUN: rm -rf %t.d
// RUN: %cc_ppar -fsyntax-only -fplugin-arg-ppar-min-work=0 -fplugin-arg-ppar-emit=%t.d %s
// RUN: FileCheck %s --check-prefix=VARIANT < %t.d/struct-members.ppar.c
// RUN: FileCheck %s --check-prefix=KERNEL < %t.d/struct-members.axpy.cu
#include <ppar.h>

struct field {
  long n;
  double *v;
};

PPAR_JIT(parallel, target=cuda)
void axpy(long n, double a, struct field x, struct field *y) {
  for (long i = 0; i < n; i++)
    y->v[i] += a * x.v[i];
}
// VARIANT-LABEL: void __ppar_omp_axpy(
// VARIANT: __ppar_rt_disjoint(&(y ? y->v : 0)[0], &(y ? y->v : 0)[n - 1] + 1, &x.v[0], &x.v[n - 1] + 1)
// VARIANT-LABEL: void __ppar_cuda_axpy(
// VARIANT: __ppar_rt_gpu_data(__ppar_g, (const void *)&(y ? y->v : 0)[0], (const void *)(&(y ? y->v : 0)[n - 1] + 1), __PPAR_RT_ACCESS_READWRITE); __ppar_rt_gpu_data(__ppar_g, (const void *)&x.v[0]
// VARIANT: __ppar_rt_gpu_ptr(__ppar_g, (const void *)&(y ? y->v : 0)[0])
// KERNEL: __global__ void __ppar_k_axpy_0({{.*}}double *__ppar_m_y_v{{.*}}double *__ppar_m_x_v
// KERNEL: __ppar_m_y_v[i] += a * __ppar_m_x_v[i];
