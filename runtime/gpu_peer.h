/*
 * gpu_peer.h - device-to-device copies between the copies of resident
 * data (gpu_peer.c). Internal. See docs/multi-gpu.md, "Resident data on
 * several devices".
 */
#ifndef PPAR_RT_GPU_PEER_H
#define PPAR_RT_GPU_PEER_H

#include "cuda_driver.h"
#include "visibility.h"

#include <stddef.h>

struct __ppar_gpu_thread; /* gpu_xfer.h */

/* n bytes from src on device src_ordinal to dst on t's device, queued on
 * t's stream (this thread's state, its device current; the caller has
 * ordered the stream after the writes of src): cuMemcpyDtoDAsync on one
 * device, cuMemcpyPeerAsync between two (peer access enabled once per pair
 * where the driver allows it), else through host memory (the source
 * device's stream is waited for). fn names the call for messages. PPAR_OK
 * or a negative code with ppar_last_error set. */
PPAR_INTERNAL int __ppar_gpu_d2d(struct __ppar_gpu_thread *t,
                                 __ppar_cu_deviceptr dst, int src_ordinal,
                                 __ppar_cu_deviceptr src, size_t n,
                                 const char *fn);

#endif /* PPAR_RT_GPU_PEER_H */
