/*
 * api_device.c - the device API of ppar.h (ppar_device_count,
 * ppar_get_device, ppar_set_device, ppar_to_device, ppar_to_host,
 * ppar_device_free, ppar_synchronize, ppar_host_*): argument checks live
 * in resident.c, gpu_async.c and pinned.c, which do the work; the driver is
 * probed by cuda_driver.c.
 */
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "cuda_driver.h"
#include "gpu_async.h"
#include "pinned.h"
#include "resident.h"
#include "visibility.h"

PPAR_API int ppar_device_count(void) { return __ppar_cu_device_count(); }

PPAR_API int ppar_get_device(void) { return __ppar_device_current(); }

PPAR_API void ppar_set_device(int dev) { __ppar_device_set(dev); }

PPAR_API int ppar_to_device(const void *p, size_t bytes) {
  return __ppar_to_device(p, bytes);
}

PPAR_API int ppar_to_host(void *host) { return __ppar_to_host(host); }

PPAR_API int ppar_device_free(const void *host) {
  return __ppar_device_free(host);
}

PPAR_API int ppar_synchronize(void) {
  return __ppar_gpu_async_wait_all("ppar_synchronize", 0);
}

PPAR_API void *ppar_host_alloc(size_t bytes) { return __ppar_host_alloc(bytes); }

PPAR_API void ppar_host_free(void *p) { __ppar_host_free(p); }

PPAR_API int ppar_host_register(void *p, size_t bytes) {
  return __ppar_host_register(p, bytes);
}

PPAR_API int ppar_host_unregister(void *p) { return __ppar_host_unregister(p); }
