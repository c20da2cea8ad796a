/*
 * cuda_driver.c - the CUDA driver API, loaded with dlopen, and the devices.
 *
 * libcuda.so.1 is opened once per process and every entry point the GPU
 * engine uses is looked up into one table (struct __ppar_cu_api), so a
 * binary has no link-time dependency on CUDA and runs where there is no
 * driver (SPEC principle 4). Each device is used through its primary
 * context, the one the CUDA runtime API and other libraries share.
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "cuda_driver.h"

#include "error.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t probe_once = PTHREAD_ONCE_INIT;
static struct __ppar_cu_api api;
static int device_count;    /* devices the driver reports, 0 on any failure */
static char no_device[320]; /* why device_count is 0, for messages          */

/* Per device: filled on the first use (primary context retained). */
static struct __ppar_gpu_device *devices; /* device_count entries */
static pthread_mutex_t devices_mu = PTHREAD_MUTEX_INITIALIZER;

/* The context this thread made current last, to skip cuCtxSetCurrent. */
static _Thread_local __ppar_cu_context current_ctx;

const char *__ppar_cu_strerror(__ppar_cu_result rc, char *buf, size_t size) {
  const char *name = NULL, *text = NULL;
  if (api.get_error_name)
    api.get_error_name(rc, &name);
  if (api.get_error_string)
    api.get_error_string(rc, &text);
  if (name && text)
    snprintf(buf, size, "%s (%d): %s", name, rc, text);
  else if (name)
    snprintf(buf, size, "%s (%d)", name, rc);
  else
    snprintf(buf, size, "CUDA error %d", rc);
  return buf;
}

int __ppar_cu_code(__ppar_cu_result rc) {
  return rc == __PPAR_CU_ERROR_OUT_OF_MEMORY ? PPAR_ENOMEM : PPAR_EDRIVER;
}

int __ppar_cu_fail(__ppar_cu_result rc, const char *what) {
  char err[200];
  return __ppar_set_error(__ppar_cu_code(rc), "%s failed: %s", what,
                          __ppar_cu_strerror(rc, err, sizeof err));
}

/* ---- Loading ------------------------------------------------------------ */

/* Look every entry point up; the name of the first one missing, or NULL.
 * The _v2 names are the ones cuda.h maps the plain names to (64-bit sizes
 * and pointers); the unsuffixed symbols are older ABIs kept for old
 * binaries. */
