/*
 * devices.h - the device set of PPAR_DEVICES (devices.c): which GPUs, in
 * which order, the parts of a split call and the copies of resident data
 * use. Internal. See docs/multi-gpu.md, "The device set".
 */
#ifndef PPAR_RT_DEVICES_H
#define PPAR_RT_DEVICES_H

#include "visibility.h"

/* At most this many slots (devices, real or virtual). */
enum { __PPAR_MAX_SLOTS = 16 };

/* Slots of the set (1 without a GPU), read once; a bad PPAR_DEVICES ends
 * the program with one line. */
PPAR_INTERNAL int __ppar_devices_count(void);
/* The device ordinal of slot (0 <= slot < __ppar_devices_count()); a
 * repeated ordinal is a virtual device. */
PPAR_INTERNAL int __ppar_devices_ordinal(int slot);
/* Whether some ordinal is repeated (virtual devices). */
PPAR_INTERNAL int __ppar_devices_virtual(void);

#endif /* PPAR_RT_DEVICES_H */
