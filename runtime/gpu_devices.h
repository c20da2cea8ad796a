/*
 * gpu_devices.h - the device set of PPAR_DEVICES (gpu_devices.c): the GPU
 * ordinals the process may use, read once. A split call runs one part on
 * each entry (gpu_split.c); delayed tasks that call GPU code are placed on
 * its distinct ordinals (task_place.c). See docs/multi-gpu.md.
 */
#ifndef PPAR_RT_GPU_DEVICES_H
#define PPAR_RT_GPU_DEVICES_H

#include "visibility.h"

/* At most this many entries (devices, real or virtual). */
enum { __PPAR_MAX_DEVICES = 16 };

/* The entries of the device set in order, repeats (virtual devices) kept:
 * *list points to them; returns how many. Unset, empty or `all`: every
 * device (at most __PPAR_MAX_DEVICES). No GPU: one entry, device 0, and
 * PPAR_DEVICES is not checked. A bad value ends the program with one line.
 * Thread-safe. */
PPAR_INTERNAL int __ppar_gpu_devices(const int **list);

#endif /* PPAR_RT_GPU_DEVICES_H */