static const char *bind(void *lib) {
#define BIND(field, symbol)                                                    \
  if (!(api.field = (__typeof__(api.field))dlsym(lib, symbol)))               \
    return symbol;
  BIND(init, "cuInit")
  BIND(get_error_name, "cuGetErrorName")
  BIND(get_error_string, "cuGetErrorString")
  BIND(device_get_count, "cuDeviceGetCount")
  BIND(device_get, "cuDeviceGet")
  BIND(device_get_attribute, "cuDeviceGetAttribute")
  BIND(device_get_name, "cuDeviceGetName")
  BIND(primary_ctx_retain, "cuDevicePrimaryCtxRetain")
  BIND(ctx_set_current, "cuCtxSetCurrent")
  BIND(ctx_get_current, "cuCtxGetCurrent")
  BIND(module_load_data, "cuModuleLoadData")
  BIND(module_get_function, "cuModuleGetFunction")
  BIND(launch_kernel, "cuLaunchKernel")
  BIND(mem_alloc, "cuMemAlloc_v2")
  BIND(mem_free, "cuMemFree_v2")
  BIND(mem_get_info, "cuMemGetInfo_v2")
  BIND(memcpy_htod, "cuMemcpyHtoD_v2")
  BIND(memcpy_dtoh, "cuMemcpyDtoH_v2")
  BIND(memcpy_htod_async, "cuMemcpyHtoDAsync_v2")
  BIND(memcpy_dtoh_async, "cuMemcpyDtoHAsync_v2")
  BIND(memcpy_dtod_async, "cuMemcpyDtoDAsync_v2")
  BIND(mem_alloc_host, "cuMemAllocHost_v2")
  BIND(mem_free_host, "cuMemFreeHost")
  BIND(mem_host_alloc, "cuMemHostAlloc")
  BIND(mem_host_register, "cuMemHostRegister_v2")
  BIND(mem_host_unregister, "cuMemHostUnregister")
  BIND(stream_create, "cuStreamCreate")
  BIND(stream_destroy, "cuStreamDestroy_v2")
  BIND(stream_synchronize, "cuStreamSynchronize")
  BIND(event_create, "cuEventCreate")
  BIND(event_destroy, "cuEventDestroy_v2")
  BIND(event_record, "cuEventRecord")
  BIND(event_synchronize, "cuEventSynchronize")
  BIND(stream_wait_event, "cuStreamWaitEvent")
#undef BIND
  /* Optional: without the capture calls a recording is replayed by running
   * it again; without cuLaunchKernelEx kernels never overlap their launch;
   * without the peer calls copies between devices go through the host. */
#define BIND_OPTIONAL(field, symbol)                                           \
  api.field = (__typeof__(api.field))dlsym(lib, symbol);
  BIND_OPTIONAL(stream_begin_capture, "cuStreamBeginCapture_v2")
  BIND_OPTIONAL(stream_end_capture, "cuStreamEndCapture")
  BIND_OPTIONAL(graph_instantiate, "cuGraphInstantiateWithFlags")
  BIND_OPTIONAL(graph_launch, "cuGraphLaunch")
  BIND_OPTIONAL(graph_exec_destroy, "cuGraphExecDestroy")
  BIND_OPTIONAL(graph_destroy, "cuGraphDestroy")
  BIND_OPTIONAL(launch_kernel_ex, "cuLaunchKernelEx")
  BIND_OPTIONAL(memcpy_peer_async, "cuMemcpyPeerAsync")
  BIND_OPTIONAL(ctx_enable_peer_access, "cuCtxEnablePeerAccess")
#undef BIND_OPTIONAL
  /* CUDA 12.8 added the _v2 name, same signature; older drivers lack it. */
  api.event_elapsed_time =
      (__typeof__(api.event_elapsed_time))dlsym(lib, "cuEventElapsedTime_v2");
  if (!api.event_elapsed_time &&
      !(api.event_elapsed_time = (__typeof__(api.event_elapsed_time))dlsym(
            lib, "cuEventElapsedTime")))
    return "cuEventElapsedTime";
  return NULL;
}

static void probe(void) {
  /* libcuda.so.1, the driver's soname. Never libcuda.so: on machines with
   * only the toolkit it is a stub whose cuInit always fails. */
  void *lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char *why = dlerror();
    snprintf(no_device, sizeof no_device,
             "the CUDA driver libcuda.so.1 could not be loaded: %s",
             why ? why : "unknown error");
    goto out;
  }
  const char *missing = bind(lib);
  if (missing) {
    snprintf(no_device, sizeof no_device,
             "libcuda.so.1 lacks %s (driver too old?)", missing);
    memset(&api, 0, sizeof api);
    goto out;
  }
  char err[200];
  __ppar_cu_result rc = api.init(0);
  if (rc != __PPAR_CU_SUCCESS) {
    /* AddressSanitizer's protected shadow gap covers the addresses the driver
     * wants to map, and cuInit then reports out of memory. */
    snprintf(no_device, sizeof no_device, "cuInit failed: %s%s",
             __ppar_cu_strerror(rc, err, sizeof err),
             rc == __PPAR_CU_ERROR_OUT_OF_MEMORY
                 ? "; under AddressSanitizer, set "
                   "ASAN_OPTIONS=protect_shadow_gap=0"
                 : "");
    goto out;
  }
  int count = 0;
  rc = api.device_get_count(&count);
  if (rc != __PPAR_CU_SUCCESS) {
    snprintf(no_device, sizeof no_device, "cuDeviceGetCount failed: %s",
             __ppar_cu_strerror(rc, err, sizeof err));
    goto out;
  }
  if (count <= 0) {
    snprintf(no_device, sizeof no_device, "the CUDA driver reports no device");
    goto out;
  }
  devices = calloc((size_t)count, sizeof *devices);
  if (!devices) {
    snprintf(no_device, sizeof no_device, "out of memory");
    goto out;
  }
  device_count = count;
  __ppar_log(__PPAR_LOG_DECISIONS, "%d CUDA device%s found", count,
             count == 1 ? "" : "s");
  return; /* the handle stays open for the process lifetime */
