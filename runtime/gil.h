/*
 * gil.h - the runtime's global lock (gil.c), held by tasks of functions
 * without nogil.
 */
#ifndef PPAR_RT_GIL_H
#define PPAR_RT_GIL_H

#include "visibility.h"

PPAR_INTERNAL void __ppar_gil_lock(void);
PPAR_INTERNAL void __ppar_gil_unlock(void);
/* Releases the lock if this thread holds it (a task that waits for another
 * must not keep it); returns whether it did, for __ppar_gil_lock after. */
PPAR_INTERNAL int __ppar_gil_release_if_held(void);

#endif /* PPAR_RT_GIL_H */
