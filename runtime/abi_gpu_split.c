/*
 * abi_gpu_split.c - one GPU call split across devices (ppar_rt_abi.h, "One
 * call split across devices"): the plugin's entry points, over
 * gpu_split.c.
 */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "ppar_rt_abi.h"

#include "gpu_split.h"
#include "visibility.h"

PPAR_ABI int __ppar_rt_gpu_parts(void) { return __ppar_split_parts(); }

PPAR_ABI int
__ppar_rt_gpu_split(struct __ppar_rt_module *m, long long n, long long total,
                    int (*fn)(void *, const struct __ppar_rt_gpu_part *),
                    void *env) {
  return __ppar_split_run(m, n, total, fn, env);
}
