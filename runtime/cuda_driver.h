/*
 * cuda_driver.h - the CUDA driver, dlopen'ed (cuda_driver.c): its entry
 * points, the devices and their primary contexts. Internal: nothing here
 * is exported. See docs/gpu-runtime.md.
 *
 * Every function returns PPAR_OK (0) or a negative PPAR_E* code of ppar.h
 * unless it says otherwise.
 */
#ifndef PPAR_RT_CUDA_DRIVER_H
#define PPAR_RT_CUDA_DRIVER_H

#include "visibility.h"

#include <stddef.h>
#include <stdint.h>

/* The few driver API types the runtime needs, declared here because cuda.h
 * is not a build dependency. CUresult and CUdevice are ints; the handles are
 * opaque pointers; CUdeviceptr is 64 bits wide on every 64-bit platform. */
typedef int __ppar_cu_result;
typedef int __ppar_cu_device;
typedef struct __ppar_cu_ctx_st *__ppar_cu_context;
typedef struct __ppar_cu_mod_st *__ppar_cu_module;
typedef struct __ppar_cu_func_st *__ppar_cu_function;
typedef struct __ppar_cu_stream_st *__ppar_cu_stream;
typedef struct __ppar_cu_event_st *__ppar_cu_event;
typedef unsigned long long __ppar_cu_deviceptr;
typedef struct __ppar_cu_graph_st *__ppar_cu_graph;
typedef struct __ppar_cu_graph_exec_st *__ppar_cu_graph_exec;

/* cuLaunchKernelEx's configuration and attributes, laid out as cuda.h's
 * CUlaunchConfig and CUlaunchAttribute (a 4-byte id, padding, a 64-byte
 * value aligned to 8). */
struct __ppar_cu_launch_attr {
  int id;
  char pad[4];
  union {
    char bytes[64];
    unsigned long long align;
    int value;
  } v;
};
struct __ppar_cu_launch_config {
  unsigned grid_x, grid_y, grid_z;
  unsigned block_x, block_y, block_z;
  unsigned shared;
  __ppar_cu_stream stream;
  struct __ppar_cu_launch_attr *attrs;
  unsigned nattrs;
};
/* CU_LAUNCH_ATTRIBUTE_PROGRAMMATIC_STREAM_SERIALIZATION */
#define __PPAR_CU_LAUNCH_PROGRAMMATIC 6

enum {
  __PPAR_CU_SUCCESS = 0,
  __PPAR_CU_ERROR_INVALID_VALUE = 1,
  __PPAR_CU_ERROR_OUT_OF_MEMORY = 2,
  __PPAR_CU_ERROR_DEINITIALIZED = 4, /* the driver is shutting down (exit) */
  __PPAR_CU_ATTR_SM_COUNT = 16,   /* CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT */
  __PPAR_CU_ATTR_SM_THREADS = 39, /* ..._MAX_THREADS_PER_MULTIPROCESSOR    */
  __PPAR_CU_ATTR_CC_MAJOR = 75,   /* ..._COMPUTE_CAPABILITY_MAJOR             */
  __PPAR_CU_ATTR_CC_MINOR = 76,   /* ..._COMPUTE_CAPABILITY_MINOR             */
  __PPAR_CU_STREAM_NON_BLOCKING = 1,
  __PPAR_CU_EVENT_DISABLE_TIMING = 2,
  __PPAR_CU_MEMHOSTALLOC_PORTABLE = 1,    /* pinned for every context */
  __PPAR_CU_MEMHOSTREGISTER_PORTABLE = 1,
  /* CU_STREAM_CAPTURE_MODE_RELAXED: the capturing thread may still
   * allocate and load modules (the first call of a function does). */
  __PPAR_CU_CAPTURE_RELAXED = 2
};

