/*
 * abi_dispatch.c - which variant an annotated function runs, and with how many
 * threads. Called by plugin-generated code (ppar_rt_abi.h).
 */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"
#include "ppar_rt_abi.h"

#include "config.h"
#include "cuda_driver.h"
#include "error.h"
#include "record.h"
#include "visibility.h"

#include <stddef.h>
#include <stdio.h>

/* fn->state: 0 = not decided yet, else 1 + the variant chosen. The decision
 * depends only on the settings and on fn's constant fields, so threads that
 * race on the first call compute the same answer; the one whose
 * compare-and-swap publishes it logs it, so it is logged once. */

static const char *or_unknown(const char *s) { return s ? s : "?"; }

/* The "no CUDA device" line of a function that asked for the GPU is
 * printed once per process, for the first such function: the cause is the
 * machine's, and the same for every function. */
static int told_no_device; /* atomic */

/* The CUDA variant when fn may run on the GPU under the settings and a
 * device exists; -1 to go on with the CPU rules. Dies under PPAR_TARGET=cuda
 * when that is impossible. */
static int decide_cuda(const struct __ppar_rt_fn *fn,
                       const struct __ppar_config *cfg, const char **why) {
  int has_cuda = (fn->variants & (1u << __PPAR_RT_CUDA)) != 0;
  if (cfg->target == __PPAR_TARGET_CPU)
    return -1;
  if (cfg->target == __PPAR_TARGET_CUDA) {
    if (!has_cuda)
      __ppar_die("%s (%s:%u): PPAR_TARGET=cuda but no CUDA version of this "
                 "function was generated; annotate it with jit(parallel, "
                 "target=cuda) or unset PPAR_TARGET",
                 or_unknown(fn->name), or_unknown(fn->file), fn->line);
    if (__ppar_cu_device_count() == 0)
      __ppar_die("%s (%s:%u): no CUDA device (%s); PPAR_TARGET=cuda forbids "
                 "running on the CPU: unset it to fall back",
                 or_unknown(fn->name), or_unknown(fn->file), fn->line,
                 __ppar_cu_why_none());
  } else if (!has_cuda || fn->target == __PPAR_RT_TARGET_CPU) {
    return -1;
  } else if (__ppar_cu_device_count() == 0) {
    if (fn->target == __PPAR_RT_TARGET_CUDA &&
        !__atomic_exchange_n(&told_no_device, 1, __ATOMIC_ACQ_REL)) {
      fflush(stdout);
      __ppar_note("%s (%s:%u): no CUDA device (%s); running on the CPU",
                  or_unknown(fn->name), or_unknown(fn->file), fn->line,
                  __ppar_cu_why_none());
    }
    *why = " (no CUDA device)";
    return -1;
  }
  /* The plugin's checking variant runs on the CPU: PPAR_CHECK checks the
   * parallel loops there rather than the kernels (docs/gpu-runtime.md). */
  if (cfg->check && (fn->variants & (1u << __PPAR_RT_CHECK)))
    return -1;
  *why = "";
  return __PPAR_RT_CUDA;
}

/* The variant fn runs under the current settings; *why is "" or says why,
 * for the log. Dies when the settings ask for a variant that was not
 * generated. */
static int decide(const struct __ppar_rt_fn *fn,
                  const struct __ppar_config *cfg, const char **why) {
  if (cfg->disable_jit) {
    *why = " (PPAR_DISABLE_JIT is set)";
    return __PPAR_RT_SERIAL;
  }
  const char *no_gpu = "";
  *why = "";
  int cuda = decide_cuda(fn, cfg, why);
  if (cuda >= 0)
    return cuda;
  no_gpu = *why;
  if (cfg->check && (fn->variants & (1u << __PPAR_RT_CHECK))) {
    *why = fn->variants & (1u << __PPAR_RT_CUDA)
               ? " (PPAR_CHECK: with a GPU, the GPU version is compared with "
                 "the serial run; without one, each parallel loop)"
               : " (PPAR_CHECK: each parallel loop is compared with its serial run)";
    return __PPAR_RT_CHECK;
  }
  if (fn->variants & (1u << __PPAR_RT_CPU)) {
    *why = no_gpu;
    return __PPAR_RT_CPU;
  }
  *why = no_gpu[0] ? " (no CUDA device, and no multi-core version was "
                     "generated)"
                   : " (no multi-core version was generated)";
  return __PPAR_RT_SERIAL;
}

static const char *variant_name(int variant) {
  switch (variant) {
  case __PPAR_RT_SERIAL:
    return "serial";
  case __PPAR_RT_CUDA:
    return "CUDA";
  default:
    return "multi-core";
  }
}

/* The first call for fn, or a call that raced with it. Kept out of line so
 * that the fast path stays a load, a compare and a return. */
__attribute__((noinline)) static int choose_first(struct __ppar_rt_fn *fn) {
  if (!fn)
    __ppar_die("internal error: __ppar_rt_choose called with no function "
               "descriptor; the plugin generated bad code, please report it");
  const char *why;
  int variant = decide(fn, __ppar_config(), &why);
  int expected = 0;
  if (__atomic_compare_exchange_n(&fn->state, &expected, variant + 1,
                                  /*weak=*/0, __ATOMIC_ACQ_REL,
                                  __ATOMIC_ACQUIRE))
    __ppar_log(__PPAR_LOG_DECISIONS, "%s (%s:%u): running the %s version%s",
               or_unknown(fn->name), or_unknown(fn->file), fn->line,
               variant_name(variant), why);
  return variant;
}

/* A function that runs on the CPU while a step is recorded: its work would
 * be missing from the replayed graph (record.h). */
__attribute__((noinline)) static int on_cpu_recording(struct __ppar_rt_fn *fn,
                                                      int variant) {
  if (variant != __PPAR_RT_CUDA)
    __ppar_record_interrupt(NULL, or_unknown(fn->name), fn->file, fn->line,
                            "runs on the CPU");
  return variant;
}

PPAR_ABI int __ppar_rt_choose(struct __ppar_rt_fn *fn) {
  /* fn->state is a plain int in the ABI (generated code only zero-fills
   * it); the __atomic builtins make every access to it atomic. */
  int state = fn ? __atomic_load_n(&fn->state, __ATOMIC_ACQUIRE) : 0;
  int variant = __builtin_expect(state > 0, 1) ? state - 1 : choose_first(fn);
  if (__ppar_record_any())
    return on_cpu_recording(fn, variant);
  return variant;
}

PPAR_ABI int __ppar_rt_num_threads(void) {
  return __ppar_config()->num_threads;
}