out:
  __ppar_log(__PPAR_LOG_DECISIONS, "no CUDA device: %s", no_device);
}

int __ppar_cu_device_count(void) {
  pthread_once(&probe_once, probe);
  return device_count;
}

const char *__ppar_cu_why_none(void) {
  pthread_once(&probe_once, probe);
  return no_device;
}

const struct __ppar_cu_api *__ppar_cu(void) {
  pthread_once(&probe_once, probe);
  return device_count > 0 ? &api : NULL;
}

/* ---- Devices ------------------------------------------------------------ */

/* Fill d for ordinal: attributes and the primary context. Under
 * devices_mu. */
static int open_device(struct __ppar_gpu_device *d, int ordinal) {
  __ppar_cu_result rc;
  if ((rc = api.device_get(&d->dev, ordinal)) != __PPAR_CU_SUCCESS)
    return __ppar_cu_fail(rc, "cuDeviceGet");
  struct {
    int *out;
    int attr;
  } attrs[] = {{&d->cc_major, __PPAR_CU_ATTR_CC_MAJOR},
               {&d->cc_minor, __PPAR_CU_ATTR_CC_MINOR},
               {&d->sms, __PPAR_CU_ATTR_SM_COUNT},
               {&d->sm_threads, __PPAR_CU_ATTR_SM_THREADS}};
  for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
    if ((rc = api.device_get_attribute(attrs[i].out, attrs[i].attr, d->dev)) !=
        __PPAR_CU_SUCCESS)
      return __ppar_cu_fail(rc, "cuDeviceGetAttribute");
  if (api.device_get_name(d->name, (int)sizeof d->name, d->dev) !=
      __PPAR_CU_SUCCESS)
    snprintf(d->name, sizeof d->name, "device %d", ordinal);
  /* Retained for the process lifetime: releasing it would destroy modules
   * and memory that other threads may still use. */
  if ((rc = api.primary_ctx_retain(&d->ctx, d->dev)) != __PPAR_CU_SUCCESS)
    return __ppar_cu_fail(rc, "cuDevicePrimaryCtxRetain");
  if (d->sms < 1)
    d->sms = 1;
  if (d->sm_threads < 1)
    d->sm_threads = 1;
  d->ordinal = ordinal;
  __ppar_log(__PPAR_LOG_DECISIONS,
             "device %d: %s, compute capability %d.%d, %d multiprocessors",
             ordinal, d->name, d->cc_major, d->cc_minor, d->sms);
  return PPAR_OK;
}

const struct __ppar_gpu_device *__ppar_gpu_device(int ordinal) {
  if (!__ppar_cu()) {
    __ppar_set_error(PPAR_ENODEV, "no CUDA device: %s", no_device);
    return NULL;
  }
  if (ordinal < 0 || ordinal >= device_count) {
    __ppar_set_error(PPAR_ENODEV, "no CUDA device %d", ordinal);
    return NULL;
  }
  struct __ppar_gpu_device *d = &devices[ordinal];
  if (__atomic_load_n(&d->ready, __ATOMIC_ACQUIRE))
    return d;
  pthread_mutex_lock(&devices_mu);
  int rc = d->ready ? PPAR_OK : open_device(d, ordinal);
  if (rc == PPAR_OK)
    __atomic_store_n(&d->ready, 1, __ATOMIC_RELEASE);
  pthread_mutex_unlock(&devices_mu);
  return rc == PPAR_OK ? d : NULL;
}

int __ppar_gpu_make_current(const struct __ppar_gpu_device *d) {
  /* Another library on this thread may have switched contexts since: ask
   * the driver (a thread-local read) instead of trusting current_ctx
   * alone. */
  __ppar_cu_context now = NULL;
  if (current_ctx == d->ctx && api.ctx_get_current(&now) == __PPAR_CU_SUCCESS &&
      now == d->ctx)
    return PPAR_OK;
  __ppar_cu_result rc = api.ctx_set_current(d->ctx);
  if (rc != __PPAR_CU_SUCCESS)
    return __ppar_cu_fail(rc, "cuCtxSetCurrent");
  current_ctx = d->ctx;
  return PPAR_OK;
}