/* Every driver entry point the runtime calls, looked up once. */
struct __ppar_cu_api {
  __ppar_cu_result (*init)(unsigned flags);
  __ppar_cu_result (*get_error_name)(__ppar_cu_result, const char **);
  __ppar_cu_result (*get_error_string)(__ppar_cu_result, const char **);
  __ppar_cu_result (*device_get_count)(int *);
  __ppar_cu_result (*device_get)(__ppar_cu_device *, int ordinal);
  __ppar_cu_result (*device_get_attribute)(int *, int attr, __ppar_cu_device);
  __ppar_cu_result (*device_get_name)(char *, int, __ppar_cu_device);
  __ppar_cu_result (*primary_ctx_retain)(__ppar_cu_context *,
                                         __ppar_cu_device);
  __ppar_cu_result (*ctx_set_current)(__ppar_cu_context);
  __ppar_cu_result (*ctx_get_current)(__ppar_cu_context *);
  __ppar_cu_result (*module_load_data)(__ppar_cu_module *, const void *);
  __ppar_cu_result (*module_get_function)(__ppar_cu_function *,
                                          __ppar_cu_module, const char *);
  __ppar_cu_result (*launch_kernel)(__ppar_cu_function, unsigned, unsigned,
                                    unsigned, unsigned, unsigned, unsigned,
                                    unsigned shared, __ppar_cu_stream,
                                    void **params, void **extra);
  __ppar_cu_result (*mem_alloc)(__ppar_cu_deviceptr *, size_t);
  __ppar_cu_result (*mem_free)(__ppar_cu_deviceptr);
  __ppar_cu_result (*mem_get_info)(size_t *free_bytes, size_t *total);
  __ppar_cu_result (*memcpy_htod)(__ppar_cu_deviceptr, const void *, size_t);
  __ppar_cu_result (*memcpy_dtoh)(void *, __ppar_cu_deviceptr, size_t);
  __ppar_cu_result (*memcpy_htod_async)(__ppar_cu_deviceptr, const void *,
                                        size_t, __ppar_cu_stream);
  __ppar_cu_result (*memcpy_dtoh_async)(void *, __ppar_cu_deviceptr, size_t,
                                        __ppar_cu_stream);
  __ppar_cu_result (*memcpy_dtod_async)(__ppar_cu_deviceptr,
                                        __ppar_cu_deviceptr, size_t,
                                        __ppar_cu_stream);
  __ppar_cu_result (*mem_alloc_host)(void **, size_t);
  __ppar_cu_result (*mem_free_host)(void *);
  __ppar_cu_result (*mem_host_alloc)(void **, size_t, unsigned flags);
  __ppar_cu_result (*mem_host_register)(void *, size_t, unsigned flags);
  __ppar_cu_result (*mem_host_unregister)(void *);
  __ppar_cu_result (*stream_create)(__ppar_cu_stream *, unsigned flags);
  __ppar_cu_result (*stream_destroy)(__ppar_cu_stream);
  __ppar_cu_result (*stream_synchronize)(__ppar_cu_stream);
  __ppar_cu_result (*event_create)(__ppar_cu_event *, unsigned flags);
  __ppar_cu_result (*event_destroy)(__ppar_cu_event);
  __ppar_cu_result (*event_record)(__ppar_cu_event, __ppar_cu_stream);
  __ppar_cu_result (*event_synchronize)(__ppar_cu_event);
  /* A stream waits on the device for an event recorded on another stream
   * (the dependences between streams of tasks, gpu_async.c). */
  __ppar_cu_result (*stream_wait_event)(__ppar_cu_stream, __ppar_cu_event,
                                        unsigned flags);
  __ppar_cu_result (*event_elapsed_time)(float *ms, __ppar_cu_event,
                                         __ppar_cu_event);
  /* Stream capture into CUDA graphs (record.c): NULL when the driver lacks
   * them, and a recording then replays by running its step again. */
  __ppar_cu_result (*stream_begin_capture)(__ppar_cu_stream, int mode);
  __ppar_cu_result (*stream_end_capture)(__ppar_cu_stream, __ppar_cu_graph *);
  __ppar_cu_result (*graph_instantiate)(__ppar_cu_graph_exec *,
                                        __ppar_cu_graph,
                                        unsigned long long flags);
  __ppar_cu_result (*graph_launch)(__ppar_cu_graph_exec, __ppar_cu_stream);
  __ppar_cu_result (*graph_exec_destroy)(__ppar_cu_graph_exec);
  __ppar_cu_result (*graph_destroy)(__ppar_cu_graph);
  /* Launches with attributes (CUDA 12): NULL when the driver lacks it. */
  __ppar_cu_result (*launch_kernel_ex)(const struct __ppar_cu_launch_config *,
                                       __ppar_cu_function, void **params,
                                       void **extra);
  /* Copies between devices (gpu_peer.c): NULL when the driver lacks them,
   * and the copy goes through host memory. */
  __ppar_cu_result (*memcpy_peer_async)(__ppar_cu_deviceptr dst,
                                        __ppar_cu_context dst_ctx,
                                        __ppar_cu_deviceptr src,
                                        __ppar_cu_context src_ctx, size_t,
                                        __ppar_cu_stream);
  __ppar_cu_result (*ctx_enable_peer_access)(__ppar_cu_context peer,
                                             unsigned flags);
};

/* The driver table once libcuda.so.1 is loaded, cuInit succeeded and a
 * device exists; NULL otherwise (the first call probes, thread-safe). */
PPAR_INTERNAL const struct __ppar_cu_api *__ppar_cu(void);
/* Devices the driver reports; 0 without driver or device. */
PPAR_INTERNAL int __ppar_cu_device_count(void);
/* Why there is no device, for messages ("" when there is one). */
PPAR_INTERNAL const char *__ppar_cu_why_none(void);
/* "CUDA_ERROR_OUT_OF_MEMORY (2): out of memory" into buf. */
PPAR_INTERNAL const char *__ppar_cu_strerror(__ppar_cu_result rc, char *buf,
                                             size_t size);
/* PPAR_ENOMEM for out of memory, else PPAR_EDRIVER. */
PPAR_INTERNAL int __ppar_cu_code(__ppar_cu_result rc);
/* ppar_last_error = "<what> failed: <__ppar_cu_strerror>"; the code. */
PPAR_INTERNAL int __ppar_cu_fail(__ppar_cu_result rc, const char *what);

/* One device, opened on first use: its attributes and retained primary
 * context. */
struct __ppar_gpu_device {
  int ordinal;
  __ppar_cu_device dev;
  __ppar_cu_context ctx;
  int cc_major, cc_minor; /* compute capability       */
  int sms;                /* multiprocessors, >= 1    */
  int sm_threads;         /* threads resident per multiprocessor, >= 1 */
  char name[96];
  int ready; /* atomic: the fields above are set */
};

/* The device with this ordinal, opened (thread-safe); NULL with
 * ppar_last_error set when there is none or it cannot be opened. */
PPAR_INTERNAL const struct __ppar_gpu_device *__ppar_gpu_device(int ordinal);
/* Make d's primary context current on this thread (cheap when it is). */
PPAR_INTERNAL int __ppar_gpu_make_current(const struct __ppar_gpu_device *d);

#endif /* PPAR_RT_CUDA_DRIVER_H */
