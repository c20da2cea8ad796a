/*
 * abi_gpu_raw.c - what raw kernels (jit(kernel)) need of the runtime beyond
 * the GPU call protocol (ppar_rt_abi.h, "GPU kernels"; the block launch and
 * the resident data of a pointer without clause are in abi_gpu_call.c).
 */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "ppar_rt_abi.h"

#include "error.h"
#include "visibility.h"

PPAR_ABI _Noreturn void __ppar_rt_raw_needs_gpu(struct __ppar_rt_fn *fn) {
  __ppar_die("%s (%s:%u): the kernel uses block barriers "
             "(ppar_syncthreads) or block shared memory (PPAR_SHARED), which "
             "only a GPU has, and no GPU runs it here (no device, "
             "PPAR_TARGET=cpu or PPAR_DISABLE_JIT)",
             fn->name, fn->file, fn->line);
}
