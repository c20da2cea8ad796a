/*
 * device.c - GPUs: finding them, the current device, resident data.
 *
 * The CUDA driver is loaded with dlopen, so a binary has no link-time
 * dependency on CUDA and runs on machines without it (SPEC principle 4).
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "error.h"
#include "visibility.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/* The few driver API types this file needs; cuda.h is not a build
 * dependency. CUresult is an enum, passed as an int. */
typedef int cu_result;
enum { CU_SUCCESS = 0, CU_ERROR_OUT_OF_MEMORY = 2 };
typedef cu_result (*cu_init_fn)(unsigned int flags);
typedef cu_result (*cu_device_get_count_fn)(int *count);
typedef cu_result (*cu_get_error_name_fn)(cu_result error, const char **name);

static pthread_once_t probe_once = PTHREAD_ONCE_INIT;
static void *cuda_driver;   /* dlopen handle, kept for the process lifetime */
static int device_count;    /* devices the driver reports, 0 on any failure */
static char no_device[256]; /* why device_count is 0, for messages          */

/* Each thread has a current device, as in the CUDA runtime API; 0 until
 * ppar_set_device changes it. */
static _Thread_local int current_device;

/* "CUDA_ERROR_NO_DEVICE (100)", or just the number without cuGetErrorName. */
static const char *cu_error(cu_get_error_name_fn get_name, cu_result err,
                            char *buf, size_t size) {
  const char *name = NULL;
  if (get_name && get_name(err, &name) == CU_SUCCESS && name)
    snprintf(buf, size, "%s (%d)", name, err);
  else
    snprintf(buf, size, "error %d", err);
  return buf;
}

static void probe(void) {
  /* libcuda.so.1, the driver's soname. Never libcuda.so: on machines with
   * only the toolkit it is a stub whose cuInit always fails. */
  cuda_driver = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!cuda_driver) {
    const char *why = dlerror();
    snprintf(no_device, sizeof no_device,
             "the CUDA driver libcuda.so.1 could not be loaded: %s",
             why ? why : "unknown error");
    goto out;
  }
  cu_init_fn cu_init = (cu_init_fn)dlsym(cuda_driver, "cuInit");
  cu_device_get_count_fn cu_device_get_count =
      (cu_device_get_count_fn)dlsym(cuda_driver, "cuDeviceGetCount");
  cu_get_error_name_fn cu_get_error_name =
      (cu_get_error_name_fn)dlsym(cuda_driver, "cuGetErrorName");
  if (!cu_init || !cu_device_get_count) {
    snprintf(no_device, sizeof no_device,
             "libcuda.so.1 lacks cuInit or cuDeviceGetCount");
    goto out;
  }
  char err[96];
  cu_result rc = cu_init(0);
  if (rc != CU_SUCCESS) {
    /* AddressSanitizer's protected shadow gap covers the addresses the driver
     * wants to map, and cuInit then reports out of memory. */
    snprintf(no_device, sizeof no_device, "cuInit failed: %s%s",
             cu_error(cu_get_error_name, rc, err, sizeof err),
             rc == CU_ERROR_OUT_OF_MEMORY
                 ? "; under AddressSanitizer, set "
                   "ASAN_OPTIONS=protect_shadow_gap=0"
                 : "");
    goto out;
  }
  int count = 0;
  rc = cu_device_get_count(&count);
  if (rc != CU_SUCCESS) {
    snprintf(no_device, sizeof no_device, "cuDeviceGetCount failed: %s",
             cu_error(cu_get_error_name, rc, err, sizeof err));
    goto out;
  }
  if (count <= 0) {
    snprintf(no_device, sizeof no_device, "the CUDA driver reports no device");
    goto out;
  }
  device_count = count;
  __ppar_log(__PPAR_LOG_DECISIONS, "%d CUDA device%s found", count,
             count == 1 ? "" : "s");
  return;
out:
  __ppar_log(__PPAR_LOG_DECISIONS, "no CUDA device: %s", no_device);
}

PPAR_API int ppar_device_count(void) {
  pthread_once(&probe_once, probe);
  return device_count;
}

PPAR_API int ppar_get_device(void) { return current_device; }

PPAR_API void ppar_set_device(int dev) {
  int count = ppar_device_count();
  if (dev < 0 || dev >= count) {
    if (count == 0)
      __ppar_set_error(PPAR_ENODEV, "ppar_set_device(%d): no such device: %s",
                       dev, no_device);
    else
      __ppar_set_error(PPAR_ENODEV,
                       "ppar_set_device(%d): no such device: devices are "
                       "numbered 0 to %d",
                       dev, count - 1);
    return;
  }
  current_device = dev;
}

/* PPAR_ENODEV with its message when there is no device, else 0. */
static int need_device(const char *caller) {
  if (ppar_device_count() > 0)
    return PPAR_OK;
  return __ppar_set_error(PPAR_ENODEV, "%s: no CUDA device: %s", caller,
                          no_device);
}

PPAR_API int ppar_to_device(const void *host, size_t bytes) {
  (void)bytes;
  if (!host)
    return __ppar_set_error(PPAR_EINVAL, "ppar_to_device: host is NULL");
  int rc = need_device("ppar_to_device");
  if (rc != PPAR_OK)
    return rc;
  return __ppar_set_error(PPAR_ENOTSUP,
                          "ppar_to_device: resident data is not implemented "
                          "yet");
}

PPAR_API int ppar_to_host(void *host) {
  if (!host)
    return __ppar_set_error(PPAR_EINVAL, "ppar_to_host: host is NULL");
  int rc = need_device("ppar_to_host");
  if (rc != PPAR_OK)
    return rc;
  return __ppar_set_error(PPAR_ENOTSUP,
                          "ppar_to_host: resident data is not implemented yet");
}

PPAR_API int ppar_device_free(const void *host) {
  /* Like free(NULL): nothing to drop, on any machine. */
  if (!host)
    return PPAR_OK;
  int rc = need_device("ppar_device_free");
  if (rc != PPAR_OK)
    return rc;
  return __ppar_set_error(PPAR_ENOTSUP, "ppar_device_free: resident data is "
                                        "not implemented yet");
}
