/*
 * gpu_module.h - a module of generated kernels loaded on a device
 * (gpu_module.c): compiled with NVRTC or taken from the kernel cache, once
 * per module and device. Internal: nothing here is exported. See
 * docs/gpu-runtime.md.
 */
#ifndef PPAR_RT_GPU_MODULE_H
#define PPAR_RT_GPU_MODULE_H

#include "cuda_driver.h"
#include "visibility.h"

#include <stddef.h>
#include <stdint.h>

struct __ppar_rt_module; /* ppar_rt_abi.h */

/* A module loaded on one device. */
struct __ppar_gpu_loaded {
  __ppar_cu_module mod;
  __ppar_cu_function *fns; /* one per m->kernels[i] */
  int nkernels;
  int sms; /* the device's multiprocessors, for grid sizes */
  /* Its kernels may be launched before the kernel ahead of them in the
   * stream has finished (programmatic dependent launch): the device has it
   * (Hopper and later), the driver has cuLaunchKernelEx, PPAR_GPU_PDL is on
   * and every kernel of the source starts by waiting for its predecessor's
   * memory (__ppar_kernel_entry, passes/emit/cuda/KernelText.cpp). */
  int overlap_launch;
};

/* m loaded on device ordinal: the first time compiled (or taken from the
 * disk cache) and loaded, afterwards one atomic load. NULL when it cannot
 * run there; the reason was printed once for the module (or the program
 * ended, under PPAR_TARGET=cuda). Thread-safe. */
PPAR_INTERNAL const struct __ppar_gpu_loaded *
__ppar_gpu_module_get(struct __ppar_rt_module *m, int ordinal);

/* Print "ppar: f (x.c:12): <message>; running the CPU version" for m's
 * function; when fatal, or under PPAR_TARGET=cuda, end the program with
 * "ppar: error: f (x.c:12): <message>" instead. */
PPAR_INTERNAL void __ppar_gpu_report(const struct __ppar_rt_module *m,
                                     int fatal, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* PPAR_RT_GPU_MODULE_H */
