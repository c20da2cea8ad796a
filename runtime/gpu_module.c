/*
 * gpu_module.c - a GPU variant's kernels on a device: compiled (or found in
 * the disk cache) and loaded once per device per process.
 *
 * struct __ppar_rt_module is a static object of the user's translation
 * unit; its `state` points to a struct mstate created on the first call,
 * with one slot per device. A slot goes from untried to ready or failed
 * once, under the module's mutex, so two threads never compile the same
 * module twice; afterwards begin reads the slot with one atomic load.
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "gpu_module.h"

#include "ppar_rt_abi.h"

#include "config.h"
#include "cuda_driver.h"
#include "error.h"
#include "kcache.h"
#include "nvrtc.h"
#include "trace.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { SLOT_UNTRIED = 0, SLOT_READY = 1, SLOT_FAILED = 2 };

struct slot {
  int status; /* SLOT_*, atomic */
  struct __ppar_gpu_loaded loaded;
};

struct mstate {
  pthread_mutex_t mu;
  int reported;  /* the module's failure line was printed; atomic */
  char *kernels; /* "k0, k1", for the trace; lives as long as the process */
  int ndev;
  struct slot slots[];
};

static const char *or_unknown(const char *s) { return s ? s : "?"; }

/* ---- Reporting ---------------------------------------------------------- */

