/*
 * gpu_peer.c - device-to-device copies (gpu_peer.h). The copies of one
 * resident range on the devices of the set exchange the bytes a call reads
 * and another device wrote last: for a stencil, the halo rows.
 */
#define _POSIX_C_SOURCE 200809L
#define PPAR_BUILDING_RUNTIME 1
#include "ppar.h"

#include "gpu_peer.h"

#include "cuda_driver.h"
#include "error.h"
#include "gpu_xfer.h"

#include <stdlib.h>

/* Pairs (destination, source) whose peer access was asked for once. */
enum { MAX_ORDINALS = 64 };
static unsigned char peer_asked[MAX_ORDINALS][MAX_ORDINALS];

/* Lets dst's context read src's memory directly, where the hardware can:
 * without it the driver stages peer copies through the host. Asked once per
 * pair; a refusal (no peer path, already enabled) changes nothing. Runs
 * with dst's context current. */
static void enable_peer(const struct __ppar_cu_api *cu,
                        const struct __ppar_gpu_device *dst,
                        const struct __ppar_gpu_device *src) {
  if (!cu->ctx_enable_peer_access || dst->ordinal >= MAX_ORDINALS ||
      src->ordinal >= MAX_ORDINALS ||
      __atomic_exchange_n(&peer_asked[dst->ordinal][src->ordinal], 1,
                          __ATOMIC_ACQ_REL))
    return;
  (void)cu->ctx_enable_peer_access(src->ctx, 0);
}

/* Through host memory: the source's bytes on this thread's stream of the
 * source device (waited for), then queued to the destination. t's stream
 * is waited for first: the caller ordered it, not the source's stream,
 * after the writes of src. */
static int through_host(struct __ppar_gpu_thread *t, __ppar_cu_deviceptr dst,
                        int src_ordinal, __ppar_cu_deviceptr src, size_t n,
                        const char *fn) {
  void *bounce = malloc(n ? n : 1);
  if (!bounce)
    return __ppar_set_error(PPAR_ENOMEM, "out of memory for a copy between "
                                         "devices");
  int rc = __ppar_gpu_sync(t);
  if (rc == PPAR_OK) {
    struct __ppar_gpu_thread *from = __ppar_gpu_thread(src_ordinal);
    rc = from ? __ppar_gpu_d2h(from, bounce, src, n, fn) : PPAR_ENODEV;
  }
  int back = __ppar_gpu_make_current(__ppar_gpu_thread_device(t));
  if (rc == PPAR_OK)
    rc = back;
  if (rc == PPAR_OK)
    rc = __ppar_gpu_h2d(t, dst, bounce, n, fn);
  free(bounce);
  return rc;
}

int __ppar_gpu_d2d(struct __ppar_gpu_thread *t, __ppar_cu_deviceptr dst,
                   int src_ordinal, __ppar_cu_deviceptr src, size_t n,
                   const char *fn) {
  const struct __ppar_cu_api *cu = __ppar_cu();
  const struct __ppar_gpu_device *to = __ppar_gpu_thread_device(t);
  __ppar_cu_stream stream = __ppar_gpu_thread_stream(t);
  if (src_ordinal == to->ordinal) {
    __ppar_cu_result cr = cu->memcpy_dtod_async(dst, src, n, stream);
    return cr == __PPAR_CU_SUCCESS ? PPAR_OK
                                   : __ppar_cu_fail(cr, "cuMemcpyDtoDAsync");
  }
  if (!cu->memcpy_peer_async)
    return through_host(t, dst, src_ordinal, src, n, fn);
  const struct __ppar_gpu_device *from = __ppar_gpu_device(src_ordinal);
  if (!from)
    return PPAR_ENODEV;
  /* Peer access is granted to the current context: make it the
   * destination's (cheap when it is). */
  int rc = __ppar_gpu_make_current(to);
  if (rc != PPAR_OK)
    return rc;
  enable_peer(cu, to, from);
  __ppar_cu_result cr =
      cu->memcpy_peer_async(dst, to->ctx, src, from->ctx, n, stream);
  return cr == __PPAR_CU_SUCCESS ? PPAR_OK
                                 : __ppar_cu_fail(cr, "cuMemcpyPeerAsync");
}