void __ppar_gpu_report(const struct __ppar_rt_module *m, int fatal,
                       const char *fmt, ...) {
  char cause[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(cause, sizeof cause, fmt, ap);
  va_end(ap);
  const char *name = m ? or_unknown(m->name) : "?";
  const char *file = m ? or_unknown(m->file) : "?";
  unsigned line = m ? m->line : 0;
  /* PPAR_TARGET=cuda means "the GPU or nothing" (SPEC principle 4). */
  if (__ppar_config()->target == __PPAR_TARGET_CUDA)
    __ppar_die("%s (%s:%u): %s (PPAR_TARGET=cuda: not running it on the "
               "CPU)",
               name, file, line, cause);
  if (fatal)
    __ppar_die("%s (%s:%u): %s", name, file, line, cause);
  fflush(stdout); /* keep the user's output before the line */
  __ppar_note("%s (%s:%u): %s; running the CPU version", name, file, line,
              cause);
}

/* ---- Loading ------------------------------------------------------------ */

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* "k0, k1, ..." of m, malloc'ed; NULL when memory runs out. */
static char *kernel_list(const struct __ppar_rt_module *m) {
  size_t n = 1;
  for (int i = 0; i < m->nkernels; i++)
    n += strlen(m->kernels[i]) + 2;
  char *s = malloc(n);
  if (!s)
    return NULL;
  s[0] = '\0';
  for (int i = 0; i < m->nkernels; i++) {
    if (i)
      strcat(s, ", ");
    strcat(s, m->kernels[i]);
  }
  return s;
}

/* The module's state, created by the first caller (the loser of a race
 * frees its copy). NULL when memory runs out. */
static struct mstate *state_of(struct __ppar_rt_module *m) {
  struct mstate *s = __atomic_load_n((struct mstate **)&m->state,
                                     __ATOMIC_ACQUIRE);
  if (s)
    return s;
  int ndev = __ppar_cu_device_count();
  s = calloc(1, sizeof *s + (size_t)ndev * sizeof s->slots[0]);
  if (!s)
    return NULL;
  pthread_mutex_init(&s->mu, NULL);
  s->ndev = ndev;
  struct mstate *expected = NULL;
  if (!__atomic_compare_exchange_n((struct mstate **)&m->state, &expected, s,
                                   0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    pthread_mutex_destroy(&s->mu);
    free(s);
    return expected;
  }
  return s;
}

/* The image for d: from the disk cache when the module asks for it and an
 * entry is there, else compiled by NVRTC (and stored). */
static int get_image(const struct __ppar_rt_module *m, struct mstate *s,
                     const struct __ppar_gpu_device *d, int skip_cache,
                     void **image, size_t *size) {
  int use_cache = (m->flags & __PPAR_RT_MODULE_CACHE) != 0;
  int mode = __PPAR_NVRTC_CUBIN |
             (m->flags & __PPAR_RT_MODULE_FASTMATH ? __PPAR_NVRTC_FAST_MATH : 0);
  struct __ppar_kcache_key key;
  char nvrtc_id[4200];
  if (use_cache) {
    /* The key names NVRTC by its library file, without loading it: a hit
     * never loads NVRTC (nvrtc_find.c). */
    double hit0 = now_ms();
    int rc = __ppar_nvrtc_identity(nvrtc_id, sizeof nvrtc_id, 0);
    if (rc != PPAR_OK)
      return rc;
    __ppar_kcache_key_make(&key, m->source, __ppar_nvrtc_options_text(),
                           nvrtc_id, d->cc_major, d->cc_minor, mode);
    double t0 = __ppar_trace_gpu_on() ? __ppar_trace_clock() : 0;
    if (!skip_cache && __ppar_kcache_load(NULL, &key, image, size) == PPAR_OK) {
      if (__ppar_trace_gpu_on())
        __ppar_trace_gpu("compile", "cache hit", m->name, s->kernels,
                         d->ordinal, t0, __ppar_trace_clock(), -1);
      __ppar_log(__PPAR_LOG_DECISIONS,
                 "%s (%s:%u): kernels loaded from cache in %.1f ms for sm_%d%d",
                 or_unknown(m->name), or_unknown(m->file), m->line,
                 now_ms() - hit0, d->cc_major, d->cc_minor);
      return PPAR_OK;
    }
  }
  double t0 = now_ms();
  double tt0 = __ppar_trace_gpu_on() ? __ppar_trace_clock() : 0;
  int rc = __ppar_nvrtc_compile(m->source, m->name, d->cc_major, d->cc_minor,
                                mode, image, size, NULL);
  if (rc != PPAR_OK)
    return rc;
  if (__ppar_trace_gpu_on())
    __ppar_trace_gpu("compile", "compile", m->name, s->kernels, d->ordinal,
                     tt0, __ppar_trace_clock(), -1);
  __ppar_log(__PPAR_LOG_DECISIONS,
             "%s (%s:%u): kernel compiled in %.1f ms for sm_%d%d",
             or_unknown(m->name), or_unknown(m->file), m->line,
             now_ms() - t0, d->cc_major, d->cc_minor);
  if (use_cache) {
    /* Stored under the library that compiled it: should the loader have
     * picked another file than the one predicted, the entry still names
     * the compiler that made it (and the prediction just misses). */
    char used[sizeof nvrtc_id];
    if (__ppar_nvrtc_identity(used, sizeof used, 1) == PPAR_OK &&
        strcmp(used, nvrtc_id) != 0) {
      __ppar_log(__PPAR_LOG_DECISIONS,
                 "kernel cache: NVRTC was loaded from another file than "
                 "predicted (%s, not %s); storing under the loaded one",
                 used, nvrtc_id);
      __ppar_kcache_key_make(&key, m->source, __ppar_nvrtc_options_text(),
                             used, d->cc_major, d->cc_minor, mode);
    }
    __ppar_kcache_store(NULL, &key, *image, *size); /* failure: harmless */
  }
  return PPAR_OK;
}

/* Load m on device ordinal into slot. ppar_last_error says why not. */
static int load(const struct __ppar_rt_module *m, struct mstate *s,
                int ordinal, struct slot *slot) {
  if (!m->source || !m->name || m->nkernels < 1 || !m->kernels)
    return __ppar_set_error(PPAR_EINVAL, "the module has no source or no "
                                         "kernels (bad generated code)");
  if (!s->kernels && !(s->kernels = kernel_list(m)))
    return __ppar_set_error(PPAR_ENOMEM, "out of memory");
  const struct __ppar_gpu_device *d = __ppar_gpu_device(ordinal);
  if (!d)
    return PPAR_ENODEV;
  int rc = __ppar_gpu_make_current(d);
  if (rc != PPAR_OK)
    return rc;
  const struct __ppar_cu_api *cu = __ppar_cu();
  __ppar_cu_result cr = __PPAR_CU_SUCCESS;
  for (int attempt = 0; attempt < 2; attempt++) {
    void *image = NULL;
    size_t size = 0;
    if ((rc = get_image(m, s, d, attempt > 0, &image, &size)) != PPAR_OK)
      return rc;
    cr = cu->module_load_data(&slot->loaded.mod, image);
    free(image);
    /* A cached image the driver refuses is compiled afresh, once. */
    if (cr == __PPAR_CU_SUCCESS || !(m->flags & __PPAR_RT_MODULE_CACHE))
      break;
  }
  if (cr != __PPAR_CU_SUCCESS) {
    char err[200];
    return __ppar_set_error(__ppar_cu_code(cr),
                            "cuModuleLoadData on device %d failed: %s",
                            ordinal, __ppar_cu_strerror(cr, err, sizeof err));
  }
  slot->loaded.fns = calloc((size_t)m->nkernels, sizeof *slot->loaded.fns);
  if (!slot->loaded.fns)
    return __ppar_set_error(PPAR_ENOMEM, "out of memory");
  for (int i = 0; i < m->nkernels; i++) {
    cr = cu->module_get_function(&slot->loaded.fns[i], slot->loaded.mod,
                                 m->kernels[i]);
    if (cr != __PPAR_CU_SUCCESS) {
      char err[200];
      return __ppar_set_error(__ppar_cu_code(cr),
                              "kernel %s is not in the compiled module: "
                              "cuModuleGetFunction failed: %s",
                              or_unknown(m->kernels[i]),
                              __ppar_cu_strerror(cr, err, sizeof err));
    }
  }
  slot->loaded.nkernels = m->nkernels;
  slot->loaded.sms = d->sms;
  slot->loaded.overlap_launch =
      __ppar_config()->gpu_pdl && cu->launch_kernel_ex && d->cc_major >= 9 &&
      m->source && strstr(m->source, "__ppar_kernel_entry();");
  return PPAR_OK;
}

/* Print the module's failure line, once per module. */
static void report_once(const struct __ppar_rt_module *m, struct mstate *s,
                        const char *cause) {
  if (s && __atomic_exchange_n(&s->reported, 1, __ATOMIC_ACQ_REL))
    return;
  __ppar_gpu_report(m, 0, "cannot run on the GPU: %s", cause);
}

__attribute__((noinline)) static const struct __ppar_gpu_loaded *
load_slow(struct __ppar_rt_module *m, int ordinal) {
  struct mstate *s = state_of(m);
  if (!s) {
    report_once(m, NULL, "out of memory");
    return NULL;
  }
  if (s->ndev == 0) {
    char why[400];
    snprintf(why, sizeof why, "no CUDA device (%s)", __ppar_cu_why_none());
    report_once(m, s, why);
    return NULL;
  }
  if (ordinal < 0 || ordinal >= s->ndev) { /* ppar_set_device prevents it */
    report_once(m, s, "the current device does not exist");
    return NULL;
  }
  struct slot *slot = &s->slots[ordinal];
  pthread_mutex_lock(&s->mu);
  int status = slot->status;
  if (status == SLOT_UNTRIED) {
    status = load(m, s, ordinal, slot) == PPAR_OK ? SLOT_READY : SLOT_FAILED;
    __atomic_store_n(&slot->status, status, __ATOMIC_RELEASE);
    if (status == SLOT_FAILED) {
      /* Printed while holding the mutex, so that threads waiting for this
       * module see the line before they return. */
      char cause[512];
      snprintf(cause, sizeof cause, "%s", __ppar_last_cause());
      report_once(m, s, cause);
    }
  }
  pthread_mutex_unlock(&s->mu);
  return status == SLOT_READY ? &slot->loaded : NULL;
}

const struct __ppar_gpu_loaded *
__ppar_gpu_module_get(struct __ppar_rt_module *m, int ordinal) {
  struct mstate *s =
      __atomic_load_n((struct mstate **)&m->state, __ATOMIC_ACQUIRE);
  if (__builtin_expect(s != NULL && ordinal < s->ndev, 1)) {
    int status = __atomic_load_n(&s->slots[ordinal].status, __ATOMIC_ACQUIRE);
    if (status == SLOT_READY)
      return &s->slots[ordinal].loaded;
    if (status == SLOT_FAILED)
      return NULL;
  }
  return load_slow(m, ordinal);
}
